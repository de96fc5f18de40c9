import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CMD } from '../../src/ids';
import { actionLabel, errorLinks, type ActionContext } from '../../src/ui/error-actions';

const ctx: ActionContext = { extensionId: 'pub.ext', engineRunning: false };

test('error actions: links keep the error order and skip actions that cannot apply', () => {
  const links = errorLinks(['setApiKey', 'rescrape', 'retry', 'chooseJob'], ctx);
  // No job: nothing to scrape again; no retry target: no Retry.
  assert.deepEqual(
    links.map((l) => l.label),
    ['Set API key', 'Choose job'],
  );
  assert.equal(links[0].command, CMD.setApiKey);
});

test('error actions: Retry and Scrape again carry their targets', () => {
  const links = errorLinks(['rescrape', 'retry'], { ...ctx, jobId: 'j', apiUrl: 'http://a', retry: { command: CMD.historyRerun, arg: { id: 'run-1' } } });
  assert.deepEqual(links, [
    { label: 'Scrape the URL again', command: CMD.scrapeUrl, arg: { replacing: 'j', apiUrl: 'http://a' } },
    { label: 'Retry', command: CMD.historyRerun, arg: { id: 'run-1' } },
  ]);
});

test('error actions: Start local engine is not offered while it runs', () => {
  assert.deepEqual(errorLinks(['startLocalEngine', 'openSettings'], { ...ctx, engineRunning: true }).map((l) => l.label), ['Open settings']);
});

test('error actions: every action has a label naming what it does', () => {
  assert.equal(actionLabel('rescrape'), 'Scrape the URL again');
  assert.equal(actionLabel('stopSessions'), 'Stop sessions');
  assert.equal(actionLabel('startLocalEngine'), 'Start local engine');
  assert.equal(actionLabel('openSettings'), 'Open settings');
});

test('error actions: a repeated action gives one link', () => {
  assert.equal(errorLinks(['setApiKey', 'setApiKey'], ctx).length, 1);
});

test("error actions: Check the URL offers the failed scrape's URL to correct, on the same server", () => {
  const links = errorLinks(['checkUrl', 'retry'], { ...ctx, apiUrl: 'http://a', url: 'http://127.0.0.1:9/', retry: { command: CMD.scrapeUrl, arg: { url: 'http://127.0.0.1:9/' } } });
  assert.deepEqual(links, [
    { label: 'Check the URL', command: CMD.scrapeUrl, arg: { draft: 'http://127.0.0.1:9/', apiUrl: 'http://a' } },
    { label: 'Retry', command: CMD.scrapeUrl, arg: { url: 'http://127.0.0.1:9/' } },
  ]);
  assert.deepEqual(errorLinks(['checkUrl'], ctx), [], 'no URL: nothing to check');
});
