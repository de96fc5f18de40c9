import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveViewHtml } from '../../src/ui/liveview-html';
import { BUTTON_MESSAGES, ELEMENT, parsePanelMessage, parsePanelState } from '../../src/ui/liveview-protocol';

const JOB = '550e8400-e29b-41d4-a716-446655440000';

test('live view protocol: every element the script and the extension name is in the page', () => {
  const html = liveViewHtml({ nonce: 'n', scriptUri: 'https://x/panel.js', src: 'http://127.0.0.1:1/live/a', frameOrigins: ['http://127.0.0.1:1'], interactive: false, clipboard: false, canToggle: true, canPick: true, jobId: JOB });
  for (const id of Object.values(ELEMENT)) assert.ok(html.includes(` id="${id}"`), `the page has #${id}`);
  for (const [id] of BUTTON_MESSAGES) assert.match(html, new RegExp(`<button id="${id}"`), `#${id} is a button`);
});

test('live view protocol: the webview messages are read by their type, anything else is dropped', () => {
  for (const [, message] of BUTTON_MESSAGES) assert.deepEqual(parsePanelMessage(message), message);
  assert.deepEqual(parsePanelMessage({ type: 'ready', extra: 'ignored' }), { type: 'ready' });
  for (const bad of [undefined, null, 'pick', { type: 'pickStatus' }, { type: 'runCommand', command: 'x' }, { type: 1 }]) assert.equal(parsePanelMessage(bad), undefined, JSON.stringify(bad));
});

test('live view protocol: a restored panel state needs a job id; the rest falls back', () => {
  assert.deepEqual(parsePanelState({ jobId: JOB, interactive: true }), { jobId: JOB, apiUrl: undefined, interactive: true });
  assert.deepEqual(parsePanelState({ jobId: JOB, apiUrl: 'http://127.0.0.1:3002', interactive: 'yes' }), { jobId: JOB, apiUrl: 'http://127.0.0.1:3002', interactive: false });
  assert.equal(parsePanelState({ interactive: true }), undefined);
  assert.equal(parsePanelState(undefined), undefined);
});
