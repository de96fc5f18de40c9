// Standalone browser sessions (POST /v2/browser, /execute, DELETE, list) through the official JS
// SDK's browser(), browserExecute(), listBrowsers() and deleteBrowser(), against the real engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Firecrawl from '@mendable/firecrawl-js';
import { chromium } from 'playwright-core';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, shown, withEngineAndFixtures } from './api';

describe('engine: standalone browser sessions (JS SDK)', { timeout: 180_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let fc: Firecrawl;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
    fc = new Firecrawl({ apiKey: engine.apiKey, apiUrl: engine.url });
  });

  test('create, execute (node, bash, python), list, cdpUrl, delete; then 410', async () => {
    const started = Date.now();
    const created = await fc.browser({ ttl: 120, activityTtl: 60, streamWebView: false });
    assert.equal(created.success, true, shown(created));
    const id = created.id as string;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.match(created.cdpUrl ?? '', new RegExp(`/cdp/${id}\\?token=`));
    assert.match(created.liveViewUrl ?? '', new RegExp(`/live/${id}\\?token=`));
    const expires = Date.parse(created.expiresAt as string);
    assert.ok(expires >= started + 119_000 && expires <= Date.now() + 121_000, `expiresAt is ttl after creation: ${created.expiresAt}`);

    const node = await fc.browserExecute(id, { code: `await page.goto('${fx.url}/index.html'); await page.title()`, language: 'node' });
    assert.equal(node.success, true, shown(node));
    assert.equal(node.result, 'Fixture Home');
    // The SDK's default language is bash (agent-browser connected to this session).
    const bash = await fc.browserExecute(id, { code: 'agent-browser get title' });
    assert.equal(bash.stdout, 'Fixture Home\n');
    assert.equal(bash.result, 'Fixture Home\n');
    const python = await fc.browserExecute(id, { code: "await page.text_content('h1')", language: 'python' });
    assert.equal(python.result, 'Hello fixture', shown(python));

    const listed = await fc.listBrowsers({ status: 'active' });
    const mine = listed.sessions?.find((s) => s.id === id);
    assert.ok(mine, 'the session is listed');
    assert.equal(mine.streamWebView, false);
    assert.equal(mine.status, 'active');

    const browser = await chromium.connectOverCDP(created.cdpUrl as string);
    try {
      const page = browser.contexts()[0].pages().find((p) => p.url().endsWith('/index.html'));
      assert.ok(page, 'cdpUrl reaches this session and its page');
    } finally {
      await browser.close();
    }

    const deleted = await fc.deleteBrowser(id);
    assert.equal(deleted.success, true);
    assert.equal(deleted.status, 'destroyed');
    assert.ok((deleted.creditsBilled ?? 0) >= 2);
    await assert.rejects(fc.browserExecute(id, { code: '1', language: 'node' }), /destroyed/);
    const destroyed = await fc.listBrowsers({ status: 'destroyed' });
    assert.ok(destroyed.sessions?.some((s) => s.id === id));
  });

  test('bad input: ttl out of range, recordSession, unknown keys, bad and unknown ids', async () => {
    const ttl = await call(engine, 'POST', '/v2/browser', { ttl: 10 });
    assert.equal(ttl.status, 400);
    assert.match(ttl.body.error, /^ttl 10 is not allowed: it must be a whole number of seconds from 30 to 3600\.$/);
    const record = await call(engine, 'POST', '/v2/browser', { recordSession: true });
    assert.equal(record.status, 400);
    assert.match(record.body.error, /recordSession is not supported/);
    const extra = await call(engine, 'POST', '/v2/browser', { headless: false });
    assert.match(extra.body.error, /Unrecognized key\(s\) in object: 'headless'/);
    const badId = await call(engine, 'POST', '/v2/browser/nope/execute', { code: '1' });
    assert.equal(badId.status, 400);
    assert.match(badId.body.error, /Invalid session ID format/);
    const unknown = await call(engine, 'DELETE', '/v2/browser/00000000-0000-4000-8000-000000000000');
    assert.deepEqual([unknown.status, unknown.body.error], [404, 'Browser session not found.']);
    const unknownRun = await call(engine, 'POST', '/v2/browser/00000000-0000-4000-8000-000000000000/execute', { code: '1' });
    assert.equal(unknownRun.status, 404);
  });
});
