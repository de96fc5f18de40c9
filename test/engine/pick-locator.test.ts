/**
 * Pick a locator over a session's cdpUrl, as the extension does it: the real recorder helper
 * (dist/recorder.js) connects to a real engine session, the mouse moves and clicks arrive as the
 * interactive live view sends them, and the answer is Playwright's own locator in JS and Python.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cdpRoute, RecorderHelper } from '../../src/host/recorder-helper';
import type { HelperAnswer } from '../../src/recorder/protocol';
import type { EngineHandle } from '../support/engine';
import { connectLive, type LiveClient } from '../support/live-client';
import { interact, scrapeJob, withEngineAndFixtures } from './api';

const HELPER = join(__dirname, '..', '..', 'dist', 'recorder.js');

describe('engine: pick a locator over cdpUrl', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let jobId: string;
  let cdpUrl: string;
  let live: LiveClient;
  const helper = new RecorderHelper({ helperPath: HELPER });
  // A test that times out skips the last test's dispose; a live helper child would keep the file's
  // process (and the whole engine layer) from ending.
  after(() => helper.dispose());

  /** Runs `code` in the session; its result as the REPL gives it (objects as JSON text). */
  const run = async (code: string): Promise<unknown> => {
    const r = await interact(engine, jobId, { code, timeout: 60 });
    assert.equal(r.body.success, true, `${r.status} ${r.body.error}`);
    return r.body.result;
  };

  /** Where `selector`'s centre is, as the live view sends coordinates: fractions of the frame. */
  const centre = async (selector: string): Promise<{ x: number; y: number }> => {
    const box = JSON.parse((await run(`await page.locator(${JSON.stringify(selector)}).boundingBox()`)) as string) as { x: number; y: number; width: number; height: number };
    const meta = live.frames.at(-1)!.meta;
    return { x: (box.x + box.width / 2) / meta.deviceWidth, y: (box.y + box.height / 2) / meta.deviceHeight };
  };

  /** Ids of the picks whose picker is on in the page (the helper says so). */
  const armedPicks = new Set<number>();
  helper.onEvent((e) => e.type === 'armed' && armedPicks.add(e.request));
  // Waits until the pick is on in the page, or the helper answered instead (a failed connection
  // then fails with its own error). The bound is wide: a new helper process first loads Playwright
  // and connects, through a tunnel in the proxy test, which takes long on a loaded machine.
  const armed = async (id: number, answer: Promise<HelperAnswer>, picks = armedPicks): Promise<void> => {
    let answered: HelperAnswer | undefined;
    void answer.then((a) => (answered = a));
    for (let i = 0; i < 1200 && !picks.has(id) && !answered; i++) await new Promise((r) => setTimeout(r, 50));
    if (answered && !answered.ok) assert.fail(`the pick answered before it armed: ${answered.error}`);
    assert.ok(picks.has(id), 'the pick never armed in the page');
  };

  /** Starts a pick, hovers and clicks `selector` through the live view, and returns the helper's answer. */
  const pick = async (selector: string, via = helper, url = cdpUrl) => {
    const at = await centre(selector);
    const picks = via === helper ? armedPicks : new Set<number>();
    const listening = via === helper ? undefined : via.onEvent((e) => e.type === 'armed' && picks.add(e.request));
    const sent = await via.send({ type: 'pick', cdpUrl: url });
    await armed(sent.id, sent.answer, picks);
    listening?.dispose();
    live.send({ type: 'mouse', action: 'move', ...at });
    await new Promise((r) => setTimeout(r, 200));
    live.send({ type: 'mouse', action: 'click', ...at, button: 'left' });
    const a = await sent.answer;
    assert.equal(a.ok, true, a.ok ? '' : a.error);
    assert.ok(a.ok && a.picked);
    return a.picked;
  };

  withEngineAndFixtures(async (e, fx) => {
    engine = e;
    jobId = await scrapeJob(engine, `${fx.url}/pick.html`);
    const r = await interact(engine, jobId, { code: 'await page.title()', timeout: 60 });
    assert.equal(r.status, 200, r.body.error);
    cdpUrl = r.body.cdpUrl;
    live = await connectLive(r.body.interactiveLiveViewUrl);
    await live.waitFor(() => live.frames.length > 0, 30_000, 'a first frame');
  });

  test('a button, a labelled input, a link, a test id and an element without a name', async () => {
    assert.deepEqual(await pick('#go'), { javascript: "getByRole('button', { name: 'Go' })", python: 'get_by_role("button", name="Go")', count: 1 });
    assert.deepEqual(await pick('#email'), { javascript: "getByRole('textbox', { name: 'Email' })", python: 'get_by_role("textbox", name="Email")', count: 1 });
    assert.deepEqual(await pick('#docs'), { javascript: "getByRole('link', { name: 'Read the docs' })", python: 'get_by_role("link", name="Read the docs")', count: 1 });
    assert.deepEqual(await pick('#tested'), { javascript: "getByTestId('cart-total')", python: 'get_by_test_id("cart-total")', count: 1 });
    assert.deepEqual(await pick('#swatch'), { javascript: "locator('#swatch')", python: 'locator("#swatch")', count: 1 });
  });

  test('a locator that would match two elements is made unique, as Playwright makes it', async () => {
    const picked = await pick('.add >> nth=1');
    assert.deepEqual(picked, { javascript: "getByRole('button', { name: 'Add' }).nth(1)", python: 'get_by_role("button", name="Add").nth(1)', count: 1 });
  });

  test('picking clicks nothing in the page', async () => {
    await pick('#go');
    assert.equal(await run("await page.textContent('#status')"), 'Idle');
    assert.equal(await run('await page.evaluate(() => window.goes)'), '0');
  });

  test('a cancelled pick answers "cancelled"; a later pick still works', async () => {
    const sent = await helper.send({ type: 'pick', cdpUrl });
    await armed(sent.id, sent.answer);
    assert.equal((await helper.call({ type: 'cancel', cdpUrl })).ok, true);
    const a = await sent.answer;
    assert.equal(a.ok, false);
    assert.equal(!a.ok && a.code, 'cancelled');
    assert.equal((await pick('#go')).count, 1);
  });

  test('a cdpUrl that does not answer gets "unreachable", without the URL in the message', async () => {
    const bad = cdpUrl.replace(/token=[^&]+/, 'token=wrong');
    const a = await helper.call({ type: 'pick', cdpUrl: bad });
    assert.equal(a.ok, false);
    assert.equal(!a.ok && a.code, 'unreachable');
    assert.ok(!a.ok && !a.error.includes('token='), !a.ok ? a.error : '');
  });

  test("behind VS Code's proxy the helper's WebSocket goes through it: a cdpUrl on a name only the proxy resolves", async () => {
    const { startForwardProxy } = await import('../support/forward-proxy.mjs');
    const proxy = await startForwardProxy({ hosts: { 'engine.internal': '127.0.0.1' } });
    const settings = { proxy: proxy.url, noProxy: [], strictSSL: true, systemCertificates: false };
    const proxied = new RecorderHelper({ helperPath: HELPER, route: (url) => cdpRoute(url, settings, {}) });
    try {
      const url = new URL(cdpUrl);
      url.hostname = 'engine.internal';
      assert.equal((await pick('#go', proxied, url.href)).javascript, "getByRole('button', { name: 'Go' })");
      assert.ok(proxy.log.some((e) => e.method === 'CONNECT' && e.target === `engine.internal:${url.port}`), JSON.stringify(proxy.log));
      // Loopback goes direct, as for every request of the extension.
      assert.equal(cdpRoute(cdpUrl, settings, {}), undefined);
    } finally {
      proxied.dispose();
      await proxy.close();
    }
  });

  test('a proxy that refuses the tunnel (407) gets "unreachable" naming the setting to fix, without the URL', async () => {
    const { startForwardProxy } = await import('../support/forward-proxy.mjs');
    const proxy = await startForwardProxy({ credentials: 'user:secret', hosts: { 'engine.internal': '127.0.0.1' } });
    const proxied = new RecorderHelper({ helperPath: HELPER, route: (url) => cdpRoute(url, { proxy: proxy.url, noProxy: [], strictSSL: true, systemCertificates: false }, {}) });
    try {
      const url = new URL(cdpUrl);
      url.hostname = 'engine.internal';
      const a = await proxied.call({ type: 'pick', cdpUrl: url.href });
      assert.equal(a.ok, false);
      assert.equal(!a.ok && a.code, 'unreachable');
      assert.match(!a.ok ? a.error : '', /407.*http\.proxyAuthorization/);
      assert.ok(!a.ok && !a.error.includes('token='), !a.ok ? a.error : '');
    } finally {
      proxied.dispose();
      await proxy.close();
    }
  });

  test('the helper closes a session on request and stops when its channel closes', async () => {
    assert.equal((await helper.call({ type: 'close', cdpUrl })).ok, true);
    assert.ok(helper.running);
    const pid = helper.pid!;
    helper.dispose();
    await new Promise((r) => setTimeout(r, 500));
    assert.throws(() => process.kill(pid, 0));
    live.close();
  });
});
