// A session's own lifetimes: `ttl` and `activityTtl` on the first interact call (the cloud's
// options, sent by the SDKs) override the engine's defaults for that session only.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';

describe('engine: ttl and activityTtl on interact', { timeout: 120_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
  });

  test('activityTtl 10 ends an idle session after 10 s while a session with the defaults lives on', async () => {
    const short = await scrapeJob(engine, `${fx.url}/index.html`);
    const long = await scrapeJob(engine, `${fx.url}/two.html`);
    const first = await interact(engine, short, { code: '1', ttl: 60, activityTtl: 10 });
    assert.equal(first.status, 200, shown(first.body));
    assert.equal((await interact(engine, long, { code: '1' })).status, 200);
    await sleep(12_000);
    const gone = await interact(engine, short, { code: '1' });
    assert.deepEqual([gone.status, gone.body.error], [410, 'Browser session has been destroyed.']);
    const alive = await interact(engine, long, { code: 'page.url()' });
    assert.equal(alive.status, 200);
    assert.match(alive.body.result, /two\.html$/);
    // The expired session was billed up to its last activity's end, not beyond.
    const stop = await call(engine, 'DELETE', `/v2/scrape/${short}/interact`);
    assert.equal(stop.status, 200);
    assert.ok(stop.body.sessionDurationMs >= 10_000 && stop.body.sessionDurationMs < 60_000, shown(stop.body));
  });
});
