import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InteractResponse } from '../../src/shared/api-types';
import { formatElapsed } from '../../src/ui/labels';
import { estimate } from '../../src/sessions/cost-meter';
import { Server } from '../../src/sessions/server';
import { expiresAt, SESSION_LIMITS, SessionStore, type SessionEnded } from '../../src/sessions/session-store';

const JOB_A = '550e8400-e29b-41d4-a716-446655440000';
const JOB_B = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const API = 'http://127.0.0.1:3002';
const A = new Server(API, 'local', 'local engine', 'fc-local-key-a');
const CLOUD = new Server('https://api.firecrawl.dev', 'cloud', 'cloud', 'fc-cloud-key');
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
  const first = store.recordInteract(A, JOB_A, RES, false, c.t - 2_000);
  assert.equal(first.isNew, true);
  assert.equal(first.state.startedAt, c.t - 2_000, 'dated from when the request was sent');
  assert.equal(first.state.liveViewUrl, RES.liveViewUrl);
  c.t += 30_000;
  const failed = store.recordInteract(A, JOB_A, { success: false, exitCode: 1, error: 'boom' }, true);
  assert.equal(failed.isNew, false, 'a failed run on an existing session is activity, not a new session');
  assert.equal(failed.state.lastActivity, c.t);
  assert.equal(failed.state.promptUsed, true);
  assert.equal(failed.state.cdpUrl, RES.cdpUrl, 'URLs are kept when the answer omits them');
  store.recordInteract(A, JOB_A, RES, false);
  assert.equal(store.get(JOB_A)?.promptUsed, true, 'a prompt marks the session for its whole life');
  assert.equal(changes, 3);
  sub.dispose();
  store.end(API, JOB_A, 'stopped');
  assert.equal(changes, 3, 'disposed listeners are not called');
  assert.equal(store.get(JOB_A), undefined);
  assert.equal(store.end(API, JOB_A, 'stopped'), undefined);
});

test('sessions: a failed first run still starts a session (the server made the browser)', () => {
  const store = new SessionStore(clock().now);
  const { isNew, state } = store.recordInteract(A, JOB_A, { success: false, stderr: 'x', exitCode: 1 }, false);
  assert.equal(isNew, true);
  assert.equal(state.jobId, JOB_A);
});

test('sessions: a session belongs to its server; the same job on another server is another session', () => {
  const store = new SessionStore(clock().now);
  const ended: SessionEnded[] = [];
  store.onDidEnd((e) => ended.push(e));
  store.recordInteract(A, JOB_A, RES, false);
  store.recordInteract(CLOUD, JOB_A, RES, false);
  assert.equal(store.list().length, 2);
  assert.equal(store.get(JOB_A, API)?.server, A);
  assert.deepEqual(store.onServer(CLOUD.apiUrl).map((s) => s.server.label), ['cloud']);
  // Another server's answer about the job ends nothing here.
  assert.equal(store.end('http://127.0.0.1:9999', JOB_A, 'not-found'), undefined);
  assert.equal(store.list().length, 2);
  store.end(API, JOB_A, 'stopped');
  assert.deepEqual(store.list().map((s) => s.server.apiUrl), [CLOUD.apiUrl]);
  assert.deepEqual(ended.map((e) => [e.state.server.apiUrl, e.reason]), [[API, 'stopped']]);
});

test('sessions: the server object keeps its key out of JSON', () => {
  assert.equal(A.apiKey, 'fc-local-key-a');
  assert.doesNotMatch(JSON.stringify({ server: A }), /fc-local-key-a/);
  assert.deepEqual(Object.keys(A), ['apiUrl', 'kind', 'label']);
  assert.equal(A.free, true);
  assert.equal(CLOUD.free, false);
});

test('sessions: a new session id or an expired session starts afresh', () => {
  const c = clock();
  const store = new SessionStore(c.now);
  store.recordInteract(A, JOB_A, RES, true);
  c.t += 1_000;
  assert.equal(store.recordInteract(A, JOB_A, { ...RES, sessionId: 's2' }, false).isNew, true);
  assert.equal(store.get(JOB_A)?.promptUsed, false);
  assert.equal(store.recordInteract(CLOUD, JOB_A, RES, false).isNew, true);
  c.t += SESSION_LIMITS.activityTtlMs;
  assert.equal(store.recordInteract(CLOUD, JOB_A, RES, false).isNew, true);
});

test('sessions: list is oldest first; a session past its lifetime is only marked overdue (its server decides)', () => {
  const c = clock();
  const store = new SessionStore(c.now);
  store.recordInteract(A, JOB_B, RES, false);
  c.t += 200_000;
  store.recordInteract(A, JOB_A, RES, false);
  assert.deepEqual(store.list().map((s) => s.jobId), [JOB_B, JOB_A]);
  c.t += 150_000; // B idle 350 s > 300 s; A idle 150 s.
  assert.deepEqual(store.markOverdue().map((s) => s.jobId), [JOB_B]);
  assert.deepEqual(store.list().map((s) => s.jobId), [JOB_B, JOB_A], 'still listed until its server confirms');
  assert.equal(store.get(JOB_B)?.overdue, true);
  assert.notEqual(store.get(JOB_A)?.overdue, true);
});

test('sessions: expiry is the earlier of 10 min from start and 5 min from last activity', () => {
  const s = { jobId: JOB_A, server: A, startedAt: 0, lastActivity: 400_000, promptUsed: false };
  assert.equal(expiresAt(s), 600_000);
  assert.equal(expiresAt({ ...s, lastActivity: 100_000 }), 400_000);
});

test('cost: 2 credits per minute prorated per second, minimum 2, rounded up; prompt rate 7', () => {
  const s = { jobId: JOB_A, server: A, startedAt: 0, lastActivity: 0, promptUsed: false };
  assert.deepEqual(estimate(s, 0), { elapsedMs: 0, credits: 2 });
  assert.deepEqual(estimate({ ...s, lastActivity: 90_000 }, 90_000), { elapsedMs: 90_000, credits: 3 });
  assert.deepEqual(estimate({ ...s, lastActivity: 91_000 }, 91_000), { elapsedMs: 91_000, credits: 4 });
  assert.deepEqual(estimate({ ...s, promptUsed: true, lastActivity: 60_000 }, 60_000), { elapsedMs: 60_000, credits: 7 });
  assert.equal(estimate({ ...s, lastActivity: 120_000 }, 120_000, { perMinute: 3, promptPerMinute: 10 }).credits, 6);
});

test('cost: an expired session is estimated to its end, not forever', () => {
  const s = { jobId: JOB_A, server: A, startedAt: 0, lastActivity: 60_000, promptUsed: false };
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
