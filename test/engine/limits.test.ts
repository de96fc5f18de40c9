import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob } from './api';

describe('engine: session limits and lifetimes', { timeout: 180_000 }, () => {
  let fx: FixtureServer;
  before(async () => {
    fx = await startFixtureServer();
  });
  after(async () => {
    await fx?.close();
  });

  describe('--max-sessions 1', () => {
    let engine: EngineHandle;
    before(async () => {
      engine = await startEngine({ args: ['--max-sessions', '1'] });
    });
    after(async () => {
      await engine?.stop();
    });

    test('429 beyond the limit, and a slot frees up after a stop', async () => {
      const a = await scrapeJob(engine, `${fx.url}/index.html`);
      const b = await scrapeJob(engine, `${fx.url}/two.html`);
      assert.equal((await interact(engine, a, { code: '1' })).status, 200);
      const r = await interact(engine, b, { code: '1' });
      assert.equal(r.status, 429);
      assert.match(r.body.error, /maximum number of active browser sessions \(1\)/);
      assert.match(r.body.error, /DELETE \/v2\/scrape\/\{jobId\}\/interact/);
      await call(engine, 'DELETE', `/v2/scrape/${a}/interact`);
      const ok = await interact(engine, b, { code: 'await page.title()' });
      assert.equal(ok.body.result, 'Second Page');
    });
  });

  describe('short lifetimes', () => {
    let engine: EngineHandle;
    before(async () => {
      engine = await startEngine({ args: ['--session-ttl', '6', '--activity-ttl', '2'] });
    });
    after(async () => {
      await engine?.stop();
    });

    test('an idle session expires and then answers 410; the stop answers its bill', async () => {
      const job = await scrapeJob(engine, `${fx.url}/index.html`);
      assert.equal((await interact(engine, job, { code: '1' })).status, 200);
      await sleep(3_500);
      const r = await interact(engine, job, { code: '1' });
      assert.deepEqual([r.status, r.body.error], [410, 'Browser session has been destroyed.']);
      const list = await call(engine, 'GET', '/v2/browser?status=active');
      assert.equal(list.body.sessions.length, 0);
      const bill = await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
      assert.equal(bill.body.creditsBilled, 2);
    });

    test('a busy session still ends at its lifetime', async () => {
      const job = await scrapeJob(engine, `${fx.url}/index.html`);
      const started = Date.now();
      // Keep it active (every second) past the 6 s lifetime.
      let status = 200;
      while (status === 200 && Date.now() - started < 15_000) {
        status = (await interact(engine, job, { code: '1' })).status;
        if (status === 200) await sleep(1_000);
      }
      assert.equal(status, 410);
      assert.ok(Date.now() - started >= 5_000, 'not before its lifetime');
    });
  });
});
