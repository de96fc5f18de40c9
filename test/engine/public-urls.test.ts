// Capability URLs and HEAD (defect 11 of issue 17): cdpUrl and the live-view links come from
// the engine's own address or --public-url, never from the Host header a client sends.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { startEngine, type EngineHandle } from '../support/engine';
import { call, shown } from './api';

/** One request with a Host header of our choosing (fetch does not let a caller set it). */
function rawRequest(engine: EngineHandle, method: string, path: string, host: string, body?: unknown): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const url = new URL(engine.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, setHost: false, headers: { host, authorization: `Bearer ${engine.apiKey}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const urlsOf = (b: { cdpUrl: string; liveViewUrl: string; interactiveLiveViewUrl: string }): string[] => [b.cdpUrl, b.liveViewUrl, b.interactiveLiveViewUrl];

describe('engine: capability URLs and HEAD', { timeout: 300_000 }, () => {
  test("a session's URLs use the engine's own address whatever Host the client sends; the session list too", async () => {
    const engine = await startEngine();
    try {
      const evil = 'a"b<c>.attacker.example:1';
      const r = await rawRequest(engine, 'POST', '/v2/browser', evil, {});
      assert.equal(r.status, 200, r.text);
      const created = JSON.parse(r.text);
      const base = new URL(engine.url).host;
      for (const u of urlsOf(created)) {
        assert.equal(new URL(u).host, base, `built from the engine's address: ${u.split('?')[0]}`);
        assert.equal(u.includes('attacker'), false);
      }
      assert.ok(created.cdpUrl.startsWith(`ws://${base}/cdp/`));
      const list = JSON.parse((await rawRequest(engine, 'GET', '/v2/browser', 'elsewhere.example')).text);
      assert.equal(list.sessions.length, 1, shown(list));
      for (const u of urlsOf(list.sessions[0])) assert.equal(new URL(u).host, base);
      assert.equal((await call(engine, 'DELETE', `/v2/browser/${created.id}`)).status, 200);
    } finally {
      await engine.stop();
    }
  });

  test('with --public-url the URLs use it (https gives wss); a --public-url with a path is refused at start', async () => {
    const engine = await startEngine({ args: ['--public-url', 'https://engine.example.test:8443'] });
    try {
      const r = await rawRequest(engine, 'POST', '/v2/browser', 'other.example', {});
      const created = JSON.parse(r.text);
      assert.ok(created.cdpUrl.startsWith('wss://engine.example.test:8443/cdp/'), created.cdpUrl.split('?')[0]);
      assert.ok(created.liveViewUrl.startsWith('https://engine.example.test:8443/live/'), created.liveViewUrl.split('?')[0]);
      assert.equal((await call(engine, 'DELETE', `/v2/browser/${created.id}`)).status, 200);
    } finally {
      await engine.stop();
    }
    await assert.rejects(startEngine({ args: ['--public-url', 'http://h:1/sub?x'] }), /--public-url must be the http:\/\/ or https:\/\/ address/);
  });

  test('HEAD answers wherever GET does: /health without the key, /v2/browser with it; no body', async () => {
    const engine = await startEngine();
    try {
      const health = await rawRequest(engine, 'HEAD', '/health', 'x');
      assert.equal(health.status, 200);
      assert.equal(health.text, '');
      assert.ok(Number(health.headers['content-length']) > 0, 'the length GET would send');
      assert.equal((await call(engine, 'HEAD', '/v2/browser')).status, 200);
      assert.equal((await call(engine, 'HEAD', '/v2/browser', undefined, null)).status, 401);
      assert.equal((await call(engine, 'HEAD', '/nothing-here')).status, 404);
    } finally {
      await engine.stop();
    }
  });
});
