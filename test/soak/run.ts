/**
 * `npm run soak`: the engine's fault and soak suite (not part of `npm test`). Bounded in count
 * and time, loopback only: it starts real engines (dist/engine.js) with real Chromium, sends
 * malformed requests, injects faults, runs concurrent sessions against a direct Playwright
 * baseline measured in the same run, and cycles sessions. It prints one table and exits
 * non-zero when a goal is missed (any 5xx or leak, a fault not survived, RSS growth > 10 %).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { findChromium } from '../../src/engine/browser/chromium';
import { call, interact, scrapeJob, shown, type Reply } from '../engine/api';
import { browserPid, profileMark } from '../support/browser-process';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer } from '../support/fixture-server';
import { attacker } from './attacker';

interface Row {
  area: string;
  what: string;
  figure: string;
  ok: boolean;
}
const rows: Row[] = [];
const row = (area: string, what: string, figure: string, ok: boolean): void => {
  rows.push({ area, what, figure, ok });
  console.error(`  ${ok ? 'ok  ' : 'MISS'} ${area}: ${what}: ${figure}`);
};

/** Pids below `root` (from /proc), so other engines on the machine do not count. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  return [...parent.keys()].filter((pid) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  });
}

/** What a process below the engine is, from its command line (Chromium helpers come and go with pages). */
function kindOf(pid: number): string {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return 'gone';
  }
  const cmd = argv.join(' ');
  if (/chrom/.test(argv[0] ?? '')) return /--type=/.test(cmd) ? 'chromium helper' : 'chromium browser';
  if (/bwrap/.test(argv[0] ?? '')) return 'sandbox';
  if (/repl-worker/.test(cmd)) return 'node REPL';
  return 'other';
}

/** Processes below `root`, counted by kind. */
function census(root: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pid of descendants(root)) {
    const kind = kindOf(pid);
    if (kind !== 'gone') counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/**
 * A full garbage collection in the engine, through its inspector (the soak starts it with
 * --inspect on a random loopback port), so RSS samples compare live memory, not the garbage
 * that happens to be uncollected. Returns the heap in use afterwards (bytes).
 */
async function inspectorGc(engine: EngineHandle): Promise<{ gc: () => Promise<number>; close: () => void }> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(engine.output())?.[1];
  if (!url) throw new Error('the engine printed no inspector URL');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 0;
  const send = (method: string): Promise<Record<string, number>> =>
    new Promise((resolve) => {
      const id = ++next;
      const onMessage = (data: Buffer): void => {
        const msg = JSON.parse(data.toString()) as { id?: number; result: Record<string, number> };
        if (msg.id !== id) return;
        ws.off('message', onMessage);
        resolve(msg.result);
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    gc: async () => {
      await send('HeapProfiler.collectGarbage');
      await send('HeapProfiler.collectGarbage');
      return (await send('Runtime.getHeapUsage')).usedSize;
    },
    close: () => ws.close(),
  };
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** The ways a response can leak: the key, a stack trace, a file path of the engine. */
function leaks(r: Reply, key: string): boolean {
  const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return text.includes(key) || /\n\s+at |\bat \S+ \(\/|node:internal/.test(text);
}

async function malformed(engine: EngineHandle, jobId: string): Promise<void> {
  const bodies: unknown[] = [
    '{', '[]', 'null', '"x"', '1e999', '{"url":', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}',
    { url: 42 }, { url: '' }, { url: 'javascript:alert(1)' }, { url: 'file:///etc/passwd' }, { url: 'http://x.test', formats: 'markdown' },
    { url: 'http://x.test', formats: [{ type: 'nope' }] }, { url: 'http://x.test', timeout: -1 }, { url: 'http://x.test', timeout: 1e300 },
    { url: 'http://x.test', actions: [{ type: '__proto__' }] }, { url: 'http://x.test', actions: [{ type: 'constructor' }] },
    { url: 'http://x.test', actions: [{ type: 'toString' }] }, { url: 'http://x.test', actions: [{ type: 'hasOwnProperty' }] },
    { url: 'http://x.test', actions: [{ type: 'click' }] }, { url: 'http://x.test', actions: 'click' },
    { url: 'http://x.test', headers: { 'bad name': 'x' } }, { url: 'http://x.test', headers: { ok: 'a\r\nInjected: 1' } },
    { url: 'http://x.test', headers: [] }, { url: 'http://x.test', waitFor: 'soon' }, { url: 'http://x.test', mobile: 'yes' },
    { url: 'http://x.test', bogus: true }, { url: 'x'.repeat(100_000) },
  ];
  const interactBodies: unknown[] = [
    {}, { code: 1 }, { code: '' }, { code: '1', language: 'ruby' }, { code: '1', timeout: 0 }, { code: '1', timeout: 301 },
    { code: '1', timeout: '5' }, { code: '1', prompt: 'x' }, { prompt: '' }, { code: 'x'.repeat(200_000) }, { code: '1', extra: 1 },
    { __proto__: { code: '1' } }, '{"code":"1"', '[1]', 'null',
  ];
  const paths = ['/v2/scrape', `/v2/scrape/${jobId}/interact`, '/v2/scrape/not-a-uuid/interact', '/v2/scrape/%E0%A4%A/interact',
    '/v2/scrape/00000000-0000-4000-8000-000000000000/interact', '/v2/browser?status=nope', '/v2/browser', '/v2/../etc/passwd', '/v2/%00', '/live/x', '/cdp/x', '/nothing'];
  const methods = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS'];
  const statuses = new Map<number, number>();
  let sent = 0;
  let leaked = 0;
  const count = (r: Reply): void => {
    sent++;
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (leaks(r, engine.apiKey)) leaked++;
  };
  for (let round = 0; round < 3; round++) {
    for (const body of bodies) count(await call(engine, 'POST', '/v2/scrape', typeof body === 'string' ? body : JSON.stringify(body)));
    for (const body of interactBodies) count(await call(engine, 'POST', `/v2/scrape/${jobId}/interact`, typeof body === 'string' ? body : JSON.stringify(body)));
    for (const path of paths) for (const method of methods) count(await call(engine, method, path, method === 'GET' ? undefined : '{}'));
    for (const key of [null, '', 'wrong', `${engine.apiKey}x`]) count(await call(engine, 'POST', '/v2/scrape', { url: 'http://x.test' }, key));
  }
  // POST /v2/browser with '{}' is a valid request: it started standalone sessions. Stopped here,
  // so they do not hold --max-sessions slots in the sections that follow.
  const stopped = await stopAll(engine);
  const five = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const list = [...statuses].sort(([a], [b]) => a - b).map(([s, c]) => `${s}×${c}`).join(' ');
  row('malformed', `${sent} requests`, `${list}; 5xx: ${five}; leaks: ${leaked}; sessions they started, then stopped: ${stopped}`, five === 0 && leaked === 0);
}

/** Stops every active session (DELETE /v2/browser/{id}); returns how many there were. */
async function stopAll(engine: EngineHandle): Promise<number> {
  const { sessions } = (await call(engine, 'GET', '/v2/browser?status=active')).body as { sessions: { id: string }[] };
  for (const s of sessions) {
    const r = await call(engine, 'DELETE', `/v2/browser/${s.id}`);
    if (r.status !== 200) throw new Error(`DELETE /v2/browser/${s.id} answered ${r.status}`);
  }
  return sessions.length;
}

async function faults(engine: EngineHandle, fixture: string): Promise<void> {
  // A killed browser: its session ends and frees its slot.
  {
    const job = await scrapeJob(engine, fixture);
    const mark = profileMark();
    const pid = await interact(engine, job, { code: mark.code });
    const t0 = Date.now();
    const profile = mark.find();
    const browserProcess = profile && browserPid(profile);
    if (browserProcess) process.kill(browserProcess, 'SIGKILL');
    let active = true;
    while (active && Date.now() - t0 < 15_000) {
      await sleep(100);
      active = (await call(engine, 'GET', '/v2/browser?status=active')).body.sessions.some((s: { id: string }) => s.id === pid.body.sessionId);
    }
    row('fault', 'session Chromium killed', active ? 'still active after 15 s' : `session ended in ${((Date.now() - t0) / 1000).toFixed(1)} s`, !active);
  }
  // Escapes: nohup, setsid, double fork (bash); spawn, detached spawn (node), then DELETE.
  {
    const job = await scrapeJob(engine, fixture);
    const before = descendants(engine.proc.pid as number).length;
    await interact(engine, job, { language: 'bash', code: 'nohup sleep 900 >/dev/null 2>&1 & setsid sleep 901 & ( ( sleep 902 & ) & ); echo ok' });
    await interact(engine, job, { code: "const cp = require('node:child_process'); cp.spawn('sleep', ['903']); cp.spawn('setsid', ['sleep', '904'], { detached: true, stdio: 'ignore' }).unref(); 1" });
    await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
    await sleep(2_000);
    const after = descendants(engine.proc.pid as number).length;
    const left = Math.max(0, after - before);
    row('fault', 'processes started by runs (5 ways), then DELETE', `left behind: ${left}`, left === 0);
  }
  // 100 MB of node output: the engine keeps one cap per stream.
  {
    const job = await scrapeJob(engine, fixture);
    const rss0 = rssKb(engine.proc.pid as number);
    const r = await interact(engine, job, { code: "const l = 'x'.repeat(1_000_000); for (let i = 0; i < 100; i++) console.log(l); 1" });
    const rss1 = rssKb(engine.proc.pid as number);
    const alive = (await call(engine, 'GET', '/health')).status === 200;
    row('fault', '100 MB printed by a node run', `response ${(JSON.stringify(r.body).length / 1e6).toFixed(1)} MB, truncated: ${r.body.truncated}, engine RSS +${Math.round((rss1 - rss0) / 1024)} MB, survived: ${alive}`, alive && r.body.truncated === true);
    await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
  }
  // A declared body that never comes, with the key and without (answered 401 first), at once.
  {
    const { port, hostname } = new URL(engine.url);
    const probe = async (auth: string): Promise<string> => {
      const t0 = Date.now();
      const socket = connect(Number(port), hostname);
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      socket.write(`POST /v2/scrape HTTP/1.1\r\nHost: ${hostname}\r\n${auth}Content-Type: application/json\r\nContent-Length: 10\r\n\r\n`);
      const closed = await Promise.race([new Promise<boolean>((r) => socket.once('close', () => r(true))), sleep(60_000).then(() => false)]);
      socket.destroy();
      const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1]).join(' then ') || 'nothing';
      return closed ? `answered ${statuses}, closed after ${((Date.now() - t0) / 1000).toFixed(0)} s` : `answered ${statuses}, still open after 60 s`;
    };
    const [withKey, without] = await Promise.all([probe(`Authorization: Bearer ${engine.apiKey}\r\n`), probe('')]);
    row('fault', 'body declared, never sent (with key; without)', `${withKey}; ${without}`, /408, closed/.test(withKey) && /408, closed/.test(without));
  }
  // 50 MB body.
  {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(engine, 'POST', '/v2/scrape', JSON.stringify({ url: 'http://x.test', pad: 'p'.repeat(50 * 1024 * 1024) })).catch(() => ({ status: 0, body: '' }))).status);
    row('fault', '50 MB body ×3', `statuses ${statuses.join(', ')}`, statuses.every((s) => s === 413));
  }
}

async function shutdownFaults(fixture: string): Promise<void> {
  for (const how of ['EPIPE then SIGTERM', 'SIGKILL'] as const) {
    const tmp = mkdtempSync(join(tmpdir(), 'interact-soak-tmp-'));
    const engine = await startEngine({ env: { TMPDIR: tmp }, spares: true });
    const job = await scrapeJob(engine, fixture);
    await interact(engine, job, { code: "require('node:child_process').spawn('setsid', ['sleep', '905'], { detached: true, stdio: 'ignore' }).unref(); 1" });
    await interact(engine, job, { language: 'bash', code: 'agent-browser get title' });
    const below = descendants(engine.proc.pid as number);
    const exited = new Promise<number | string | null>((resolve) => engine.proc.once('exit', (code, signal) => resolve(code ?? signal)));
    if (how === 'SIGKILL') engine.proc.kill('SIGKILL');
    else {
      engine.proc.stdout?.destroy();
      engine.proc.stderr?.destroy();
      engine.proc.kill('SIGTERM');
    }
    const t0 = Date.now();
    const code = await exited;
    let alive = below.filter((p) => existsPid(p));
    while (alive.length > 0 && Date.now() - t0 < 15_000) {
      await sleep(200);
      alive = alive.filter((p) => existsPid(p));
    }
    const leftDirs = readdirSync(tmp).filter((n) => !n.startsWith('interact-chromium-') || how !== 'SIGKILL');
    row('fault', `engine ${how}`, `exit ${code}; processes left after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${alive.length}; temp folders left: ${leftDirs.length}${how === 'SIGKILL' ? ' (profiles are swept at next start)' : ''}`, alive.length === 0 && (how === 'SIGKILL' || (code === 0 && leftDirs.length === 0)));
    await engine.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function existsPid(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A failed run's error in one short line, capability tokens removed. */
function failureText(r: Reply): string {
  const b = r.body as { error?: unknown; stderr?: unknown } | string;
  const text = typeof b === 'string' ? b : String(b?.error || b?.stderr || JSON.stringify(b));
  return shown(text.trim().split('\n')[0]).replace(/^"|"$/g, '').slice(0, 160);
}

async function concurrent(engine: EngineHandle, fixture: string): Promise<void> {
  const SESSIONS = 5;
  const RUNS = 50;
  const code = "await page.evaluate(() => document.title)";
  // Earlier sections' sessions must not hold slots (--max-sessions): that made 429s look like load errors.
  const left = await stopAll(engine);
  const jobs = await Promise.all(Array.from({ length: SESSIONS }, () => scrapeJob(engine, fixture)));
  const warm = await Promise.all(jobs.map((j) => interact(engine, j, { code: '1' })));
  const cold = warm.filter((r) => r.body.success !== true);
  if (cold.length > 0) throw new Error(`${cold.length} of ${SESSIONS} sessions did not start: ${cold[0].status} ${failureText(cold[0])}`);
  const engineMs: number[] = [];
  const failures = new Map<string, number>();
  await Promise.all(
    jobs.map(async (j) => {
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = await interact(engine, j, { code }).catch((err: Error) => ({ status: 0, body: { error: `no answer: ${err.message}` }, headers: new Headers() }));
        engineMs.push(performance.now() - t);
        if (r.status !== 200 || r.body.success !== true) {
          const kind = `${r.status} ${failureText(r)}`;
          failures.set(kind, (failures.get(kind) ?? 0) + 1);
        }
      }
    }),
  );
  const errors = [...failures.values()].reduce((a, b) => a + b, 0);
  // The same work with Playwright directly on a browser of its own, five pages at once.
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--headless=new'] });
  const directMs: number[] = [];
  try {
    const pages = await Promise.all(Array.from({ length: SESSIONS }, async () => {
      const p = await (await browser.newContext()).newPage();
      await p.goto(fixture);
      return p;
    }));
    await Promise.all(
      pages.map(async (p) => {
        for (let i = 0; i < RUNS; i++) {
          const t = performance.now();
          await p.evaluate(() => document.title);
          directMs.push(performance.now() - t);
        }
      }),
    );
  } finally {
    await browser.close();
  }
  for (const j of jobs) await call(engine, 'DELETE', `/v2/scrape/${j}/interact`);
  const e = [...engineMs].sort((a, b) => a - b);
  const d = [...directMs].sort((a, b) => a - b);
  const ms = (n: number): string => `${n.toFixed(1)} ms`;
  row(
    'load',
    `${SESSIONS} sessions × ${RUNS} interacts`,
    `${left ? `(${left} earlier sessions stopped first) ` : ''}errors ${errors}${errors ? ` (${[...failures].map(([k, c]) => `${c}× ${k}`).join('; ')})` : ''}; engine p50 ${ms(pct(e, 50))} p95 ${ms(pct(e, 95))}; direct Playwright p50 ${ms(pct(d, 50))} p95 ${ms(pct(d, 95))}; ratio p50 ${(pct(e, 50) / pct(d, 50)).toFixed(1)}× p95 ${(pct(e, 95) / pct(d, 95)).toFixed(1)}×`,
    errors === 0,
  );
}

/**
 * 200 create/stop cycles (POST /v2/browser, DELETE /v2/browser/{id}): a fresh Chromium each.
 * Every 10th cycle also runs node and bash in the session (a REPL worker and sandboxes) and
 * stops it through its scrape job's DELETE. Processes below the engine and folders in its
 * TMPDIR are counted, and its RSS taken, after a warm-up and again after the cycles.
 */
async function cycles(fixture: string): Promise<void> {
  const CYCLES = 200;
  const tmp = mkdtempSync(join(tmpdir(), 'interact-soak-cycles-'));
  const engine = await startEngine({ env: { TMPDIR: tmp }, nodeArgs: ['--inspect=127.0.0.1:0'], spares: true });
  const pid = engine.proc.pid as number;
  const inspector = await inspectorGc(engine);
  const memory = async (): Promise<{ rss: number; heap: number }> => {
    const heap = await inspector.gc();
    return { rss: rssKb(pid), heap: heap / 1024 };
  };
  const expect = (r: Reply, what: string): Reply => {
    if (r.status !== 200 || r.body.success === false) throw new Error(`${what} answered ${r.status} ${failureText(r)}`);
    return r;
  };
  const cycle = async (i: number): Promise<void> => {
    if (i % 10 !== 9) {
      const id = expect(await call(engine, 'POST', '/v2/browser', {}), 'POST /v2/browser').body.id as string;
      expect(await call(engine, 'DELETE', `/v2/browser/${id}`), 'DELETE /v2/browser');
      return;
    }
    const job = await scrapeJob(engine, fixture);
    expect(await interact(engine, job, { code: 'await page.title()' }), 'node run');
    expect(await interact(engine, job, { language: 'bash', code: 'echo "$(( 6 * 7 ))"' }), 'bash run');
    expect(await call(engine, 'DELETE', `/v2/scrape/${job}/interact`), 'DELETE interact');
  };
  // Leaks are counted per kind; Chromium helpers (renderers, zygotes, utilities of the live
  // browsers) come and go, so only browsers, sandboxes, REPLs and other processes must not grow.
  const LEAK_KINDS = ['chromium browser', 'sandbox', 'node REPL', 'other'];
  const leaked = (before: Map<string, number>, after: Map<string, number>): number => LEAK_KINDS.reduce((n, k) => n + Math.max(0, (after.get(k) ?? 0) - (before.get(k) ?? 0)), 0);
  const show = (m: Map<string, number>): string => [...m].sort().map(([k, c]) => `${c} ${k}`).join(', ');
  // Temp folder names without their random suffix (interact-chromium-*, playwright-artifacts-*).
  const dirKinds = (names: string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const n of names) m.set(n.replace(/[^-]*$/, '*'), (m.get(n.replace(/[^-]*$/, '*')) ?? 0) + 1);
    return m;
  };
  try {
    // Warm-up: the spare browser and worker, code caches, the scrape browser.
    for (let i = 0; i < 20; i++) await cycle(i);
    await sleep(3_000);
    const procs0 = census(pid);
    const dirs0 = readdirSync(tmp);
    const mem = [await memory()];
    const t0 = Date.now();
    for (let i = 0; i < CYCLES; i++) {
      await cycle(i);
      if (i % 50 === 49) {
        mem.push(await memory());
        console.error(`  ${i + 1} cycles, ${((Date.now() - t0) / 1000).toFixed(0)} s, engine RSS ${Math.round(mem.at(-1)!.rss / 1024)} MB, heap ${(mem.at(-1)!.heap / 1024).toFixed(1)} MB`);
      }
    }
    const seconds = (Date.now() - t0) / 1000;
    // The pool refills its spare browser and worker in the background: give that time to settle.
    let procs1 = census(pid);
    for (const t1 = Date.now(); leaked(procs0, procs1) > 0 && Date.now() - t1 < 20_000; procs1 = census(pid)) await sleep(1_000);
    const procs = leaked(procs0, procs1);
    const dirs1 = readdirSync(tmp);
    const dirs = dirs1.length - dirs0.length;
    const growth = (mem.at(-1)!.rss - mem[0].rss) / mem[0].rss;
    const mb = (k: number): string => (k / 1024).toFixed(0);
    row(
      'cycles',
      `${CYCLES} create/stop cycles (${CYCLES / 10} of them with node and bash runs; ${seconds.toFixed(0)} s)`,
      `leaked processes ${procs} (before: ${show(procs0)}; after: ${show(procs1)}), temp dirs ${dirs} (before: ${show(dirKinds(dirs0)) || 'none'}; after: ${show(dirKinds(dirs1)) || 'none'}), engine RSS after a full GC, every 50 cycles: ${mem.map((m) => mb(m.rss)).join(' → ')} MB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %; JS heap in use ${mem.map((m) => (m.heap / 1024).toFixed(1)).join(' → ')} MB, up to 100 ended sessions are kept)`,
      procs <= 0 && dirs <= 0 && growth <= 0.1,
    );
  } finally {
    inspector.close();
    await engine.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Runs one section; one that throws gets a MISS row and the rest still run, so the table always
 * prints. SOAK_ONLY=load,cycles (a comma list of section names) runs only those.
 */
async function section(name: string, title: string, fn: () => Promise<void>): Promise<void> {
  const only = process.env.SOAK_ONLY?.split(',').filter(Boolean);
  if (only && !only.includes(name)) return;
  const t0 = Date.now();
  console.error(`${title}…`);
  try {
    await fn();
  } catch (err) {
    row(name, title, `did not finish: ${shown((err as Error).message.split('\n')[0])}`, false);
  }
  console.error(`  (${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

async function main(): Promise<void> {
  const fx = await startFixtureServer();
  const fixture = `${fx.url}/index.html`;
  const started = soakStarted;
  try {
    const engine = await startEngine({ args: ['--max-sessions', '8'], spares: true });
    try {
      await section('malformed', 'malformed requests', async () => malformed(engine, await scrapeJob(engine, fixture)));
      await section('faults', 'faults', () => faults(engine, fixture));
      await section('load', '5 sessions × 50 interacts', () => concurrent(engine, fixture));
    } finally {
      await engine.stop();
    }
    await section('attacker', 'hostile runs, bodies and connections', async () => {
      // An engine of its own: a payload that ended it must not cost the other sections their figures.
      // Without --api-key: the engine keeps its key in a file in its data dir, which the file-read payloads aim at.
      const target = await startEngine({ apiKey: null, spares: true });
      target.apiKey = readFileSync(join(target.dataDir, 'api-key'), 'utf8').trim();
      try {
        await attacker(target, row);
      } finally {
        await target.stop();
      }
    });
    await section('shutdown', 'shutdown faults', () => shutdownFaults(fixture));
    await section('cycles', 'create/stop cycles', () => cycles(fixture));
  } finally {
    await fx.close();
  }
  printTable(started);
  process.exit(rows.every((r) => r.ok) ? 0 : 1);
}

function printTable(started: number): void {
  const width = (k: keyof Row): number => Math.max(...rows.map((r) => String(r[k]).length), k.length);
  const line = (a: string, w: string, f: string, ok: string): string => `| ${a.padEnd(width('area'))} | ${w.padEnd(width('what'))} | ${f.padEnd(width('figure'))} | ${ok.padEnd(4)} |`;
  console.log(`\nnpm run soak · ${new Date().toISOString()} · ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(line('area', 'what', 'figure', 'goal'));
  console.log(`|${'-'.repeat(width('area') + 2)}|${'-'.repeat(width('what') + 2)}|${'-'.repeat(width('figure') + 2)}|------|`);
  for (const r of rows) console.log(line(r.area, r.what, r.figure, r.ok ? 'met' : 'MISS'));
}

// The whole soak is bounded in time: past it, the figures so far are printed and it fails.
const SOAK_LIMIT_MS = 30 * 60_000;
const soakStarted = Date.now();
setTimeout(() => {
  row('soak', 'time limit', `stopped after ${SOAK_LIMIT_MS / 60_000} min`, false);
  printTable(soakStarted);
  process.exit(1);
}, SOAK_LIMIT_MS).unref();

main().catch((err: unknown) => {
  console.error(`soak failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
