import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InteractResponse } from '../../src/shared/api-types';
import { estimate, formatElapsed, summarize } from '../../src/sessions/cost-meter';
import { expiresAt, SESSION_LIMITS, SessionStore } from '../../src/sessions/session-store';

const JOB_A = '550e8400-e29b-41d4-a716-446655440000';
const JOB_B = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const API = 'http://127.0.0.1:3002';
const RES: InteractResponse = { success: true, sessionId: 's1', cdpUrl: 'ws://c?t=1', liveViewUrl: 'http://l/v?t=1', interactiveLiveViewUrl: 'http://l/v?t=1&i=1', exitCode: 0 };

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

test('sessions: the first 200 answer starts a session; later runs update activity', () => {
  const c = clock();
  const store = new SessionStore(c.now);
  let changes = 0;
  const sub = store.onDidChange(() => changes++);
  const first = store.recordInteract(JOB_A, API, RES, false, c.t - 2_000);
  assert.equal(first.isNew, true);
  assert.equal(first.state.startedAt, c.t - 2_000, 'dated from when the request was sent');
  assert.equal(first.state.liveViewUrl, RES.liveViewUrl);
  c.t += 30_000;
  const failed = store.recordInteract(JOB_A, API, { success: false, exitCode: 1, error: 'boom' }, true);
  assert.equal(failed.isNew, false, 'a failed run on an existing session is activity, not a new session');
  assert.equal(failed.state.lastActivity, c.t);
  assert.equal(failed.state.promptUsed, true);
  assert.equal(failed.state.cdpUrl, RES.cdpUrl, 'URLs are kept when the answer omits them');
  store.recordInteract(JOB_A, API, RES, false);
  assert.equal(store.get(JOB_A)?.promptUsed, true, 'a prompt marks the session for its whole life');
  assert.equal(changes, 3);
  sub.dispose();
  store.end(JOB_A);
  assert.equal(changes, 3, 'disposed listeners are not called');
  assert.equal(store.get(JOB_A), undefined);
  assert.equal(store.end(JOB_A), undefined);
});

test('sessions: a failed first run still starts a session (the server made the browser)', () => {
  const store = new SessionStore(clock().now);
  const { isNew, state } = store.recordInteract(JOB_A, API, { success: false, stderr: 'x', exitCode: 1 }, false);
  assert.equal(isNew, true);
  assert.equal(state.jobId, JOB_A);
});

test('sessions: a new session id, another server or an expired session starts afresh', () => {
  const c = clock();
  const store = new SessionStore(c.now);
  store.recordInteract(JOB_A, API, RES, true);
  c.t += 1_000;
  assert.equal(store.recordInteract(JOB_A, API, { ...RES, sessionId: 's2' }, false).isNew, true);
  assert.equal(store.get(JOB_A)?.promptUsed, false);
  assert.equal(store.recordInteract(JOB_A, 'https://api.firecrawl.dev', RES, false).isNew, true);
  c.t += SESSION_LIMITS.activityTtlMs;
  assert.equal(store.recordInteract(JOB_A, 'https://api.firecrawl.dev', RES, false).isNew, true);
});

test('sessions: list is oldest first; pruneExpired ends sessions the server has destroyed', () => {
  const c = clock();
  const store = new SessionStore(c.now);
  store.recordInteract(JOB_B, API, RES, false);
  c.t += 200_000;
  store.recordInteract(JOB_A, API, RES, false);
  assert.deepEqual(store.list().map((s) => s.jobId), [JOB_B, JOB_A]);
  c.t += 150_000; // B idle 350 s > 300 s; A idle 150 s.
  assert.deepEqual(store.pruneExpired().map((s) => s.jobId), [JOB_B]);
  assert.deepEqual(store.list().map((s) => s.jobId), [JOB_A]);
  assert.deepEqual(store.pruneExpired(), []);
});

test('sessions: expiry is the earlier of 10 min from start and 5 min from last activity', () => {
  const s = { jobId: JOB_A, apiUrl: API, startedAt: 0, lastActivity: 400_000, promptUsed: false };
  assert.equal(expiresAt(s), 600_000);
  assert.equal(expiresAt({ ...s, lastActivity: 100_000 }), 400_000);
});

test('cost: 2 credits per minute prorated per second, minimum 2, rounded up; prompt rate 7', () => {
  const s = { jobId: JOB_A, apiUrl: API, startedAt: 0, lastActivity: 0, promptUsed: false };
  assert.deepEqual(estimate(s, 0), { elapsedMs: 0, credits: 2 });
  assert.deepEqual(estimate({ ...s, lastActivity: 90_000 }, 90_000), { elapsedMs: 90_000, credits: 3 });
  assert.deepEqual(estimate({ ...s, lastActivity: 91_000 }, 91_000), { elapsedMs: 91_000, credits: 4 });
  assert.deepEqual(estimate({ ...s, promptUsed: true, lastActivity: 60_000 }, 60_000), { elapsedMs: 60_000, credits: 7 });
  assert.equal(estimate({ ...s, lastActivity: 120_000 }, 120_000, { perMinute: 3, promptPerMinute: 10 }).credits, 6);
});

test('cost: an expired session is estimated to its end, not forever', () => {
  const s = { jobId: JOB_A, apiUrl: API, startedAt: 0, lastActivity: 60_000, promptUsed: false };
  assert.deepEqual(estimate(s, 3_600_000), { elapsedMs: 360_000, credits: 12 });
});

test('cost: elapsed time formatting', () => {
  assert.equal(formatElapsed(0), '0:00');
  assert.equal(formatElapsed(999), '0:00');
  assert.equal(formatElapsed(83_000), '1:23');
  assert.equal(formatElapsed(600_000), '10:00');
  assert.equal(formatElapsed(3_725_000), '1:02:05');
  assert.equal(formatElapsed(-5), '0:00');
});

test('cost: status-bar summary for none, one and several sessions', () => {
  const a = { jobId: JOB_A, apiUrl: API, startedAt: 0, lastActivity: 83_000, promptUsed: false };
  const b = { jobId: JOB_B, apiUrl: API, startedAt: 0, lastActivity: 83_000, promptUsed: true };
  assert.deepEqual(summarize([], 0), { count: 0, credits: 0, text: '', tooltip: '' });
  const one = summarize([a], 83_000);
  assert.equal(one.text, '$(globe) 1:23 · ~3 cr');
  assert.match(one.tooltip, /Estimate: 2 credits per minute \(7 once a prompt ran\)/);
  const two = summarize([a, b], 83_000);
  assert.equal(two.count, 2);
  assert.equal(two.credits, 3 + 10);
  assert.equal(two.text, '$(globe) 2 sessions · ~13 cr');
  assert.match(two.tooltip, new RegExp(`Job ${JOB_B}: 1:23, ~10 credits \\(prompt rate\\)`));
});
