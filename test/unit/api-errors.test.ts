import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorCode, errorForStatus, networkError, serverText } from '../../src/api/errors';

const JOB = '550e8400-e29b-41d4-a716-446655440000';
const local = { apiUrl: 'http://127.0.0.1:3002', jobId: JOB };
const cloud = { apiUrl: 'https://api.firecrawl.dev', jobId: JOB };

test('errors: 404 depends on the operation', () => {
  const interact = errorForStatus(404, { success: false, error: 'Job not found' }, { ...cloud, operation: 'interact' });
  assert.match(interact.message, new RegExp(`Job ${JOB} was not found on https://api.firecrawl.dev`));
  assert.deepEqual(interact.actions, ['chooseJob']);
  const stop = errorForStatus(404, {}, { ...cloud, operation: 'stop' });
  assert.match(stop.message, /no browser session to stop/);
  assert.deepEqual(stop.actions, []);
  const scrape = errorForStatus(404, 'Cannot POST /v2/scrape', { apiUrl: 'http://host:8080', operation: 'scrape' });
  assert.match(scrape.message, /no such endpoint.*Cannot POST \/v2\/scrape.*firecrawlInteract\.apiUrl/);
  assert.deepEqual(scrape.actions, ['openSettings']);
});

test('errors: 503 on the cloud is a temporary outage, elsewhere interact is unavailable', () => {
  const onCloud = errorForStatus(503, {}, { ...cloud, operation: 'interact' });
  assert.match(onCloud.message, /temporarily unavailable/);
  assert.deepEqual(onCloud.actions, ['retry']);
  const selfHosted = errorForStatus(503, { success: false, error: 'Browser sessions are not supported' }, { apiUrl: 'http://firecrawl.lan:3002', operation: 'interact' });
  assert.match(selfHosted.message, /Interact is not available on http:\/\/firecrawl\.lan:3002 \(503\): Browser sessions are not supported\. If this is a self-hosted/);
  assert.deepEqual(selfHosted.actions, ['startLocalEngine', 'openSettings']);
});

test('errors: 502 on stop says the release was not confirmed', () => {
  const err = errorForStatus(502, {}, { ...cloud, operation: 'stop' });
  assert.match(err.message, /could not confirm .* released \(502\)\. Try stopping it again/);
});

test('errors: 410 explains that a session cannot be restarted', () => {
  const err = errorForStatus(410, { success: false, error: 'gone' }, { ...local, operation: 'interact' });
  assert.match(err.message, /destroyed \(410 Gone\).*stopped or it expired.*cannot be restarted.*Scrape the URL again/);
  assert.deepEqual(err.actions, ['rescrape']);
});

test('errors: every mapped message ends with what to do and keeps the server text', () => {
  for (const status of [400, 401, 402, 403, 404, 409, 410, 429, 501, 502, 503, 500, 504]) {
    const err = errorForStatus(status, { success: false, error: 'server says hi' }, { ...local, operation: 'interact' });
    assert.equal(err.kind, 'http');
    assert.equal(err.status, status);
    assert.equal(err.serverMessage, 'server says hi');
    assert.match(err.message, new RegExp(`${status}`));
    assert.match(err.message, /[.?]$/);
  }
});

test('errors: the API key and URL tokens are redacted from server text', () => {
  const key = 'fc-secretsecretsecret';
  const err = errorForStatus(401, { error: `bad key ${key} for wss://cdp.example/x?token=abc` }, { ...cloud, operation: 'interact', apiKey: key });
  assert.doesNotMatch(err.message, /secretsecret|token=abc/);
  assert.match(err.message, /bad key \*\*\* for wss:\/\/cdp\.example\/x\?…/);
  // A custom key with no fc- prefix is redacted because the context names it.
  const custom = errorForStatus(400, { error: 'echo my-custom-key-123' }, { ...local, operation: 'interact', apiKey: 'my-custom-key-123' });
  assert.doesNotMatch(custom.message, /my-custom-key-123/);
});

test('errors: long server text is shortened', () => {
  const text = serverText({ error: 'x'.repeat(1000) });
  assert.ok(text.length <= 301);
  assert.ok(text.endsWith('…'));
});

test('errors: network error codes are found along the cause chain', () => {
  assert.equal(errorCode(Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) })), 'ECONNREFUSED');
  assert.equal(errorCode(Object.assign(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'agg'), {})), 'ECONNREFUSED');
  assert.equal(errorCode(new Error('plain')), undefined);
  assert.equal(errorCode('string'), undefined);
});

test('errors: network errors name the URL and the cause', () => {
  const url = 'https://api.example.com/v2/scrape/x/interact?key=zzz';
  const refused = networkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { apiUrl: 'https://api.example.com', operation: 'interact', url });
  assert.match(refused.message, /^Could not reach https:\/\/api\.example\.com\/v2\/scrape\/x\/interact: connection refused\. Check your network/);
  assert.doesNotMatch(refused.message, /zzz/);
  assert.deepEqual(refused.actions, ['retry', 'openSettings']);
  const dns = networkError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), { apiUrl: 'https://nope.invalid', operation: 'list' });
  assert.match(dns.message, /host name could not be resolved/);
  const tls = networkError(Object.assign(new Error('self signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), { apiUrl: 'https://x.example', operation: 'scrape' });
  assert.match(tls.message, /TLS certificate problem/);
  const other = networkError(new Error('weird failure with fc-abcdefghijklmnop'), { apiUrl: 'http://localhost:3002', operation: 'stop' });
  assert.match(other.message, /weird failure with fc-\*\*\*.*Is the server running\?/);
  // A server that was down may be up a moment later: Retry on this machine's URLs too.
  assert.deepEqual(other.actions, ['retry', 'startLocalEngine', 'openSettings']);
  const customRefused = networkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { apiUrl: 'http://127.0.0.1:4444', operation: 'scrape' });
  assert.ok(customRefused.actions.includes('retry'));
});

test("errors: a scrape whose page did not load (the cloud's codes) says so, with Check the URL and Retry", () => {
  const siteError = { success: false, code: 'SCRAPE_SITE_ERROR', error: 'The page http://127.0.0.1:9/ failed to load in the browser (net::ERR_CONNECTION_REFUSED).' };
  const refused = errorForStatus(500, siteError, { apiUrl: 'http://127.0.0.1:3002', operation: 'scrape' });
  assert.match(refused.message, /^The page could not be loaded: The page http:\/\/127\.0\.0\.1:9\/ failed to load in the browser \(net::ERR_CONNECTION_REFUSED\)\. Check the URL/);
  assert.doesNotMatch(refused.message, /server has a problem|HTTP 500/);
  assert.deepEqual(refused.actions, ['checkUrl', 'retry']);
  assert.equal(refused.code, 'SCRAPE_SITE_ERROR');
  const dns = errorForStatus(500, { success: false, code: 'SCRAPE_DNS_RESOLUTION_ERROR', error: 'DNS resolution failed' }, { ...cloud, operation: 'scrape' });
  assert.deepEqual(dns.actions, ['checkUrl', 'retry']);
  // Without such a code a 500 stays a server failure.
  assert.match(errorForStatus(500, { success: false, error: 'boom' }, { ...cloud, operation: 'scrape' }).message, /failed with HTTP 500/);
});
