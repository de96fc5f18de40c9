// Browsers on a remote browser service (--browser-endpoint): Playwright's own run-server
// (playwright-core, on loopback, launching Debian's Chromium) and, as a contract test, a
// Chromium with its DevTools port open on loopback standing in for a Browserless-style CDP
// endpoint. Scrape, node/bash/python runs, the live view, the cdpUrl and DELETE go through the
// real engine; the session's browser must be a process of the service and be gone after DELETE.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { processAlive } from '../../src/engine/browser/chromium';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { connectLive } from '../support/live-client';
import { call, interact, scrapeJob, shown } from './api';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const BROWSER_PID = "const s = await browser.newBrowserCDPSession(); (await s.send('SystemInfo.getProcessInfo')).processInfo.find((p) => p.type === 'browser').id";

/** Starts a process and resolves with the first match of `pattern` in its output. */
function startAndWait(cmd: string, args: string[], pattern: RegExp): Promise<{ proc: ChildProcess; match: RegExpExecArray }> {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start: ${out}`)), 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ proc, match });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`${cmd} exited (${code}): ${out}`)));
  });
}

/** Ends a service process: SIGTERM, then SIGKILL if it is still there after 3 s (run-server sometimes ignores SIGTERM). */
async function stopProcess(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** The parent process id of `pid` (from /proc). */
const parentOf = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);

async function gone(pid: number, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (!processAlive(pid)) return true;
  return false;
}

/** The walk every remote mode must support: scrape → node, bash, python → live frame → cdpUrl → DELETE. */
async function sessionWalk(engine: EngineHandle, fx: FixtureServer, secret: string, isRemote: (pid: number) => boolean): Promise<number> {
  const jobId = await scrapeJob(engine, `${fx.url}/index.html`, { formats: ['markdown'] });
  const node = await interact(engine, jobId, { code: 'await page.title()', language: 'node' });
  assert.equal(node.status, 200, shown(node.body));
  assert.equal(node.body.result, 'Fixture Home');
  const pidRun = await interact(engine, jobId, { code: BROWSER_PID });
  const pid = Number(pidRun.body.result);
  assert.equal(pidRun.status, 200, shown(pidRun.body));
  assert.ok(pid > 0 && isRemote(pid), `the session's browser (pid ${pid}) is the remote service's: ${shown(pidRun.body)}`);
  const bash = await interact(engine, jobId, { code: 'agent-browser get title', language: 'bash' });
  assert.equal(bash.body.stdout, 'Fixture Home\n', shown(bash.body));
  const python = await interact(engine, jobId, { code: "await page.text_content('h1')", language: 'python' });
  assert.equal(python.body.result, 'Hello fixture', shown(python.body));

  const live = await connectLive(node.body.liveViewUrl);
  try {
    await live.waitFor(() => live.frames.length > 0, 30_000, 'a live-view frame');
    assert.ok(live.frames[0].bytes > 0 && live.frames[0].meta.deviceWidth > 0);
  } finally {
    live.close();
  }
  const viaCdp = await chromium.connectOverCDP(node.body.cdpUrl);
  try {
    const page = viaCdp.contexts()[0].pages().find((p) => p.url().endsWith('/index.html'));
    assert.ok(page, 'cdpUrl reaches the session page');
    assert.equal(await page.title(), 'Fixture Home');
  } finally {
    await viaCdp.close();
  }

  const stopped = await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
  assert.equal(stopped.status, 200, shown(stopped.body));
  assert.ok(await gone(pid), 'DELETE closed the browser on the remote service');
  const after = await interact(engine, jobId, { code: '1', language: 'node' });
  assert.equal(after.status, 410);

  for (const text of [JSON.stringify(node.body), JSON.stringify(stopped.body), engine.output()]) assert.ok(!text.includes(secret), 'the endpoint token appears in no answer and not in the log');
  return pid;
}

describe("engine: browsers on Playwright's run-server (--browser-endpoint)", { timeout: 300_000 }, () => {
  let fx: FixtureServer;
  let server: ChildProcess;
  let engine: EngineHandle;
  let endpoint: string;
  const secret = `tok-${randomBytes(12).toString('hex')}`;
  before(async () => {
    fx = await startFixtureServer();
    // --unsafe lets a client choose the executable (Debian's Chromium; a grid host would have Playwright's own browsers).
    const started = await startAndWait(process.execPath, [join(ROOT, 'node_modules', 'playwright-core', 'cli.js'), 'run-server', '--port', '0', '--host', '127.0.0.1', '--unsafe'], /Listening on (ws:\/\/\S+)/);
    server = started.proc;
    const launch = encodeURIComponent(JSON.stringify({ executablePath: CHROMIUM }));
    endpoint = `${started.match[1]}?launch-options=${launch}&token=${secret}`;
    engine = await startEngine({ args: ['--browser-endpoint', endpoint], spares: true });
  });
  after(async () => {
    await engine?.stop();
    await stopProcess(server);
    await fx?.close();
  });

  test('scrape, node/bash/python runs, live view, cdpUrl and DELETE on a remote browser; the endpoint stays hidden', async () => {
    const serverPid = server.pid as number;
    await sessionWalk(engine, fx, secret, (pid) => parentOf(pid) === serverPid);
    assert.match(engine.output(), /browsers run on the remote browser service at ws:\/\/127\.0\.0\.1:\d+ \(playwright protocol\)/);
    assert.ok(!engine.output().includes('launch-options'), 'no part of the endpoint past host and port is logged');
  });

  test('a standalone session gets its own remote browser, closed by DELETE; profiles answer 400', async () => {
    const a = await call(engine, 'POST', '/v2/browser', {});
    const b = await call(engine, 'POST', '/v2/browser', {});
    assert.equal(a.status, 200, shown(a.body));
    const pidA = Number((await call(engine, 'POST', `/v2/browser/${a.body.id}/execute`, { code: BROWSER_PID, language: 'node' })).body.result);
    const pidB = Number((await call(engine, 'POST', `/v2/browser/${b.body.id}/execute`, { code: BROWSER_PID, language: 'node' })).body.result);
    assert.notEqual(pidA, pidB, 'two sessions, two remote browsers');
    assert.equal((await call(engine, 'DELETE', `/v2/browser/${a.body.id}`)).status, 200);
    assert.ok(await gone(pidA), 'session A closed on the service');
    assert.ok(processAlive(pidB), 'session B untouched');
    assert.equal((await call(engine, 'DELETE', `/v2/browser/${b.body.id}`)).status, 200);
    assert.ok(await gone(pidB));

    const profile = await call(engine, 'POST', '/v2/browser', { profile: { name: 'remote', saveChanges: true } });
    assert.equal(profile.status, 400, shown(profile.body));
    assert.match(profile.body.error, /Saved profiles are not available on this engine: its browsers run on a remote browser service/);
  });
});

describe('engine: CDP endpoint contract (a loopback Chromium with its DevTools port stands in for Browserless)', { timeout: 300_000 }, () => {
  let fx: FixtureServer;
  let browserProc: ChildProcess;
  let engine: EngineHandle;
  let profile: string;
  const secret = `tok-${randomBytes(12).toString('hex')}`;
  before(async () => {
    fx = await startFixtureServer();
    profile = mkdtempSync(join(tmpdir(), 'interact-cdp-endpoint-'));
    const started = await startAndWait(
      CHROMIUM,
      ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'],
      /DevTools listening on (ws:\/\/\S+)/,
    );
    browserProc = started.proc;
    // Browserless takes its token in the query; Chromium ignores it.
    engine = await startEngine({ args: ['--browser-endpoint', `${started.match[1]}?token=${secret}`, '--browser-protocol', 'cdp'], spares: true });
  });
  after(async () => {
    await engine?.stop();
    await stopProcess(browserProc);
    await fx?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('scrape, runs, live view, cdpUrl over CDP; DELETE closes the browser (Browser.close)', async () => {
    const pid = await sessionWalk(engine, fx, secret, (p) => p === browserProc.pid);
    assert.equal(pid, browserProc.pid);
  });
});

describe('engine: bad --browser-endpoint', { timeout: 120_000 }, () => {
  test('a URL that is not ws:// stops the engine at start without quoting it', async () => {
    const secret = `tok-${randomBytes(8).toString('hex')}`;
    await assert.rejects(startEngine({ args: ['--browser-endpoint', `http://grid.example:3000/?token=${secret}`] }), (err: Error) => {
      assert.match(err.message, /engine exited with 2/);
      assert.match(err.message, /--browser-endpoint is a http: URL, not ws:\/\/ or wss:\/\/\. Give the remote browser service's WebSocket URL/);
      assert.ok(!err.message.includes(secret));
      return true;
    });
    await assert.rejects(startEngine({ args: ['--browser-protocol', 'selenium'] }), /--browser-protocol must be playwright .* or cdp/);
  });

  test('an unreachable service: the log says so at start, sessions and scrapes answer 503 with what to do; the token stays hidden', async () => {
    const secret = `tok-${randomBytes(8).toString('hex')}`;
    const engine = await startEngine({ args: ['--browser-endpoint', `ws://127.0.0.1:9/${secret}?token=${secret}`], spares: true });
    try {
      const session = await call(engine, 'POST', '/v2/browser', {});
      assert.equal(session.status, 503, shown(session.body));
      assert.match(session.body.error, /^The remote browser service at ws:\/\/127\.0\.0\.1:9 did not give a browser \(playwright protocol\): .+\. Check that the service is running and reachable from the engine/);
      const scrape = await call(engine, 'POST', '/v2/scrape', { url: 'http://127.0.0.1:9/' });
      assert.equal(scrape.status, 503, shown(scrape.body));
      for (let i = 0; i < 300 && !/the spare browser could not be started/.test(engine.output()); i++) await sleep(100);
      assert.match(engine.output(), /the spare browser could not be started: The remote browser service at ws:\/\/127\.0\.0\.1:9 did not give a browser/);
      for (const text of [JSON.stringify(session.body), JSON.stringify(scrape.body), engine.output()]) assert.ok(!text.includes(secret), `no token in: ${text.slice(0, 300)}`);
    } finally {
      await engine.stop();
    }
  });
});
