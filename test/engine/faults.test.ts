import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { browserPid, profileMark } from '../support/browser-process';
import { call, interact, scrapeJob, shown } from './api';


describe('engine: faults', { timeout: 300_000 }, () => {
  let fx: FixtureServer;
  before(async () => {
    fx = await startFixtureServer();
  });
  after(async () => {
    await fx?.close();
  });

  test('a killed session browser ends its session: listed as destroyed, 410, its slot free again', async () => {
    const engine = await startEngine({ args: ['--max-sessions', '1'] });
    try {
      const a = await scrapeJob(engine, `${fx.url}/index.html`);
      const mark = profileMark();
      const marked = await interact(engine, a, { code: mark.code });
      assert.equal(marked.body.result, 'downloaded', shown(marked.body));
      const profile = mark.find();
      assert.ok(profile, 'the session browser\'s profile folder holds its download');
      const pid = browserPid(profile);
      assert.ok(pid, `the browser on ${profile} runs`);
      process.kill(pid, 'SIGKILL');
      let active = 1;
      for (let i = 0; i < 100 && active > 0; i++) {
        await sleep(100);
        active = (await call(engine, 'GET', '/v2/browser?status=active')).body.sessions.length;
      }
      assert.equal(active, 0, 'the session is no longer active');
      assert.equal((await interact(engine, a, { code: '1' })).status, 410);
      const b = await scrapeJob(engine, `${fx.url}/two.html`);
      const next = await interact(engine, b, { code: 'await page.title()' });
      assert.equal(next.status, 200, shown(next.body));
      assert.equal(next.body.result, 'Second Page');
    } finally {
      await engine.stop();
    }
  });

  test('a node run stopped by DELETE says the session ended (not a signal name)', async () => {
    const engine = await startEngine();
    try {
      const job = await scrapeJob(engine, `${fx.url}/index.html`);
      assert.equal((await interact(engine, job, { code: '1' })).status, 200);
      const run = interact(engine, job, { code: 'await new Promise(() => {})', timeout: 60 });
      await sleep(1000);
      assert.equal((await call(engine, 'DELETE', `/v2/scrape/${job}/interact`)).status, 200);
      const r = await run;
      assert.equal(r.body.success, false);
      assert.match(r.body.stderr, /Stopped: the browser session ended\./);
      assert.doesNotMatch(r.body.stderr, /SIGKILL/);
    } finally {
      await engine.stop();
    }
  });

  test('shutdown with nobody reading its output (EPIPE): exit 0, its temp folders removed', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'interact-fault-tmp-'));
    const dataDir = mkdtempSync(join(tmpdir(), 'interact-fault-data-'));
    try {
      const key = 'k'.repeat(32);
      const proc = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'engine.js'), '--port', '0', '--api-key', key, '--data-dir', dataDir], {
        env: { ...process.env, TMPDIR: tmp },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        proc.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        proc.once('exit', (code) => reject(new Error(`engine exited ${code}`)));
      });
      const engine = { url, apiKey: key };
      const job = await scrapeJob(engine, `${fx.url}/index.html`);
      assert.equal((await interact(engine, job, { code: '1' })).status, 200);
      assert.ok(readdirSync(tmp).length > 0, 'the engine keeps its browser profiles in TMPDIR');
      // The reader goes away: the engine's next write fails with EPIPE.
      proc.stdout.destroy();
      proc.stderr.destroy();
      const exited = new Promise<number | string | null>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal)));
      proc.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.deepEqual(readdirSync(tmp), [], 'no profile, REPL or Playwright folder is left');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a request that declares a body and never sends it is cut off (408) after --request-timeout, even without the key', async () => {
    const engine = await startEngine({ args: ['--headers-timeout', '2', '--request-timeout', '3'] });
    try {
      const { port, hostname } = new URL(engine.url);
      const socket = connect(Number(port), hostname);
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.write(`POST /v2/scrape HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`);
      const closed = new Promise<boolean>((resolve) => socket.once('close', () => resolve(true)));
      const started = Date.now();
      const outcome = await Promise.race([closed, sleep(30_000, false, { ref: false })]);
      // Node checks the timeouts every 2 s (connectionsCheckingInterval): closed within 3–6 s.
      assert.ok(Date.now() - started >= 2_500, `closed after ${Date.now() - started} ms, before --request-timeout`);
      socket.destroy();
      assert.equal(outcome, true, 'the engine closed the connection');
      // Without the key it is answered 401 at once; the unsent body then times out.
      assert.match(answer, /HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*$/);
    } finally {
      await engine.stop();
    }
  });

  test('a 50 MB body is read and answered 413 (not a reset connection)', async () => {
    const engine = await startEngine();
    try {
      for (let i = 0; i < 3; i++) {
        const r = await call(engine, 'POST', '/v2/scrape', JSON.stringify({ url: 'http://x.test', pad: 'p'.repeat(50 * 1024 * 1024) }));
        assert.equal(r.status, 413);
        assert.match(r.body.error, /larger than 2 MB/);
      }
    } finally {
      await engine.stop();
    }
  });

  test('scrapes: at most 4 load at once, and one whose client goes away is stopped', async () => {
    const engine = await startEngine();
    // A page that never answers (fault server): it sees which scrapes are loading.
    const hanging = new Set<IncomingMessage>();
    // Waits on the fault server's own events (a page request arrives, its connection closes),
    // not on a number of polls: on a loaded machine Chromium takes a while to start four loads.
    const changed = new EventEmitter();
    const hangingReaches = async (count: number, what: string): Promise<void> => {
      if (hanging.size === count) return;
      const done = new AbortController();
      try {
        await Promise.race([
          once(changed, `size:${count}`, { signal: done.signal }),
          sleep(60_000, undefined, { signal: done.signal }).then(() => assert.fail(`${what}: ${hanging.size} loading after 60 s`)),
        ]);
      } finally {
        done.abort();
      }
    };
    const server = createServer((req) => {
      hanging.add(req);
      changed.emit(`size:${hanging.size}`);
      req.socket.once('close', () => {
        hanging.delete(req);
        changed.emit(`size:${hanging.size}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`;
    try {
      const clients = Array.from({ length: 8 }, () => new AbortController());
      const scrapes = clients.map((c, i) =>
        fetch(`${engine.url}/v2/scrape`, {
          method: 'POST',
          headers: { authorization: `Bearer ${engine.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url: `${url}?n=${i}`, timeout: 120_000 }),
          signal: c.signal,
        }).catch(() => undefined),
      );
      await hangingReaches(4, 'four pages load');
      // No fifth load may start while four are loading.
      await sleep(1_500);
      assert.equal(hanging.size, 4, 'four pages load; the other scrapes wait');
      for (const c of clients) c.abort();
      await Promise.all(scrapes);
      await hangingReaches(0, 'the browser stopped loading the pages of clients that left');
      assert.equal(hanging.size, 0, 'the browser stopped loading the pages of clients that left');
      // The engine still scrapes.
      assert.ok(await scrapeJob(engine, `${fx.url}/index.html`));
    } finally {
      server.closeAllConnections();
      server.close();
      await engine.stop();
    }
  });
});
