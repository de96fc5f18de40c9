// Request validation through the real engine: every body is checked by its schema and a bad one
// answers 400 with the cloud's body shape and the exact rule; routes answer 404/405 from one table.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';

describe('engine: request validation (schemas) and routing', { timeout: 120_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let jobId: string;
  withEngineAndFixtures(async (e, f) => {
    engine = e;
    fx = f;
    jobId = await scrapeJob(engine, `${fx.url}/index.html`);
  });

  const expect400 = async (path: string, body: string | Record<string, unknown>, error: RegExp, detailPath?: (string | number)[]): Promise<void> => {
    const r = await call(engine, 'POST', path, body);
    assert.equal(r.status, 400, `${path} ${String(JSON.stringify(body)).slice(0, 80)} → ${r.status} ${shown(r.body)}`);
    assert.equal(r.body.success, false);
    assert.equal(r.body.code, 'BAD_REQUEST');
    assert.match(r.body.error, error);
    assert.ok(Array.isArray(r.body.details) && r.body.details.length > 0, 'details lists the broken rules');
    for (const d of r.body.details) {
      assert.equal(typeof d.code, 'string');
      assert.ok(Array.isArray(d.path));
      assert.equal(typeof d.message, 'string');
    }
    if (detailPath) assert.deepEqual(r.body.details[0].path, detailPath);
  };

  test('inherited property names fail like any unknown key (raw JSON, so __proto__ is an own key)', async () => {
    const interactPath = `/v2/scrape/${jobId}/interact`;
    await expect400(interactPath, '{"code":"1","__proto__":{"polluted":true}}', /Unrecognized key\(s\) in object: '__proto__'/);
    await expect400(interactPath, '{"code":"1","constructor":{}}', /Unrecognized key\(s\) in object: 'constructor'/);
    await expect400('/v2/scrape', `{"url":"${fx.url}/index.html","toString":1}`, /Unrecognized key\(s\) in object: 'toString'/);
    await expect400('/v2/scrape', `{"url":"${fx.url}/index.html","actions":[{"type":"constructor"}]}`, /Unsupported action type "constructor": use wait, click, write, press, scroll, screenshot, scrape or executeJavascript\./, ['actions', 0, 'type']);
    await expect400('/v2/scrape', `{"url":"${fx.url}/index.html","headers":{"__proto__":"x"}}`, /"__proto__" is not a valid HTTP header name/, ['headers', '__proto__']);
  });

  test('header injection and bad header names are refused before any page loads', async () => {
    await expect400('/v2/scrape', { url: `${fx.url}/index.html`, headers: { 'x-a': 'b\r\nSet-Cookie: evil=1' } }, /must not contain line breaks/, ['headers', 'x-a']);
    await expect400('/v2/scrape', { url: `${fx.url}/index.html`, headers: { 'bad name': 'x' } }, /"bad name" is not a valid HTTP header name/);
  });

  test('actions and formats: exact rules, pdf is a clear 400', async () => {
    const url = `${fx.url}/index.html`;
    await expect400('/v2/scrape', { url, actions: [{ type: 'pdf' }] }, /pdf action is not supported by the local engine.*page\.pdf\(\)/, ['actions', 0, 'type']);
    await expect400('/v2/scrape', { url, actions: [{ type: 'wait' }] }, /needs 'milliseconds' or 'selector'/);
    await expect400('/v2/scrape', { url, actions: [{ type: 'screenshot', quality: 0 }] }, /'actions\.0\.quality'/);
    await expect400('/v2/scrape', { url, formats: [{ type: 'json', prompt: 'x' }] }, /Format "json" is not supported by the local engine: use markdown, html, rawHtml, links or screenshot/);
    await expect400('/v2/scrape', { url, waitFor: -5 }, /waitFor must be a number from 0 to 60000/);
  });

  test('interact: ttl and activityTtl ranges, types, and messages without editor wording', async () => {
    const path = `/v2/scrape/${jobId}/interact`;
    await expect400(path, { code: '1', ttl: 29 }, /^ttl 29 is not allowed: it must be a whole number of seconds from 30 to 3600\.$/, ['ttl']);
    await expect400(path, { code: '1', ttl: 3601 }, /from 30 to 3600/);
    await expect400(path, { code: '1', activityTtl: 9 }, /^activityTtl 9 is not allowed: it must be a whole number of seconds from 10 to 3600\.$/);
    await expect400(path, { code: '1', activityTtl: 'long' }, /'activityTtl': Expected number, received string/);
    for (const body of [{ code: '' }, { code: 'x'.repeat(100_001) }]) {
      const r = await interact(engine, jobId, body);
      assert.equal(r.status, 400);
      assert.doesNotMatch(r.body.error, /select|selection|editor/i, `API wording for any client: ${r.body.error}`);
    }
  });

  test('routes: unknown path 404, wrong method 405 naming the allowed ones, health is open', async () => {
    const missing = await call(engine, 'GET', '/v2/nothing-here');
    assert.equal(missing.status, 404);
    const wrong = await call(engine, 'PUT', `/v2/scrape/${jobId}/interact`);
    assert.equal(wrong.status, 405);
    assert.match(wrong.body.error, /use POST or DELETE/);
    const health = await call(engine, 'GET', '/health', undefined, null);
    assert.deepEqual([health.status, health.body.success], [200, true]);
  });
});
