/**
 * The cloud's current interact surface on the real engine: /v2/interact routes (one
 * implementation with /v2/browser), allowedDomains (validated and enforced in the browser),
 * existingSessionId, and POST /v2/scrape with sessionId (the session's page as it is now).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';

describe('engine: /v2/interact, allowedDomains, existingSessionId, scrape of a session', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
  });
  /** The fixture site under another host name: same server, another origin. */
  const otherHost = (): string => fx.url.replace('127.0.0.1', 'localhost');

  test('/v2/interact creates, lists, runs in and deletes a session, the same as /v2/browser', async () => {
    const created = await call(engine, 'POST', '/v2/interact', { ttl: 60 });
    assert.equal(created.status, 200, shown(created.body));
    const id = created.body.id as string;
    assert.match(created.body.cdpUrl, /^ws:\/\//);
    const run = await call(engine, 'POST', `/v2/interact/${id}/execute`, { code: '1 + 1', language: 'node' });
    assert.equal(run.body.result, '2', shown(run.body));
    for (const prefix of ['interact', 'browser']) {
      const listed = await call(engine, 'GET', `/v2/${prefix}?status=active`);
      assert.ok(listed.body.sessions.some((s: { id: string }) => s.id === id), `${prefix} lists the session`);
    }
    assert.equal((await call(engine, 'GET', '/v2/interact?status=gone')).status, 400);
    const del = await call(engine, 'DELETE', `/v2/interact/${id}`);
    assert.equal(del.body.status, 'destroyed', shown(del.body));
    assert.ok((await call(engine, 'GET', '/v2/interact?status=destroyed')).body.sessions.some((s: { id: string }) => s.id === id));
    assert.equal((await call(engine, 'POST', `/v2/interact/${id}/execute`, { code: '1' })).status, 410);
    assert.equal((await call(engine, 'DELETE', `/v2/interact/${randomUUID()}`)).status, 404);
  });

  test('bad allowedDomains are 400s that name the rule', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const cases: [unknown, RegExp][] = [
      [Array.from({ length: 9 }, (_, i) => `h${i}.example`), /9 entries; at most 8/],
      [['Example.com'], /must be lower case \("example.com"\)/],
      [['https://example.com/'], /is not a host name/],
      [['exa mple.com'], /is not a valid host name/],
      [['a..b'], /is not a valid host name/],
      ['example.com', /must be an array/],
    ];
    for (const [allowedDomains, message] of cases) {
      const r = await interact(engine, jobId, { code: '1', allowedDomains });
      assert.equal(r.status, 400, shown(r.body));
      assert.equal(r.body.code, 'BAD_REQUEST');
      assert.match(r.body.error, message);
    }
    // None of them started a session.
    assert.equal((await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`)).status, 404);
  });

  test('allowedDomains blocks navigation, frames, fetch and new pages to other hosts, and names the host', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const other = `${otherHost()}/two.html`;
    const frame = await interact(engine, jobId, {
      code: `await page.evaluate((src) => { const f = document.createElement('iframe'); f.src = src; document.body.append(f); }, ${JSON.stringify(other)});
await page.waitForTimeout(500);
page.frames().map((f) => f.url()).join(' ')`,
      // The scrape's own host (127.0.0.1) is allowed with the list.
      allowedDomains: ['example.com'],
    });
    assert.equal(frame.body.success, true, shown(frame.body));
    assert.match(frame.body.stderr, /allowedDomains: blocked requests to localhost \(frame\)\. This session may reach only example\.com, 127\.0\.0\.1/);
    assert.doesNotMatch(frame.body.result, /localhost.*two\.html/);

    const fetched = await interact(engine, jobId, {
      code: `await page.evaluate(async ([blocked, allowed]) => [
  await fetch(blocked).then(() => 'fetched', () => 'refused'),
  await fetch(allowed).then((r) => 'fetched ' + r.status, () => 'refused'),
], [${JSON.stringify(other)}, ${JSON.stringify(`${fx.url}/two.html`)}])`,
    });
    assert.deepEqual(JSON.parse(fetched.body.result), ['refused', 'fetched 200']);
    assert.match(fetched.body.stderr, /blocked requests to localhost \(fetch\)/, 'a later call without allowedDomains keeps the limit');

    const nav = await interact(engine, jobId, {
      code: `await page.goto(${JSON.stringify(other)}).then(() => 'loaded', (e) => 'refused: ' + e.message.split('\\n')[0])`,
    });
    assert.equal(nav.status, 200, shown(nav.body));
    assert.match(nav.body.result, /^refused: .*ERR_BLOCKED_BY_CLIENT/);
    assert.match(nav.body.stderr, /allowedDomains: blocked requests to localhost \(navigation\)/);

    const popup = await interact(engine, jobId, {
      code: `const p = await context.newPage(); const r = await p.goto(${JSON.stringify(other)}).then(() => 'loaded', () => 'refused'); await p.close(); r`,
      language: 'node',
    });
    assert.equal(popup.body.result, 'refused');
    assert.match(popup.body.stderr, /localhost \(navigation\)/);

    // A run that only stays on allowed hosts says nothing about it.
    const quiet = await interact(engine, jobId, { code: 'await page.title()' });
    assert.equal(quiet.body.stderr, '');
    await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
  });

  test('existingSessionId runs the interact in that earlier session; unknown, ended or malformed ids are refused', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const created = await call(engine, 'POST', '/v2/interact', {});
    const id = created.body.id as string;
    await call(engine, 'POST', `/v2/interact/${id}/execute`, { code: 'globalThis.mark = 42; 1' });
    const r = await interact(engine, jobId, { code: 'globalThis.mark', existingSessionId: id });
    assert.equal(r.status, 200, shown(r.body));
    assert.equal(r.body.sessionId, id);
    assert.equal(r.body.result, '42');
    // The job's own session was never started.
    assert.equal((await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`)).status, 404);

    assert.equal((await interact(engine, jobId, { code: '1', existingSessionId: randomUUID() })).status, 404);
    const bad = await interact(engine, jobId, { code: '1', existingSessionId: 'not-a-session' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /existingSessionId "not-a-session" is not a session ID/);
    assert.equal((await interact(engine, randomUUID(), { code: '1', existingSessionId: id })).status, 404, 'the job must exist');
    const mismatch = await call(engine, 'POST', `/v2/interact/${id}/execute`, { code: '1', existingSessionId: randomUUID() });
    assert.equal(mismatch.status, 400);
    await call(engine, 'DELETE', `/v2/interact/${id}`);
    assert.equal((await interact(engine, jobId, { code: '1', existingSessionId: id })).status, 410);
  });

  test('POST /v2/scrape with sessionId answers the session page as it is now', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const run = await interact(engine, jobId, { code: "await page.click('#btn'); await page.fill('#name', 'Ada Lovelace'); 1" });
    const sessionId = run.body.sessionId as string;
    const r = await call(engine, 'POST', '/v2/scrape', { sessionId, formats: ['markdown', 'html', 'links', 'screenshot'] });
    assert.equal(r.status, 200, shown(r.body));
    assert.match(r.body.data.markdown, /Clicked 1 times/);
    assert.match(r.body.data.markdown, /Ada Lovelace/);
    assert.match(r.body.data.html, /Clicked 1 times/);
    assert.ok(r.body.data.links.includes(`${fx.url}/two.html`));
    assert.match(r.body.data.screenshot, /^data:image\/png;base64,/);
    assert.equal(r.body.data.metadata.title, 'Fixture Home');
    assert.equal(r.body.data.metadata.url, `${fx.url}/index.html`);
    assert.equal(r.body.data.metadata.sessionId, sessionId);
    // Nothing was reloaded: the page keeps its state for the next run.
    const again = await interact(engine, jobId, { code: "await page.textContent('#btn')" });
    assert.equal(again.body.result, 'Clicked 1 times');

    // Actions run on the session's page too.
    const acted = await call(engine, 'POST', '/v2/scrape', { sessionId, formats: ['markdown'], actions: [{ type: 'click', selector: '#btn' }] });
    assert.match(acted.body.data.markdown, /Clicked 2 times/);

    const mobile = await call(engine, 'POST', '/v2/scrape', { sessionId, mobile: true });
    assert.equal(mobile.status, 400);
    assert.match(mobile.body.error, /mobile cannot be used with sessionId/);
    const none = await call(engine, 'POST', '/v2/scrape', { formats: ['markdown'] });
    assert.equal(none.status, 400);
    assert.match(none.body.error, /url is required/);
    assert.equal((await call(engine, 'POST', '/v2/scrape', { sessionId: randomUUID() })).status, 404);
    assert.equal((await call(engine, 'POST', '/v2/scrape', { sessionId: 'abc' })).status, 400);
    await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    const ended = await call(engine, 'POST', '/v2/scrape', { sessionId });
    assert.equal(ended.status, 410, shown(ended.body));
  });
});
