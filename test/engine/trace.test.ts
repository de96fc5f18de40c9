/**
 * Session traces on the real engine (--trace on): every run is recorded through the session's
 * node REPL and marked by its number; GET .../trace answers a zip that Playwright's own trace
 * reader opens, during the session and after it, within the kept bounds.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';
import { readTrace } from '../support/trace-reader';

async function download(engine: EngineHandle, path: string): Promise<{ status: number; zip: Buffer; type: string | null }> {
  const res = await fetch(engine.url + path, { headers: { authorization: `Bearer ${engine.apiKey}` } });
  return { status: res.status, zip: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

describe('engine: session traces (--trace on)', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
  }, { args: ['--trace', 'on', '--trace-keep', '1'] });
  const dir = mkdtempSync(join(tmpdir(), 'trace-test-'));
  const open = (zip: Buffer, name: string) => {
    const file = join(dir, `${name}.zip`);
    writeFileSync(file, zip);
    return readTrace(file);
  };

  test("a session's trace holds its runs, each marked by its number, with their actions, during and after the session", async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const first = await interact(engine, jobId, { code: `await page.goto(${JSON.stringify(`${fx.url}/index.html`)}); await page.click('#btn'); await page.fill('#name', 'Ada'); 1` });
    assert.equal(first.body.success, true, shown(first.body));
    const sessionId = first.body.sessionId as string;
    await interact(engine, jobId, { code: "console.log('hi'); await page.evaluate(() => console.log('from the page'))" });
    await interact(engine, jobId, { code: 'agent-browser get title', language: 'bash' });

    const during = await download(engine, `/v2/browser/${sessionId}/trace`);
    assert.equal(during.status, 200, during.zip.toString().slice(0, 300));
    assert.equal(during.type, 'application/zip');
    const live = await open(during.zip, 'during');
    assert.deepEqual(live.groups.map((g) => g.title.replace(/:.*/, '')), ['Run 1 · node', 'Run 2 · node', 'Run 3 · bash']);
    const run1 = live.groups[0];
    assert.match(run1.title, /^Run 1 · node: await page\.goto\(/);
    const inRun1 = live.actions.filter((a) => a.parentId === run1.callId).map((a) => a.method);
    assert.deepEqual(inRun1, ['goto', 'click', 'fill'], "the run's own Playwright calls are its actions");
    assert.ok(live.snapshots > 0, 'DOM snapshots');
    assert.ok(live.screencastFrames > 0, 'screenshots');
    assert.ok(live.resources.some((u) => u.endsWith('/index.html')), 'network');
    assert.ok(live.console.includes('from the page'), 'console');

    // More runs after a download come in the next part; the trace answers all of them.
    await interact(engine, jobId, { code: "await page.click('#btn'); 2" });
    await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    const after = await download(engine, `/v2/interact/${sessionId}/trace`);
    assert.equal(after.status, 200);
    const ended = await open(after.zip, 'after');
    assert.deepEqual(ended.groups.map((g) => g.title.replace(/:.*/, '')), ['Run 1 · node', 'Run 2 · node', 'Run 3 · bash', 'Run 4 · node']);
    assert.deepEqual(ended.actions.filter((a) => a.parentId === ended.groups[3].callId).map((a) => a.method), ['click']);

    // --trace-keep 1: the next ended session's trace replaces this one's.
    const other = await call(engine, 'POST', '/v2/interact', {});
    await call(engine, 'POST', `/v2/interact/${other.body.id}/execute`, { code: '1' });
    await call(engine, 'DELETE', `/v2/interact/${other.body.id}`);
    const gone = await call(engine, 'GET', `/v2/browser/${sessionId}/trace`);
    assert.equal(gone.status, 404);
    assert.match(gone.body.error, /trace was removed.*--trace-keep/);
    assert.equal((await download(engine, `/v2/browser/${other.body.id}/trace`)).status, 200);
  });

  test('trace requests for unknown or malformed sessions are refused', async () => {
    assert.equal((await call(engine, 'GET', `/v2/browser/${randomUUID()}/trace`)).status, 404);
    assert.equal((await call(engine, 'GET', '/v2/interact/nope/trace')).status, 400);
  });

  test.after(() => rmSync(dir, { recursive: true, force: true }));
});
