import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayUrl, redact } from '../../src/api/redact';
import { isCloudUrl, isInsecureRemote, isLoopbackUrl, joinUrl } from '../../src/api/url';

test('url: join handles slashes, path prefixes, /v2 bases and base queries', () => {
  assert.equal(joinUrl('https://api.firecrawl.dev', '/v2/scrape'), 'https://api.firecrawl.dev/v2/scrape');
  assert.equal(joinUrl('https://api.firecrawl.dev/', '/v2/scrape'), 'https://api.firecrawl.dev/v2/scrape');
  assert.equal(joinUrl('https://api.firecrawl.dev/v2/', '/v2/scrape'), 'https://api.firecrawl.dev/v2/scrape');
  assert.equal(joinUrl('http://host/firecrawl//', 'v2/browser?status=active'), 'http://host/firecrawl/v2/browser?status=active');
  assert.equal(joinUrl('http://host/v2', '/v2/browser?status=active'), 'http://host/v2/browser?status=active');
  assert.equal(joinUrl('http://host:3002/?x=1#f', '/v2/scrape'), 'http://host:3002/v2/scrape');
});

test('url: cloud, loopback and insecure-remote detection', () => {
  assert.equal(isCloudUrl('https://api.firecrawl.dev'), true);
  assert.equal(isCloudUrl('https://API.Firecrawl.dev/v2'), true);
  assert.equal(isCloudUrl('https://firecrawl.dev.evil.com'), false);
  assert.equal(isCloudUrl('http://127.0.0.1:3002'), false);
  assert.equal(isCloudUrl('not a url'), false);
  for (const u of ['http://127.0.0.1:3002', 'http://localhost:3002', 'http://[::1]:3002', 'http://app.localhost', 'http://127.5.6.7']) {
    assert.equal(isLoopbackUrl(u), true, u);
    assert.equal(isInsecureRemote(u), false, u);
  }
  assert.equal(isInsecureRemote('http://192.168.1.20:3002'), true);
  assert.equal(isInsecureRemote('http://firecrawl.lan'), true);
  assert.equal(isInsecureRemote('https://firecrawl.lan'), false);
  assert.equal(isInsecureRemote('garbage'), false);
});

test('redact: keys, bearer tokens and URL queries', () => {
  assert.equal(redact('key fc-abcdef1234567890 used'), 'key fc-*** used');
  assert.equal(redact('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer ***');
  assert.equal(redact('see wss://h/devtools/browser/1?token=s3cret now'), 'see wss://h/devtools/browser/1?… now');
  assert.equal(redact('mine is hunter22!', ['hunter22!']), 'mine is ***');
  assert.equal(redact('short ab stays', ['ab']), 'short ab stays');
  assert.equal(displayUrl('https://u:p@h.example/a/b?token=1#x'), 'https://h.example/a/b');
});

test('redact: any case of bearer is masked, and text without a key, token or URL is left as is', () => {
  assert.equal(redact('authorization: BEARER abc.def'), 'authorization: BEARER ***');
  assert.equal(redact('header bearer abc'), 'header bearer ***');
  assert.equal(redact('[activate] backend cloud (from default), fc- prefix alone, ws: no url'), '[activate] backend cloud (from default), fc- prefix alone, ws: no url');
});

test('redact: credentials written into a URL', () => {
  assert.equal(redact('api at https://ada:s3cret@fc.example/v2 failed'), 'api at https://***@fc.example/v2 failed');
  assert.equal(redact('ws://token@h:1/cdp?x=1'), 'ws://***@h:1/cdp?…');
  assert.equal(redact('mail ada@example.com and https://example.com/a@b'), 'mail ada@example.com and https://example.com/a@b');
});
