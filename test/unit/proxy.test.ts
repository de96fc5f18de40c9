/**
 * The proxy decision (proxy.ts), the trusted certificates (trust.ts) with a fake file system
 * and environment per platform, the messages that name the setting to fix, and the client
 * through a real forward proxy (npm `proxy`) that alone resolves the API's host name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FirecrawlClient, type ClientSettings } from '../../src/api/client';
import { ApiError, networkError } from '../../src/api/errors';
import { bypassed, chromiumBypassList, engineProxy, routeFor, type ProxySettings } from '../../src/api/proxy';
import { extraCertificates, type TrustSource } from '../../src/api/trust';
import { startContractServer, type ContractServer } from '../support/contract-server';
import type { ForwardProxy } from '../support/forward-proxy.mjs' with { 'resolution-mode': 'import' };

// The proxy library is an ES module: loaded with import().
const startForwardProxy: typeof import('../support/forward-proxy.mjs', { with: { 'resolution-mode': 'import' } }).startForwardProxy = async (options) => (await import('../support/forward-proxy.mjs')).startForwardProxy(options);

const NONE: ProxySettings = { noProxy: [], strictSSL: true, systemCertificates: true };
const withProxy = (proxy: string, more: Partial<ProxySettings> = {}): ProxySettings => ({ ...NONE, proxy, ...more });

describe('routeFor', () => {
  test('http.proxy wins over the environment, for http and https targets', () => {
    const env = { HTTPS_PROXY: 'http://env-proxy:1', HTTP_PROXY: 'http://env-proxy:2' };
    for (const target of ['https://api.firecrawl.dev/v2/scrape', 'http://api.corp.example/v2']) {
      const r = routeFor(target, withProxy('http://user:pw@corp-proxy:3128'), env);
      assert.equal(r.kind, 'proxy');
      assert.ok(r.kind === 'proxy');
      assert.equal(r.setting, 'http.proxy');
      assert.equal(r.uri, 'http://user:pw@corp-proxy:3128/');
      assert.equal(r.shown, 'http://corp-proxy:3128', 'credentials never shown');
    }
  });

  test('without http.proxy: HTTPS_PROXY for https (HTTP_PROXY as fallback), HTTP_PROXY for http, lower case too', () => {
    const r1 = routeFor('https://api.firecrawl.dev/', NONE, { HTTPS_PROXY: 'http://s:1', HTTP_PROXY: 'http://p:2' });
    assert.deepEqual(r1.kind === 'proxy' && [r1.shown, r1.setting], ['http://s:1', 'HTTPS_PROXY']);
    const r2 = routeFor('https://api.firecrawl.dev/', NONE, { http_proxy: 'p:2' });
    assert.deepEqual(r2.kind === 'proxy' && [r2.shown, r2.setting], ['http://p:2', 'HTTP_PROXY']);
    const r3 = routeFor('http://api.corp.example/', NONE, { HTTPS_PROXY: 'http://s:1' });
    assert.equal(r3.kind, 'direct');
    assert.equal(routeFor('https://api.firecrawl.dev/', NONE, {}).kind, 'direct');
  });

  test('loopback always goes direct (the local engine)', () => {
    for (const target of ['http://127.0.0.1:3002/', 'http://localhost:1/', 'http://[::1]:1/', 'http://127.8.9.10/']) {
      assert.equal(routeFor(target, withProxy('http://p:1'), {}).kind, 'direct', target);
    }
  });

  test('http.noProxy, else NO_PROXY, sends matching hosts direct', () => {
    const s = withProxy('http://p:1', { noProxy: ['.corp.example', 'api.firecrawl.dev:443'] });
    assert.equal(routeFor('https://x.corp.example/', s, {}).kind, 'direct');
    assert.equal(routeFor('https://api.firecrawl.dev/', s, {}).kind, 'direct');
    assert.equal(routeFor('http://api.firecrawl.dev/', s, {}).kind, 'proxy', 'port 80 is not :443');
    assert.equal(routeFor('https://other.example/', s, {}).kind, 'proxy');
    // The setting replaces NO_PROXY; without it NO_PROXY counts.
    assert.equal(routeFor('https://other.example/', s, { NO_PROXY: 'other.example' }).kind, 'proxy');
    assert.equal(routeFor('https://other.example/', withProxy('http://p:1'), { NO_PROXY: 'foo, other.example' }).kind, 'direct');
    assert.equal(routeFor('https://a.b/', withProxy('http://p:1'), { no_proxy: '*' }).kind, 'direct');
  });

  test('bypassed: host, subdomain, *.domain, port, IPv6', () => {
    const u = (s: string) => new URL(s);
    assert.ok(bypassed(u('https://a.example.com/'), ['example.com']));
    assert.ok(bypassed(u('https://example.com/'), ['.example.com']));
    assert.ok(bypassed(u('https://a.example.com/'), ['*.example.com']));
    assert.ok(!bypassed(u('https://notexample.com/'), ['example.com']));
    assert.ok(bypassed(u('http://h:8080/'), ['h:8080']));
    assert.ok(!bypassed(u('http://h:8081/'), ['h:8080']));
    assert.ok(bypassed(u('http://[fd00::1]:80/'), ['fd00::1']));
    assert.ok(bypassed(u('http://[fd00::1]:80/'), ['[fd00::1]:80']));
  });
});

describe('engineProxy (the local engine\'s Chromium)', () => {
  test('the proxy without credentials, and the no-proxy list in Chromium\'s syntax', () => {
    assert.deepEqual(engineProxy(withProxy('http://u:p@corp:3128', { noProxy: ['.corp.example', 'intranet'] }), {}), {
      server: 'http://corp:3128',
      bypass: '*.corp.example;corp.example;intranet;*.intranet',
    });
    assert.deepEqual(engineProxy(NONE, { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'a.example' }), { server: 'http://env:1', bypass: 'a.example;*.a.example' });
    assert.equal(engineProxy(NONE, {}), undefined);
    assert.equal(engineProxy(NONE, { HTTPS_PROXY: 'http://env:1', NO_PROXY: '*' }), undefined, 'NO_PROXY=* covers every target');
    assert.equal(chromiumBypassList(['*.x']), '*.x');
  });
});

describe('extraCertificates (fake file system and environment per platform)', () => {
  const pem = (n: string) => `-----BEGIN CERTIFICATE-----\n${n}\n-----END CERTIFICATE-----`;
  const source = (platform: NodeJS.Platform, files: Record<string, string>, env: Record<string, string> = {}, security = ''): TrustSource & { ran: string[] } => {
    const ran: string[] = [];
    return {
      platform,
      env,
      ran,
      readFile: async (p) => {
        if (p in files) return files[p];
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      },
      run: async (cmd, args) => {
        ran.push([cmd, ...args].join(' '));
        return security;
      },
    };
  };

  test('Linux: the first OS bundle found, plus NODE_EXTRA_CA_CERTS', async () => {
    const src = source('linux', { '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem': `${pem('A')}\n${pem('B')}\n${pem('A')}`, '/x/corp.pem': pem('CORP') }, { NODE_EXTRA_CA_CERTS: '/x/corp.pem' });
    assert.deepEqual(await extraCertificates(true, src), [pem('A'), pem('B'), pem('CORP')]);
  });

  test('macOS: the keychains through /usr/bin/security', async () => {
    const src = source('darwin', {}, {}, `${pem('K1')}\n${pem('K2')}\n`);
    assert.deepEqual(await extraCertificates(true, src), [pem('K1'), pem('K2')]);
    assert.deepEqual(src.ran, ['/usr/bin/security find-certificate -a -p']);
  });

  test('Windows: left to VS Code\'s own store patch (no list), unless system certificates are off', async () => {
    assert.equal(await extraCertificates(true, source('win32', {})), undefined);
    assert.deepEqual(await extraCertificates(false, source('win32', { 'C:\\corp.pem': pem('C') }, { NODE_EXTRA_CA_CERTS: 'C:\\corp.pem' })), [pem('C')]);
  });

  test('http.systemCertificates off: only NODE_EXTRA_CA_CERTS; a missing file adds nothing', async () => {
    assert.deepEqual(await extraCertificates(false, source('linux', { '/etc/ssl/certs/ca-certificates.crt': pem('OS') })), []);
    assert.deepEqual(await extraCertificates(false, source('linux', {}, { NODE_EXTRA_CA_CERTS: '/missing.pem' })), []);
  });
});

describe('messages that name the setting to fix', () => {
  const ctx = { apiUrl: 'https://api.firecrawl.dev', operation: 'list' as const, url: 'https://api.firecrawl.dev/v2/browser', proxy: { shown: 'http://corp:3128', setting: 'http.proxy' } };

  test('a certificate error names http.systemCertificates, NODE_EXTRA_CA_CERTS and http.proxyStrictSSL', () => {
    const err = networkError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), ctx);
    assert.match(err.message, /http\.systemCertificates/);
    assert.match(err.message, /NODE_EXTRA_CA_CERTS/);
    assert.match(err.message, /http\.proxyStrictSSL/);
    assert.deepEqual(err.actions.slice(0, 1), ['openProxySettings']);
  });

  test('a proxy that cannot reach the target names http.noProxy', () => {
    const err = networkError(new Error('Proxy response (502) !== 200 when HTTP Tunneling'), ctx);
    assert.match(err.message, /the proxy http:\/\/corp:3128 \(from http\.proxy\) could not connect/i);
    assert.match(err.message, /http\.noProxy/);
  });
});

describe('the client through a real forward proxy', () => {
  let api: ContractServer;
  let proxy: ForwardProxy;
  let locked: ForwardProxy;
  const client = new FirecrawlClient({ env: {} });
  let apiUrl: string;
  const target = (proxySettings: ProxySettings): ClientSettings => ({ apiUrl, origin: 'test', timeoutMarginSec: 5, proxy: proxySettings });

  before(async () => {
    api = await startContractServer({ 'GET /v2/browser': { json: { success: true, sessions: [] } } });
    const port = new URL(api.url).port;
    // A name only the proxy resolves, as a company proxy resolves internal hosts.
    apiUrl = `http://api.proxy.test:${port}`;
    proxy = await startForwardProxy({ hosts: { 'api.proxy.test': '127.0.0.1' } });
    locked = await startForwardProxy({ hosts: { 'api.proxy.test': '127.0.0.1' }, credentials: 'alice:s3cret' });
  });
  after(async () => {
    await client.dispose();
    await Promise.all([api.close(), proxy.close(), locked.close()]);
  });

  test('http.proxy: the request goes through the proxy, which alone resolves the host', async () => {
    const before = proxy.log.length;
    assert.deepEqual(await client.listSessions(target(withProxy(proxy.url))), []);
    assert.ok(proxy.log.slice(before).some((e) => e.target.startsWith('api.proxy.test:')), JSON.stringify(proxy.log));
  });

  test('HTTP_PROXY from the environment when http.proxy is empty', async () => {
    const envClient = new FirecrawlClient({ env: { HTTP_PROXY: proxy.url } });
    try {
      const before = proxy.log.length;
      assert.deepEqual(await envClient.listSessions(target(NONE)), []);
      assert.equal(proxy.log.length, before + 1);
    } finally {
      await envClient.dispose();
    }
  });

  test('http.noProxy bypasses the proxy (the name then does not resolve)', async () => {
    const before = proxy.log.length;
    await assert.rejects(client.listSessions(target(withProxy(proxy.url, { noProxy: ['api.proxy.test'] }))), (err: ApiError) => /could not be resolved/.test(err.message));
    assert.equal(proxy.log.length, before, 'the proxy carried nothing');
  });

  test('407: the message names http.proxyAuthorization; with it the request passes', async () => {
    await assert.rejects(client.listSessions(target(withProxy(locked.url))), (err: ApiError) => {
      assert.equal(err.status, 407);
      assert.match(err.message, /http\.proxyAuthorization/);
      assert.deepEqual(err.actions, ['openProxySettings', 'retry']);
      return true;
    });
    const auth = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    assert.deepEqual(await client.listSessions(target(withProxy(locked.url, { authorization: auth }))), []);
    assert.deepEqual(await client.listSessions(target(withProxy(locked.url.replace('//', '//alice:s3cret@')))), [], 'credentials in http.proxy');
  });

  test('a refused proxy: the message names the setting it came from', async () => {
    const gone = await startForwardProxy();
    await gone.close();
    await assert.rejects(client.listSessions(target(withProxy(gone.url))), (err: ApiError) => /the proxy http:\/\/127\.0\.0\.1:\d+ \(from http\.proxy\) refused the connection/.test(err.message));
    const envClient = new FirecrawlClient({ env: { HTTP_PROXY: gone.url } });
    try {
      await assert.rejects(envClient.listSessions(target(NONE)), (err: ApiError) => /\(from HTTP_PROXY\) refused the connection\. Check HTTP_PROXY/.test(err.message));
    } finally {
      await envClient.dispose();
    }
  });
});
