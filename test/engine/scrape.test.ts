import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { engineBrowsers } from '../support/browser-process';
import { startEngine, type EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('engine: POST /v2/scrape', { timeout: 180_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
  }, { spares: true });

  test('without --chromium the engine runs the headless shell that the setup installs, with no --headless flag', async () => {
    assert.ok(engine.output().includes('browsers run on /usr/lib/chromium/chromium-headless-shell'), engine.output());
    // The spare is started as the engine starts listening; its sandbox takes a moment to exec it.
    let browsers = engineBrowsers(engine.proc.pid as number);
    for (let i = 0; i < 300 && browsers.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      browsers = engineBrowsers(engine.proc.pid as number);
    }
    assert.ok(browsers.length > 0, 'the spare runs');
    for (const argv of browsers) {
      assert.match(argv[0], /chromium-headless-shell$/);
      assert.ok(!argv.some((a) => a.startsWith('--headless')), argv.join(' '));
    }
  });

  test('markdown, html, rawHtml, links and metadata of a fixture page', async () => {
    const r = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html`, formats: ['markdown', 'html', 'rawHtml', 'links'] });
    assert.equal(r.status, 200);
    assert.equal(r.body.success, true);
    const { markdown, html, rawHtml, links, metadata } = r.body.data;
    assert.match(markdown, /^# Hello fixture/m);
    assert.match(markdown, /\*\*bold\*\*/);
    assert.match(markdown, /\[relative link\]\(http:\/\/127\.0\.0\.1:\d+\/two\.html#part\)/);
    assert.match(markdown, /- +First item/);
    // onlyMainContent defaults to true: navigation and footer are left out.
    assert.doesNotMatch(markdown, /Second page|Fixture footer/);
    assert.doesNotMatch(html, /<script/);
    assert.match(rawHtml, /<script>window\.clicks = 0;<\/script>/);
    assert.ok(links.includes(`${fx.url}/two.html`), JSON.stringify(links));
    assert.ok(links.includes('https://example.com/external'));
    assert.match(metadata.scrapeId, UUID);
    assert.equal(metadata.sourceURL, `${fx.url}/index.html`);
    assert.equal(metadata.url, `${fx.url}/index.html`);
    assert.equal(metadata.statusCode, 200);
    assert.equal(metadata.title, 'Fixture Home');
    assert.equal(metadata.description, 'A local page for engine and extension tests.');
    assert.equal(metadata.language, 'en');
    assert.equal(metadata['og:title'], 'Fixture Home (og)');
  });

  test('formats default to markdown; onlyMainContent false keeps navigation', async () => {
    const r = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/article.html`, onlyMainContent: false });
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body.data).sort(), ['markdown', 'metadata']);
    assert.match(r.body.data.markdown, /Site navigation/);
    assert.match(r.body.data.markdown, /Site footer/);
    const main = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/article.html` });
    assert.match(main.body.data.markdown, /# Main article/);
    assert.doesNotMatch(main.body.data.markdown, /Site navigation|Sidebar text|Site footer/);
  });

  test('actions run in order and change what is scraped; screenshots come back as PNG data URLs', async () => {
    const r = await call(engine, 'POST', '/v2/scrape', {
      url: `${fx.url}/index.html`,
      formats: ['html', 'screenshot'],
      actions: [
        { type: 'click', selector: '#btn' },
        { type: 'click', selector: '#name' },
        { type: 'write', text: 'Ada' },
        { type: 'scroll', direction: 'down' },
        { type: 'wait', milliseconds: 50 },
        { type: 'screenshot' },
      ],
    });
    assert.equal(r.status, 200, shown(r.body));
    assert.match(r.body.data.html, /Clicked 1 times/);
    assert.match(r.body.data.html, /<p id="echo">Ada<\/p>/);
    assert.match(r.body.data.screenshot, /^data:image\/png;base64,iVBORw0KGgo/);
    assert.equal(r.body.data.actions.screenshots.length, 1);
    assert.match(r.body.data.actions.screenshots[0], /^data:image\/png;base64,/);
  });

  test('waitFor lets late content appear; file:// URLs answer 400 unless the engine allows them', async () => {
    const r = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/slow.html`, waitFor: 1500 });
    assert.equal(r.status, 200);
    assert.match(r.body.data.markdown, /ready/);
    const file = await call(engine, 'POST', '/v2/scrape', { url: `file://${__dirname}/../fixtures/pages/two.html` });
    assert.equal(file.status, 400, shown(file.body));
    assert.match(file.body.error, /file: URLs are refused.*--allow-file-urls/);
  });

  test('headers and mobile emulation reach the page, in the scrape and in its replay', async () => {
    const r = await call(engine, 'POST', '/v2/scrape', {
      url: `${fx.url}/__headers`,
      headers: { 'x-fixture-test': 'yes' },
      mobile: true,
      actions: [{ type: 'executeJavascript', script: 'screen.width' }],
    });
    assert.equal(r.status, 200, shown(r.body));
    assert.match(r.body.data.markdown, /"x-fixture-test":"yes"/);
    assert.match(r.body.data.markdown, /iPhone/);
    assert.deepEqual(r.body.data.actions.javascriptReturns, [{ type: 'number', value: 390 }]);
    const jobId = r.body.data.metadata.scrapeId;
    const replay = await interact(engine, jobId, { code: "[await page.evaluate(() => screen.width), await page.textContent('#headers')]" });
    const [width, headers] = JSON.parse(replay.body.result);
    assert.equal(width, 390);
    assert.match(headers, /"x-fixture-test":"yes"/);
    assert.match(headers, /iPhone/);
    await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
  });

  test('status code of the page is reported', async () => {
    const r = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/two.html?status=404` });
    assert.equal(r.status, 200);
    assert.equal(r.body.data.metadata.statusCode, 404);
  });

  test('400: unknown key, bad url, unsupported format, bad action, malformed JSON', async () => {
    const unknown = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html`, bogus: 1 });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.success, false);
    assert.equal(unknown.body.code, 'BAD_REQUEST');
    assert.match(unknown.body.error, /Unrecognized key\(s\) in object: 'bogus'/);
    assert.deepEqual(unknown.body.details[0].keys, ['bogus']);

    const noUrl = await call(engine, 'POST', '/v2/scrape', { formats: ['markdown'] });
    assert.equal(noUrl.status, 400);
    assert.match(noUrl.body.error, /url is required/);

    const ftp = await call(engine, 'POST', '/v2/scrape', { url: 'ftp://example.com/x' });
    assert.equal(ftp.status, 400);
    assert.match(ftp.body.error, /not supported: use http, https or file/);

    const format = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html`, formats: ['pdfz'] });
    assert.equal(format.status, 400);
    assert.match(format.body.error, /Format "pdfz" is not supported/);

    const action = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html`, actions: [{ type: 'click' }] });
    assert.equal(action.status, 400);
    assert.deepEqual(action.body.details[0].path, ['actions', 0, 'selector']);

    const json = await call(engine, 'POST', '/v2/scrape', '{"url": ');
    assert.equal(json.status, 400);
    assert.match(json.body.error, /not valid JSON/);
  });

  test('a failing action or an unreachable page is an error answer, not a hang', async () => {
    // An action waits at most half the scrape's timeout (scraper.ts): 8 s here, leaving 8 s for the
    // browser and the page on a loaded machine (at 5 s, a slow load ended as a 408 before the click failed).
    const action = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html`, timeout: 16000, actions: [{ type: 'click', selector: '#missing' }] });
    assert.equal(action.status, 500);
    assert.match(action.body.error, /Action 1 \(click\) failed/);
    const refused = await call(engine, 'POST', '/v2/scrape', { url: 'http://127.0.0.1:9/' });
    // As the cloud answers a target that does not load: 500 with SCRAPE_SITE_ERROR and the browser's code.
    assert.equal(refused.status, 500);
    assert.equal(refused.body.code, 'SCRAPE_SITE_ERROR');
    // (Chromium refuses port 9 itself, as an unsafe port: net::ERR_UNSAFE_PORT.)
    assert.match(refused.body.error, /http:\/\/127\.0\.0\.1:9\/ failed to load in the browser \(net::ERR_[A-Z_]+\)/);
  });

  test('a host name longer than DNS allows is a 400, not a 500 load failure', async () => {
    for (const url of ['x'.repeat(100_000), `https://${'a'.repeat(64)}.example/`]) {
      const r = await call(engine, 'POST', '/v2/scrape', { url });
      assert.equal(r.status, 400, shown(r.body).slice(0, 300));
      assert.match(r.body.error, /not a valid host name/);
    }
  });

  test('401 without or with a wrong key; 404 on unknown routes', async () => {
    const missing = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html` }, null);
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.body, { success: false, error: 'Unauthorized: Token missing' });
    const wrong = await call(engine, 'POST', '/v2/scrape', { url: `${fx.url}/index.html` }, 'not-the-key');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { success: false, error: 'Unauthorized: Invalid token' });
    const route = await call(engine, 'GET', '/v2/nothing-here');
    assert.equal(route.status, 404);
  });

  test('a job survives an engine restart (replay context kept in the data dir)', async () => {
    const dataDir = engine.dataDir;
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`, { actions: [{ type: 'click', selector: '#btn' }] });
    const second = await startEngine({ dataDir });
    try {
      const r = await interact(second, jobId, { code: "await page.textContent('#btn')" });
      assert.equal(r.status, 200, shown(r.body));
      assert.equal(r.body.result, 'Clicked 1 times');
      await call(second, 'DELETE', `/v2/scrape/${jobId}/interact`);
    } finally {
      await second.stop();
    }
  });
});
