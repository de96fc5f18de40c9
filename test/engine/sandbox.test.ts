import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';

/** Pids of every process on this machine whose command line contains `marker`. */
function withMarker(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

async function waitNone(marker: string, ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let left = withMarker(marker);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = withMarker(marker);
  }
  return left;
}

// Each escape uses `sleep <n>.<digits>`: a number no other process on the machine has in its command line.
const mark = (n: number): string => `${n}.${process.pid}${Math.floor(Math.random() * 1e6)}`;

describe('engine: user code runs in a sandbox', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let home: string;
  const cloudKey = `fc-cloud-${Math.random().toString(36).slice(2)}`;
  before(async () => {
    fx = await startFixtureServer();
    // A file in the engine user's home: runs must not see it.
    home = mkdtempSync(join(tmpdir(), 'interact-home-'));
    writeFileSync(join(home, 'private.txt'), 'home-secret');
    engine = await startEngine({ env: { FIRECRAWL_API_KEY: cloudKey, HOME: home } });
    assert.doesNotMatch(engine.output(), /no sandbox/, 'bwrap works on this machine (scripts/setup.sh installs bubblewrap)');
  });
  after(async () => {
    await engine?.stop();
    await fx?.close();
    rmSync(home, { recursive: true, force: true });
  });

  test('bash: nohup, setsid, a double fork and a plain background job end with the run; the run does not wait for them', async () => {
    const job = await scrapeJob(engine, `${fx.url}/index.html`);
    const m = [mark(4001), mark(4002), mark(4003), mark(4004)];
    const code = `nohup sleep ${m[0]} >/dev/null 2>&1 & setsid sleep ${m[1]} & ( ( sleep ${m[2]} & ) & ); sleep ${m[3]} & echo started`;
    const r = await interact(engine, job, { language: 'bash', code, timeout: 20 });
    assert.equal(r.body.exitCode, 0, shown(r.body));
    // The plain background job keeps the run's stdout open; the run still ends when bash does.
    assert.equal(r.body.killed, false);
    assert.equal(r.body.stdout, 'started\n');
    for (const marker of m) assert.deepEqual(await waitNone(marker, 20_000), [], `sleep ${marker} outlived its run`);
  });

  test('node: child_process.spawn (plain and detached) lives with the session and ends with its DELETE', async () => {
    const job = await scrapeJob(engine, `${fx.url}/index.html`);
    const m = [mark(5001), mark(5002)];
    const r = await interact(engine, job, {
      code: `const { spawn } = require('node:child_process'); spawn('sleep', ['${m[0]}']); spawn('setsid', ['sleep', '${m[1]}'], { detached: true, stdio: 'ignore' }).unref(); 'ok'`,
    });
    assert.equal(r.body.result, 'ok', shown(r.body));
    for (const marker of m) assert.equal(withMarker(marker).length > 0, true, `sleep ${marker} runs while the session lives`);
    assert.equal((await call(engine, 'DELETE', `/v2/scrape/${job}/interact`)).status, 200);
    for (const marker of m) assert.deepEqual(await waitNone(marker, 20_000), [], `sleep ${marker} outlived the session`);
  });

  test('no run can read the engine key, the cloud key, the data dir or the home folder', async () => {
    const job = await scrapeJob(engine, `${fx.url}/index.html`);
    const bash = await interact(engine, job, {
      language: 'bash',
      code: `cat /proc/[0-9]*/cmdline /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n'; env; ls -la ${engine.dataDir} ${home} 2>&1; cat ${home}/private.txt 2>&1; ls /proc | grep -c '^[0-9]'`,
    });
    assert.equal(bash.status, 200);
    const seen = `${bash.body.stdout}${bash.body.stderr}`;
    assert.equal(seen.includes(engine.apiKey), false, 'the engine key is not readable');
    assert.equal(seen.includes(cloudKey), false, 'the cloud key is not readable');
    assert.equal(seen.includes('home-secret'), false, 'the home folder is hidden');
    assert.equal(seen.includes('jobs'), false, "the data dir's files are hidden");
    // Only the sandbox's own few processes are visible, not the engine or the machine's.
    const visible = Number(bash.body.stdout.trim().split('\n').pop());
    assert.ok(visible > 0 && visible < 8, `processes visible to the run: ${visible}`);
    const node = await interact(engine, job, {
      code: "const fs = require('node:fs'); const all = fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p)).map((p) => { try { return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8') + fs.readFileSync(`/proc/${p}/environ`, 'utf8'); } catch { return ''; } }).join('\\n'); all + JSON.stringify(process.env)",
    });
    assert.equal(node.status, 200);
    assert.equal(node.body.result.includes(engine.apiKey), false);
    assert.equal(node.body.result.includes(cloudKey), false);
  });

  test('an engine killed with SIGKILL takes the sandboxes and everything in them along', async () => {
    const doomed = await startEngine();
    try {
      const job = await scrapeJob(doomed, `${fx.url}/index.html`);
      const m = [mark(6001), mark(6002)];
      const r = await interact(doomed, job, { code: `require('node:child_process').spawn('setsid', ['sleep', '${m[0]}'], { detached: true, stdio: 'ignore' }).unref(); 1` });
      assert.equal(r.body.result, '1', shown(r.body));
      const bash = interact(doomed, job, { language: 'bash', code: `sleep ${m[1]}`, timeout: 60 }).catch(() => undefined);
      for (let i = 0; i < 300 && withMarker(m[1]).length === 0; i++) await sleep(100);
      for (const marker of m) assert.equal(withMarker(marker).length > 0, true, `sleep ${marker} started`);
      doomed.proc.kill('SIGKILL');
      await bash;
      for (const marker of m) assert.deepEqual(await waitNone(marker, 20_000), [], `sleep ${marker} outlived the engine`);
    } finally {
      await doomed.stop();
    }
  });
});

describe('engine: browsers have no DevTools port', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
  });

  test("code in session A finds no DevTools endpoint on any local port, so cannot reach session B's page", async () => {
    const a = await scrapeJob(engine, `${fx.url}/index.html`);
    const b = await scrapeJob(engine, `${fx.url}/two.html`);
    assert.equal((await interact(engine, b, { code: 'await page.title()' })).body.result, 'Second Page');
    // Every listening TCP port on the machine (the sandbox shares the network), asked the way
    // DevTools clients discover a browser.
    const r = await interact(engine, a, {
      code: `const fs = require('node:fs');
const ports = new Set();
for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) for (const line of fs.readFileSync(f, 'utf8').split('\\n').slice(1)) {
  const cols = line.trim().split(/\\s+/);
  if (cols[3] === '0A') ports.add(parseInt(cols[1].split(':').pop(), 16));
}
const found = [];
for (const port of ports) {
  try {
    const res = await fetch('http://127.0.0.1:' + port + '/json/version', { signal: AbortSignal.timeout(2000) });
    if (!(await res.text()).includes('webSocketDebuggerUrl')) continue;
    // Other engines may run on this machine; this engine's browsers show this test's fixture pages.
    const list = await (await fetch('http://127.0.0.1:' + port + '/json/list', { signal: AbortSignal.timeout(2000) })).text();
    if (list.includes(${JSON.stringify(fx.url)})) found.push(port);
  } catch {}
}
({ scanned: ports.size, found })`,
      timeout: 120,
    });
    assert.equal(r.body.success, true, shown(r.body));
    const { scanned, found } = JSON.parse(r.body.result);
    assert.ok(scanned > 0, 'the run saw the listening ports');
    assert.deepEqual(found, [], 'no DevTools endpoint answered');
    // Session A still drives its own browser.
    assert.equal((await interact(engine, a, { code: 'await page.title()' })).body.result, 'Fixture Home');
  });

  test('no browser of the engine is started with a DevTools port', async () => {
    const parents = new Map<number, number>();
    for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        // Field 4 of /proc/<pid>/stat is the parent pid (after the command name in parentheses).
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        parents.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // Gone meanwhile.
      }
    }
    const below = (pid: number): boolean => {
      for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === engine.proc.pid) return true;
      return false;
    };
    const browsers = [...parents.keys()]
      .filter(below)
      .map((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8');
        } catch {
          return '';
        }
      })
      .filter((cmd) => cmd.includes('--user-data-dir='));
    assert.ok(browsers.length > 0, 'the engine runs browsers');
    for (const cmd of browsers) assert.equal(cmd.includes('--remote-debugging-port'), false);
  });
});

describe('engine: file: URLs', { timeout: 300_000 }, () => {
  let fx: FixtureServer;
  const fixture = `file://${join(__dirname, '..', 'fixtures', 'pages', 'two.html')}`;
  before(async () => {
    fx = await startFixtureServer();
  });
  after(async () => {
    await fx?.close();
  });

  test('by default: scrape answers 400; the session browser opens none (goto, a new tab, a page sending itself there)', async () => {
    const engine = await startEngine();
    try {
      const scrape = await call(engine, 'POST', '/v2/scrape', { url: fixture });
      assert.equal(scrape.status, 400, shown(scrape.body));
      assert.match(scrape.body.error, /--allow-file-urls/);
      const job = await scrapeJob(engine, `${fx.url}/index.html`);
      const goto = await interact(engine, job, { code: `await page.goto(${JSON.stringify(fixture)})` });
      assert.equal(goto.body.success, false);
      assert.match(goto.body.stderr, /file: URLs are refused/);
      const tab = await interact(engine, job, { code: `const p2 = await context.newPage(); await p2.goto(${JSON.stringify(fixture)}).catch((e) => e.message)` });
      assert.match(tab.body.result, /file: URLs are refused/);
      const self = await interact(engine, job, {
        code: `await page.evaluate((u) => { location.href = u; }, ${JSON.stringify(fixture)}).catch(() => {}); await page.waitForTimeout(1000); [page.url(), await page.title()]`,
      });
      assert.equal(JSON.parse(self.body.result)[1], 'Fixture Home', shown(self.body));
      const bash = await interact(engine, job, { language: 'bash', code: `agent-browser open ${fixture}; agent-browser get title` });
      assert.doesNotMatch(bash.body.stdout, /Second Page/, shown(bash.body));
    } finally {
      await engine.stop();
    }
  });

  test('with --allow-file-urls: scrape and the session browser open them', async () => {
    const engine = await startEngine({ args: ['--allow-file-urls'] });
    try {
      const job = await scrapeJob(engine, fixture);
      const r = await interact(engine, job, { code: `await page.goto(${JSON.stringify(fixture)}); await page.title()` });
      assert.equal(r.body.result, 'Second Page', shown(r.body));
    } finally {
      await engine.stop();
    }
  });
});
