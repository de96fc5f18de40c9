import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTION_LABELS, buttonsFor } from '../../src/ui/error-actions';

test('error actions: buttons keep the error order and skip actions without a handler', async () => {
  const ran: string[] = [];
  const buttons = buttonsFor(['setApiKey', 'chooseJob', 'retry'], {
    setApiKey: () => ran.push('key'),
    retry: () => ran.push('retry'),
  });
  assert.deepEqual(
    buttons.map((b) => b.label),
    ['Set API key', 'Retry'],
  );
  for (const b of buttons) await b.run();
  assert.deepEqual(ran, ['key', 'retry']);
});

test('error actions: every action has a label naming what it does', () => {
  assert.equal(ACTION_LABELS.rescrape, 'Scrape the URL again');
  assert.equal(ACTION_LABELS.stopSessions, 'Stop sessions');
  assert.equal(ACTION_LABELS.startLocalEngine, 'Start local engine');
  assert.equal(ACTION_LABELS.openSettings, 'Open settings');
});

test('error actions: a repeated action gives one button', () => {
  assert.equal(buttonsFor(['retry', 'retry'], { retry: () => undefined }).length, 1);
});
