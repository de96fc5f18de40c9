/** The exported API's copies of sessions (issue 16): no key ever; capability URLs only when the test harness asked. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Server } from '../../src/sessions/server';
import type { SessionState } from '../../src/sessions/session-store';
import { hideFrameSrc, snapshotSession } from '../../src/sessions/session-snapshot';

const KEY = 'fc-0123456789abcdef';
const state: SessionState = {
  jobId: '550e8400-e29b-41d4-a716-446655440000',
  server: new Server('https://api.firecrawl.dev', 'cloud', 'cloud', KEY),
  sessionId: 's1',
  startedAt: 1,
  lastActivity: 2,
  promptUsed: false,
  cdpUrl: 'wss://x.example/cdp/1?token=CDP-TOKEN',
  liveViewUrl: 'https://x.example/live/1?token=LIVE-TOKEN',
  interactiveLiveViewUrl: 'https://x.example/live/1?token=INTERACTIVE-TOKEN',
};

test('a session copy holds no key and no capability URL', () => {
  const copy = snapshotSession(state, false);
  assert.deepEqual(copy, { jobId: state.jobId, server: { apiUrl: 'https://api.firecrawl.dev', kind: 'cloud', label: 'cloud' }, sessionId: 's1', startedAt: 1, lastActivity: 2, promptUsed: false });
  assert.ok(!(copy.server instanceof Server), 'the live Server (with its key getter) was handed out');
  assert.doesNotMatch(JSON.stringify(copy), /fc-|TOKEN/);
  copy.server.apiUrl = 'https://evil.example';
  assert.equal(state.server.apiUrl, 'https://api.firecrawl.dev', 'a copy, not the state');
});

test("capability URLs only in the extension's own test runs", () => {
  const copy = snapshotSession(state, true);
  assert.equal(copy.cdpUrl, state.cdpUrl);
  assert.equal(copy.liveViewUrl, state.liveViewUrl);
  assert.doesNotMatch(JSON.stringify(copy), /fc-/);
});

test('a live-view snapshot loses its frame URL, in the field and in the HTML', () => {
  const view = { title: 't', jobId: 'j', interactive: false, iframeSrc: state.liveViewUrl, html: `<p>x</p><iframe id="live" title="Live" src="https://x.example/live/1?token=LIVE-TOKEN&amp;a=1" sandbox="allow-scripts"></iframe>` };
  const hidden = hideFrameSrc(view, false);
  assert.equal(hidden.iframeSrc, undefined);
  assert.doesNotMatch(JSON.stringify(hidden), /TOKEN/);
  assert.match(hidden.html, /src="about:blank" sandbox=/);
  assert.equal(hideFrameSrc(view, true), view);
});
