import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { engineBrowsers } from '../support/browser-process';
import { FULL_CHROMIUM, type EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';

describe('engine: POST/DELETE /v2/scrape/:jobId/interact', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let jobId: string;
  withEngineAndFixtures(async (e, f) => {
    engine = e;
    fx = f;
    // The scrape clicks the button once; the session must show the replayed state.
    jobId = await scrapeJob(engine, `${fx.url}/index.html`, { actions: [{ type: 'click', selector: '#btn' }] });
  }, { args: ['--chromium', FULL_CHROMIUM], spares: true });

  test('first node run creates the session on the replayed page and answers every field', async () => {
    const r = await interact(engine, jobId, { code: "console.log('url', page.url()); console.error('warn'); await page.textContent('#btn')" });
    assert.equal(r.status, 200, shown(r.body));
    assert.equal(r.body.success, true);
    assert.equal(r.body.result, 'Clicked 1 times');
    assert.equal(r.body.stdout, `url ${fx.url}/index.html\n`);
    assert.equal(r.body.stderr, 'warn\n');
    assert.equal(r.body.exitCode, 0);
    assert.equal(r.body.killed, false);
    assert.equal(r.body.error, undefined);
    assert.match(r.body.sessionId, /^[0-9a-f-]{36}$/);
    const origin = engine.url.replace('http://', '');
    assert.match(r.body.cdpUrl, new RegExp(`^ws://${origin}/cdp/${r.body.sessionId}\\?token=[A-Za-z0-9_-]{32,}$`));
    assert.match(r.body.liveViewUrl, new RegExp(`^http://${origin}/live/${r.body.sessionId}\\?token=`));
    assert.match(r.body.interactiveLiveViewUrl, /&interactive=1$/);
  });

  test('results: strings as is, other values as JSON, undefined leaves result out', async () => {
    assert.equal((await interact(engine, jobId, { code: '({ a: 1, b: [true, null] })' })).body.result, '{"a":1,"b":[true,null]}');
    assert.equal((await interact(engine, jobId, { code: '6 * 7' })).body.result, '42');
    assert.equal((await interact(engine, jobId, { code: "'plain'" })).body.result, 'plain');
    assert.equal((await interact(engine, jobId, { code: "(await import('node:path')).join('a', require('node:path').basename('/x/b'))" })).body.result, 'a/b');
    const none = await interact(engine, jobId, { code: 'let unused = 1;' });
    assert.equal(none.body.success, true);
    assert.equal(none.body.result, undefined);
  });

  test('an answer says where its time went (Server-Timing): the engine, and for a node run the worker hop and the code', async () => {
    const timing = (header: string | null): Record<string, number> => Object.fromEntries([...(header ?? '').matchAll(/(\w+);dur=([\d.]+)/g)].map((m) => [m[1], Number(m[2])]));
    // The code waits 50 ms in the worker: the run's own time, inside the worker's, inside the engine's.
    const node = await interact(engine, jobId, { code: 'await new Promise((r) => setTimeout(r, 50)); await page.title()' });
    assert.equal(node.status, 200, shown(node.body));
    const t = timing(node.headers.get('server-timing'));
    assert.deepEqual(Object.keys(t), ['engine', 'worker', 'run'], `header: ${node.headers.get('server-timing')}`);
    assert.ok(t.run >= 49 && t.worker >= t.run && t.engine >= t.worker, JSON.stringify(t));
    assert.equal('timing' in node.body, false, 'the body keeps the cloud\'s fields only');
    // A bash run measures only the engine's whole time.
    const bash = await interact(engine, jobId, { code: 'true', language: 'bash' });
    assert.deepEqual(Object.keys(timing(bash.headers.get('server-timing'))), ['engine']);
  });

  test('variables, functions and classes persist between calls; the page is shared', async () => {
    const first = await interact(engine, jobId, {
      code: 'const base = 40; let { x, y } = { x: 1, y: 1 }; function add(a, b) { return a + b; } class Counter { n = 0; inc() { return ++this.n; } } var c = new Counter(); c.inc(); add(base, x + y)',
    });
    assert.equal(first.body.result, '42', shown(first.body));
    const second = await interact(engine, jobId, { code: 'c.inc(); [base, add(1, 2), c.n, typeof Counter]' });
    assert.equal(second.body.result, '[40,3,2,"function"]');
    await interact(engine, jobId, { code: "await page.click('#btn')" });
    assert.equal((await interact(engine, jobId, { code: "await page.textContent('#btn')" })).body.result, 'Clicked 2 times');
  });

  test('an exception is a failed run: HTTP 200, exitCode 1, error = stderr', async () => {
    const r = await interact(engine, jobId, { code: "const ok = 1;\nthrow new TypeError('boom here')" });
    assert.equal(r.status, 200);
    assert.equal(r.body.success, false);
    assert.equal(r.body.exitCode, 1);
    assert.match(r.body.stderr, /^TypeError: boom here/);
    assert.equal(r.body.error, r.body.stderr);
    const syntax = await interact(engine, jobId, { code: 'let = = 2' });
    assert.equal(syntax.body.success, false);
    assert.match(syntax.body.stderr, /SyntaxError/);
  });

  test("frames of the running run read interact.js; a function of an earlier run keeps that run's numbered script", async () => {
    // Two lines in each run: matched by line number alone, the helper's line 2 would look like the caller's.
    await interact(engine, jobId, { code: "// helper\nfunction explode() { throw new RangeError('from an earlier run') }" });
    const r = await interact(engine, jobId, { code: 'const before = 1;\nexplode()' });
    assert.equal(r.body.success, false);
    const frames = r.body.stderr.split('\n').filter((l: string) => /^\s+at /.test(l));
    assert.match(frames[0] ?? '', /at explode \(interact-\d+\.js:2:\d+\)$/, r.body.stderr);
    assert.match(frames[1] ?? '', /\binteract\.js:2:\d+\)?$/, r.body.stderr);
    // The rest (the REPL wrapper's call, past the sent lines) are the running run's too.
    assert.ok(frames.slice(1).every((l: string) => /\binteract\.js:/.test(l)), r.body.stderr);
  });

  test('a run past its timeout is killed; the session, its browser and page stay usable', async () => {
    await interact(engine, jobId, { code: 'const keep = 1' });
    const r = await interact(engine, jobId, { code: 'while (true) {}', timeout: 2 });
    assert.equal(r.status, 200);
    assert.equal(r.body.success, false);
    assert.equal(r.body.killed, true);
    assert.notEqual(r.body.exitCode, 0);
    assert.match(r.body.error, /timed out after 2 s/);
    // What an async run printed before the kill is kept.
    const pending = await interact(engine, jobId, { code: "console.log('started'); await new Promise(() => {})", timeout: 1 });
    assert.equal(pending.body.killed, true);
    assert.equal(pending.body.stdout, 'started\n');
    // The run right after a kill gets its whole timeout: restarting the worker is not charged to it.
    const after = await interact(engine, jobId, { code: "[await page.textContent('#btn'), typeof keep]", timeout: 1 });
    assert.equal(after.body.success, true, shown(after.body));
    assert.equal(after.body.result, '["Clicked 2 times","undefined"]');
  });

  test('bash runs with agent-browser on PATH, connected to this session', async () => {
    const r = await interact(engine, jobId, { language: 'bash', code: 'echo "cdp=${AGENT_BROWSER_CDP:+set}"; agent-browser get title; echo oops >&2' });
    assert.equal(r.status, 200);
    assert.equal(r.body.success, true, shown(r.body));
    assert.equal(r.body.stdout, 'cdp=set\nFixture Home\n');
    assert.equal(r.body.stderr, 'oops\n');
    const failing = await interact(engine, jobId, { language: 'bash', code: 'exit 3' });
    assert.equal(failing.body.success, false);
    assert.equal(failing.body.exitCode, 3);
    assert.equal(failing.body.error, 'Execution failed');
    // A command ended by a signal exits 128 + its number, as in a shell.
    assert.equal((await interact(engine, jobId, { language: 'bash', code: 'kill -TERM $$' })).body.exitCode, 143);
    const slow = await interact(engine, jobId, { language: 'bash', code: 'sleep 30', timeout: 1 });
    assert.equal(slow.body.killed, true);
  });

  test('python runs, or says exactly what to install', async () => {
    const r = await interact(engine, jobId, { language: 'python', code: 'print(await page.title())' });
    assert.equal(r.status, 200);
    if (r.body.success) {
      assert.equal(r.body.stdout, 'Fixture Home\n');
    } else {
      assert.equal(r.body.exitCode, 1);
      assert.match(r.body.error, /pip install playwright/);
    }
  });

  test('cdpUrl works with Playwright connectOverCDP and reaches this session only; a wrong token is refused', async () => {
    const r = await interact(engine, jobId, { code: 'page.url()' });
    const browser = await chromium.connectOverCDP(r.body.cdpUrl);
    try {
      const page = browser.contexts()[0].pages().find((p) => p.url() === r.body.result);
      assert.ok(page, 'the session page is visible over cdpUrl');
      assert.equal(await page.textContent('#btn'), 'Clicked 2 times');
    } finally {
      await browser.close();
    }
    // Closing a cdpUrl client does not close the session's browser.
    assert.equal((await interact(engine, jobId, { code: 'await page.title()' })).body.result, 'Fixture Home');
    const wrong = r.body.cdpUrl.replace(/token=.*/, 'token=wrong');
    await assert.rejects(chromium.connectOverCDP(wrong, { timeout: 10_000 }), /401/);
  });

  test('the live-view URLs are served for this session and refuse a wrong token', async () => {
    const r = await interact(engine, jobId, { code: '1' });
    for (const url of [r.body.liveViewUrl, r.body.interactiveLiveViewUrl]) {
      const page = await fetch(url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      await page.arrayBuffer();
    }
    const wrong = await fetch(r.body.liveViewUrl.replace(/token=[^&]+/, 'token=wrong'));
    assert.equal(wrong.status, 401);
    await wrong.arrayBuffer();
  });

  test('GET /v2/browser lists sessions by status', async () => {
    const active = await call(engine, 'GET', '/v2/browser?status=active');
    assert.equal(active.status, 200);
    const mine = active.body.sessions.find((s: { id: string }) => s.id);
    assert.ok(mine);
    assert.equal(mine.status, 'active');
    assert.match(mine.cdpUrl, /^ws:\/\//);
    assert.ok(mine.liveViewUrl && mine.interactiveLiveViewUrl);
    assert.ok(Date.parse(mine.createdAt) <= Date.parse(mine.lastActivity));
    const bad = await call(engine, 'GET', '/v2/browser?status=sleeping');
    assert.equal(bad.status, 400);
  });

  test('400s: job id, neither/both of code and prompt, sizes, timeout, language, unknown key, types', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['not-a-uuid', { code: '1' }, /^Invalid job ID format/],
      ['%E0%A4%A', { code: '1' }, /^Invalid job ID format/],
      [jobId, {}, /^Either 'code' or 'prompt' must be provided\.$/],
      [jobId, { code: '1', prompt: 'x' }, /not both/],
      [jobId, { code: '' }, /Code is empty/],
      [jobId, { code: 'x'.repeat(100_001) }, /limit is 1–100,000/],
      [jobId, { prompt: 'p'.repeat(10_001) }, /limit is 1–10,000/],
      [jobId, { code: '1', timeout: 0 }, /from 1 to 300/],
      [jobId, { code: '1', timeout: 301 }, /from 1 to 300/],
      [jobId, { code: '1', timeout: 2.5 }, /whole number/],
      [jobId, { code: '1', language: 'ruby' }, /node, python or bash/],
      [jobId, { code: '1', extra: true }, /Unrecognized key\(s\) in object: 'extra'/],
      [jobId, { code: 5 }, /'code': Expected string, received number/],
    ];
    for (const [id, body, message] of cases) {
      const r = await interact(engine, id, body);
      assert.equal(r.status, 400, `${JSON.stringify(body).slice(0, 60)} → ${r.status}`);
      assert.equal(r.body.success, false);
      assert.equal(r.body.code, 'BAD_REQUEST');
      assert.match(r.body.error, message);
      assert.ok(Array.isArray(r.body.details));
    }
    const json = await call(engine, 'POST', `/v2/scrape/${jobId}/interact`, '{nope');
    assert.equal(json.status, 400);
  });

  test('401 on interact without the key', async () => {
    const r = await call(engine, 'POST', `/v2/scrape/${jobId}/interact`, { code: '1' }, 'wrong');
    assert.equal(r.status, 401);
  });

  test('404 for an unknown job; DELETE 404 when the job has no session', async () => {
    const r = await interact(engine, '00000000-0000-4000-8000-000000000000', { code: '1' });
    assert.deepEqual([r.status, r.body], [404, { success: false, error: 'Job not found.' }]);
    const fresh = await scrapeJob(engine, `${fx.url}/two.html`);
    const del = await call(engine, 'DELETE', `/v2/scrape/${fresh}/interact`);
    assert.deepEqual([del.status, del.body], [404, { success: false, error: 'Browser session not found.' }]);
  });

  test('its browsers are the full Chromium given by --chromium, in its headless mode (the other files run the headless shell)', () => {
    assert.ok(engine.output().includes(`browsers run on ${FULL_CHROMIUM}`), engine.output());
    const browsers = engineBrowsers(engine.proc.pid as number);
    assert.ok(browsers.length > 0, 'the session browser and the spare run');
    for (const argv of browsers) {
      assert.ok(argv.includes('--headless=new'), argv.join(' '));
      assert.doesNotMatch(argv[0], /headless/);
    }
  });

  test('409 when the scrape cannot be replayed', async () => {
    // once.html?first=<token> has its button on the first load only: the scrape clicks it, the replay cannot.
    const once = await scrapeJob(engine, `${fx.url}/once.html?first=${Date.now()}`, { actions: [{ type: 'click', selector: '#once' }] });
    const r = await interact(engine, once, { code: '1' });
    assert.equal(r.status, 409);
    assert.equal(r.body.error, 'Replay context is unavailable for this scrape job. Please rerun the scrape.');
    assert.match(r.body.reason, /click/);
  });

  test('501 for a prompt when no model is configured, with how to configure one', async () => {
    const r = await interact(engine, jobId, { prompt: 'click the button' });
    assert.equal(r.status, 501);
    assert.match(r.body.error, /--llm-url/);
    assert.match(r.body.error, /INTERACT_LLM_URL/);
  });

  test('DELETE bills the session and later interacts answer 410', async () => {
    const r = await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    assert.equal(r.status, 200);
    assert.equal(r.body.success, true);
    assert.ok(r.body.sessionDurationMs > 0);
    assert.equal(r.body.creditsBilled, Math.max(2, Math.ceil((Math.ceil(r.body.sessionDurationMs / 1000) * 2) / 60)));
    const gone = await interact(engine, jobId, { code: '1' });
    assert.deepEqual([gone.status, gone.body], [410, { success: false, error: 'Browser session has been destroyed.' }]);
    // Stopping again answers the same final bill rather than an error.
    const again = await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    assert.equal(again.body.creditsBilled, r.body.creditsBilled);
    const destroyed = await call(engine, 'GET', '/v2/browser?status=destroyed');
    assert.ok(destroyed.body.sessions.some((s: { status: string }) => s.status === 'destroyed'));
  });
});
