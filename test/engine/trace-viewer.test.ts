/**
 * Open trace, as the extension does it, on the real engine (--trace on) and real Chromium: the
 * api client downloads the session's trace (size-bounded), the recorder helper (dist/recorder.js)
 * serves Playwright's trace viewer from playwright-core on loopback, and the viewer page shows the
 * asked run selected with its actions. A session's trace recorded by the helper through its
 * cdpUrl (what the extension does on the cloud) holds the filmstrip, the network and the console.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { chromium, type Browser, type Frame } from 'playwright-core';
import { ApiError } from '../../src/api/errors';
import { FirecrawlClient, type ClientSettings } from '../../src/api/client';
import { RecorderHelper } from '../../src/host/recorder-helper';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';
import { TEST_CHROMIUM } from '../support/chromium';

const HELPER = join(__dirname, '..', '..', 'dist', 'recorder.js');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('engine: Open trace in the trace viewer, and a trace recorded through cdpUrl', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let settings: ClientSettings;
  let browser: Browser;
  const client = new FirecrawlClient();
  const helper = new RecorderHelper({ helperPath: HELPER });
  const dir = mkdtempSync(join(tmpdir(), 'trace-viewer-test-'));
  withEngineAndFixtures(async (e, f) => {
    engine = e;
    fx = f;
    settings = { apiUrl: engine.url, apiKey: engine.apiKey, origin: 'trace-viewer-test', timeoutMarginSec: 30 };
    browser = await chromium.launch({ executablePath: TEST_CHROMIUM, args: CHROMIUM_ARGS });
  }, { args: ['--trace', 'on'] });
  after(async () => {
    await browser?.close();
    helper.dispose();
    await client.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The viewer's own frame inside our page, once its action list is up. */
  const viewerFrame = async (url: string): Promise<{ frame: Frame; close: () => Promise<void> }> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    const frame = page.frameLocator('#viewer');
    await frame.locator('[data-testid="actions-tree"]').waitFor({ timeout: 60_000 });
    const inner = page.frames().find((f) => f.url().includes('/trace/index.html'));
    assert.ok(inner, 'the viewer is framed by our page');
    return { frame: inner, close: () => page.close() };
  };

  test("the client downloads a session's trace, and the viewer opens it at the asked run with that run's actions", async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const first = await interact(engine, jobId, { code: `await page.goto(${JSON.stringify(`${fx.url}/index.html`)}); 1` });
    assert.equal(first.body.success, true, shown(first.body));
    const second = await interact(engine, jobId, { code: "await page.click('#btn'); await page.fill('#name', 'Ada'); 2" });
    await interact(engine, jobId, { code: "await page.click('#btn'); 3" });
    // The answer names the run's number in the trace, which Open trace scrolls to.
    assert.deepEqual([first.body.traceRun, second.body.traceRun], [1, 2]);
    const sessionId = first.body.sessionId as string;

    const zip = await client.trace(settings, sessionId);
    assert.equal(zip.subarray(0, 2).toString(), 'PK');
    const file = join(dir, `${sessionId}.zip`);
    writeFileSync(file, zip);

    const answer = await helper.call({ type: 'view-trace', path: file, run: 2 });
    assert.ok(answer.ok && answer.url, answer.ok ? 'no url' : answer.error);
    const url = new URL(answer.url);
    assert.equal(url.hostname, '127.0.0.1', 'served on loopback only');

    const { frame, close } = await viewerFrame(answer.url);
    const run2 = frame.locator('[role="treeitem"][data-firecrawl-run="selected"]');
    await run2.waitFor({ timeout: 30_000 });
    assert.match((await run2.locator('.action-title-method').first().getAttribute('title')) ?? '', /^Run 2 · node: await page\.click\('#btn'\)/);
    assert.equal(await run2.getAttribute('aria-expanded'), 'true', 'the run is opened');
    const inRun = await run2.locator('[role="group"] .action-title-method').allTextContents();
    assert.deepEqual(inRun.map((t) => t.split(' ')[0]), ['Click', 'Fill'], `run 2's own actions: ${inRun.join(', ')}`);
    assert.match(await frame.locator('.tree-view-entry.selected').innerText(), /^Fill/, "the run's last action is selected");
    await close();
  });

  test('the viewer reads no file outside the folders it was given', async () => {
    const answer = await helper.call({ type: 'view-trace', path: join(dir, 'none.zip') });
    assert.ok(answer.ok && answer.url);
    const prefix = answer.url.slice(0, answer.url.indexOf('/firecrawl/'));
    const res = await fetch(`${prefix}/trace/file?path=${encodeURIComponent('/etc/passwd')}`);
    assert.equal(res.status, 403);
    // Another Host than loopback is refused (DNS rebinding).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(`${prefix}/firecrawl/trace.html`, { headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    assert.equal(status, 403);
  });

  test('the trace download is size-bounded, and a session without a trace is a clear 404', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const r = await interact(engine, jobId, { code: "await page.click('#btn'); 1" });
    await assert.rejects(client.trace(settings, r.body.sessionId as string, undefined, 1024), (err: unknown) => err instanceof ApiError && /is larger than 0 MB, so it was not downloaded/.test(err.message));
    await assert.rejects(client.trace(settings, randomUUID()), (err: unknown) => err instanceof ApiError && err.status === 404 && /no trace of this session/.test(err.message));
    await assert.rejects(client.trace(settings, '../v2/browser'), (err: unknown) => err instanceof ApiError && err.kind === 'validation');
  });

  test('a trace recorded through cdpUrl holds the filmstrip, the network and the console, and opens in the viewer', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const started = await interact(engine, jobId, { code: '1' });
    const cdpUrl = started.body.cdpUrl as string;
    const rec = join(dir, 'recorded');
    const answer = await helper.call({ type: 'record-trace', cdpUrl, dir: rec });
    assert.ok(answer.ok && answer.path, answer.ok ? 'no path' : answer.error);
    assert.equal(answer.path, join(rec, 'recording.json'));

    const r = await interact(engine, jobId, {
      code: `await page.goto(${JSON.stringify(`${fx.url}/two.html`)}); await page.evaluate(() => console.log('recorded from the page')); await page.click('body'); await page.waitForTimeout(1500); 1`,
    });
    assert.equal(r.body.success, true, shown(r.body));
    assert.equal((await helper.call({ type: 'stop-trace', cdpUrl })).ok, true);

    const trace = readFileSync(join(rec, 'recording.trace'), 'utf8');
    assert.match(trace, /"type":"screencast-frame"/, 'filmstrip');
    assert.match(trace, /recorded from the page/, 'console');
    assert.match(readFileSync(join(rec, 'recording.network'), 'utf8'), /two\.html/, 'network');
    assert.ok(readdirSync(join(rec, 'resources')).length > 0);
    assert.ok(!trace.includes(new URL(cdpUrl).searchParams.get('token') as string), "the session's token is not in the trace");

    const view = await helper.call({ type: 'view-trace', path: answer.path });
    assert.ok(view.ok && view.url);
    const { frame, close } = await viewerFrame(view.url);
    await frame.getByText('Console').first().click();
    await frame.getByText('recorded from the page').first().waitFor({ timeout: 30_000 });
    await close();
  });

  test('a recording keeps what it had when the session ends', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const started = await interact(engine, jobId, { code: '1' });
    const cdpUrl = started.body.cdpUrl as string;
    const rec = join(dir, 'ended');
    assert.equal((await helper.call({ type: 'record-trace', cdpUrl, dir: rec })).ok, true);
    await interact(engine, jobId, { code: `await page.goto(${JSON.stringify(`${fx.url}/two.html`)}); await page.waitForTimeout(1000); 1` });
    await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    await new Promise((r) => setTimeout(r, 1000));
    assert.ok(existsSync(join(rec, 'recording.trace')));
    assert.match(readFileSync(join(rec, 'recording.network'), 'utf8'), /two\.html/);
    assert.equal((await helper.call({ type: 'stop-trace', cdpUrl })).ok, true);
    assert.equal((await helper.call({ type: 'viewer-closed' })).ok, true);
  });
});
