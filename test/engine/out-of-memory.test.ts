import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { interact, scrapeJob, shown, withEngineAndFixtures } from './api';

// A small heap (--node-heap-mb) makes running out of memory cheap on a shared machine.
const HEAP_MB = 96;

describe('engine: a node run that runs out of memory', { timeout: 180_000 }, () => {
  let fx: FixtureServer;
  let engine: EngineHandle;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
  }, { args: ['--node-heap-mb', String(HEAP_MB)] });

  test('answers the out-of-memory message, and the session runs the next run on the same page', async () => {
    const job = await scrapeJob(engine, `${fx.url}/index.html`);
    const limit = await interact(engine, job, { code: "globalThis.kept = 'before'; require('node:v8').getHeapStatistics().heap_size_limit" });
    assert.equal(limit.body.success, true, shown(limit.body));
    // The flag reaches the REPL worker: its heap limit is about HEAP_MB, not Node's default (GBs).
    assert.ok(limit.body.result <= (HEAP_MB + 64) * 1024 * 1024, `heap limit ${limit.body.result}`);

    const oom = await interact(engine, job, { code: 'const hog = []; for (;;) hog.push(new Array(1_000_000).fill(Math.random()));' });
    assert.equal(oom.status, 200, shown(oom.body));
    assert.equal(oom.body.success, false);
    assert.equal(oom.body.killed, false);
    assert.match(oom.body.stderr, /The run ran out of memory \(Node's heap limit\)/);
    assert.match(oom.body.error, /ran out of memory/);
    assert.doesNotMatch(oom.body.stderr, /SIGABRT|code 134/);

    // Same session, a fresh REPL: the page is still there, the variables are gone.
    const next = await interact(engine, job, { code: 'JSON.stringify([await page.title(), typeof globalThis.kept])' });
    assert.equal(next.body.success, true, shown(next.body));
    assert.equal(next.body.sessionId, oom.body.sessionId);
    assert.deepEqual(JSON.parse(next.body.result), ['Fixture Home', 'undefined']);
  });
});
