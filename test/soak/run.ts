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
import { findChromium } from '../../src/engine/chromium';
import { call, interact, scrapeJob, type Reply } from '../engine/api';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer } from '../support/fixture-server';

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

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
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
  const five = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  const list = [...statuses].sort(([a], [b]) => a - b).map(([s, c]) => `${s}×${c}`).join(' ');
  row('malformed', `${sent} requests`, `${list}; 5xx: ${five}; leaks: ${leaked}`, five === 0 && leaked === 0);
}

async function faults(engine: EngineHandle, fixture: string): Promise<void> {
  // A killed browser: its session ends and frees its slot.
  {
    const job = await scrapeJob(engine, fixture);
    const pid = await interact(engine, job, { code: "const s = await browser.newBrowserCDPSession(); (await s.send('SystemInfo.getProcessInfo')).processInfo.find((p) => p.type === 'browser').id" });
    const t0 = Date.now();
    process.kill(Number(pid.body.result), 'SIGKILL');
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
  // A declared body that never comes.
  {
    const { port, hostname } = new URL(engine.url);
    const t0 = Date.now();
    const socket = connect(Number(port), hostname);
    socket.write('POST /v2/scrape HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n');
    const closed = await Promise.race([new Promise<boolean>((r) => socket.once('close', () => r(true))), sleep(60_000).then(() => false)]);
    socket.destroy();
    row('fault', 'body declared, never sent', closed ? `connection closed after ${((Date.now() - t0) / 1000).toFixed(0)} s` : 'still open after 60 s', closed);
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
    const engine = await startEngine({ env: { TMPDIR: tmp } });
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

async function concurrent(engine: EngineHandle, fixture: string): Promise<void> {
  const SESSIONS = 5;
  const RUNS = 50;
  const code = "await page.evaluate(() => document.title)";
  const jobs = await Promise.all(Array.from({ length: SESSIONS }, () => scrapeJob(engine, fixture)));
  await Promise.all(jobs.map((j) => interact(engine, j, { code: '1' })));
  const engineMs: number[] = [];
  let errors = 0;
  await Promise.all(
    jobs.map(async (j) => {
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = await interact(engine, j, { code });
        engineMs.push(performance.now() - t);
        if (r.status !== 200 || r.body.success !== true) errors++;
      }
    }),
  );
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
    `errors ${errors}; engine p50 ${ms(pct(e, 50))} p95 ${ms(pct(e, 95))}; direct Playwright p50 ${ms(pct(d, 50))} p95 ${ms(pct(d, 95))}; ratio p50 ${(pct(e, 50) / pct(d, 50)).toFixed(1)}× p95 ${(pct(e, 95) / pct(d, 95)).toFixed(1)}×`,
    errors === 0,
  );
}

async function cycles(fixture: string): Promise<void> {
  const CYCLES = 200;
  const tmp = mkdtempSync(join(tmpdir(), 'interact-soak-cycles-'));
  const engine = await startEngine({ env: { TMPDIR: tmp } });
  try {
    const cycle = async (): Promise<void> => {
      const job = await scrapeJob(engine, fixture);
      await interact(engine, job, { code: 'await page.title()' });
      await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
    };
    // Warm-up: the spare browser and worker, code caches, the scrape browser.
    for (let i = 0; i < 10; i++) await cycle();
    await sleep(1_000);
    const procs0 = descendants(engine.proc.pid as number).length;
    const dirs0 = readdirSync(tmp).length;
    const rss0 = rssKb(engine.proc.pid as number);
    const t0 = Date.now();
    for (let i = 0; i < CYCLES; i++) await cycle();
    await sleep(2_000);
    const procs = descendants(engine.proc.pid as number).length - procs0;
    const dirs = readdirSync(tmp).length - dirs0;
    const growth = (rssKb(engine.proc.pid as number) - rss0) / rss0;
    row(
      'cycles',
      `${CYCLES} scrape → interact → stop cycles (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
      `leaked processes ${procs}, temp dirs ${dirs}, engine RSS ${Math.round(rss0 / 1024)} → ${Math.round((rss0 * (1 + growth)) / 1024)} MB (${(growth * 100).toFixed(1)} %)`,
      procs <= 0 && dirs <= 0 && growth <= 0.1,
    );
  } finally {
    await engine.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const fx = await startFixtureServer();
  const fixture = `${fx.url}/index.html`;
  const started = Date.now();
  try {
    const engine = await startEngine({ args: ['--max-sessions', '8'] });
    try {
      const job = await scrapeJob(engine, fixture);
      console.error('malformed requests…');
      await malformed(engine, job);
      console.error('faults…');
      await faults(engine, fixture);
      console.error('5 sessions × 50 interacts…');
      await concurrent(engine, fixture);
    } finally {
      await engine.stop();
    }
    console.error('shutdown faults…');
    await shutdownFaults(fixture);
    console.error('create/stop cycles…');
    await cycles(fixture);
  } finally {
    await fx.close();
  }
  const width = (k: keyof Row): number => Math.max(...rows.map((r) => String(r[k]).length), k.length);
  const line = (a: string, w: string, f: string, ok: string): string => `| ${a.padEnd(width('area'))} | ${w.padEnd(width('what'))} | ${f.padEnd(width('figure'))} | ${ok.padEnd(4)} |`;
  console.log(`\nnpm run soak · ${new Date().toISOString()} · ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(line('area', 'what', 'figure', 'goal'));
  console.log(`|${'-'.repeat(width('area') + 2)}|${'-'.repeat(width('what') + 2)}|${'-'.repeat(width('figure') + 2)}|------|`);
  for (const r of rows) console.log(line(r.area, r.what, r.figure, r.ok ? 'met' : 'MISS'));
  process.exit(rows.every((r) => r.ok) ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(`soak failed: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
