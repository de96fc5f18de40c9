// Benchmarks the local engine against plain Playwright, both measured in this run on this machine:
//  (a) a trivial interact (`await page.title()`) vs the same call made directly over CDP;
//      target: engine median ≤ 1.2 × direct median + 1 ms.
//  (b) the first interact of a new session (browser, job page, replay) vs a direct
//      Playwright launch + goto of the same page; target: engine median ≤ 1.0 × direct median.
//  (c) five sessions driven at once (a trivial interact in each, in rounds) vs five pages of a
//      direct Playwright browser driven at once; target: engine p95 ≤ 2 × direct p95.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { chromium } from 'playwright-core';
import { median, p95, report, row, startBenchEngine, timed } from './lib.mjs';


const root = new URL('..', import.meta.url).pathname;
const PAGE = pathToFileURL(join(root, 'test/fixtures/pages/index.html')).href;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
const TRIVIAL_RUNS = Number(process.env.BENCH_TRIVIAL_RUNS ?? 60);
const FIRST_RUNS = Number(process.env.BENCH_FIRST_RUNS ?? 5);
const CONCURRENT = 5;
const CONCURRENT_ROUNDS = Number(process.env.BENCH_CONCURRENT_ROUNDS ?? 30);

// Requests go as the extension sends them: undici.request over a keep-alive connection.
const agent = new Agent({ keepAliveTimeout: 10_000 });
async function api(engine, method, path, body, timings) {
  const started = performance.now();
  const res = await request(engine.url + path, {
    method,
    headers: { authorization: `Bearer ${engine.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    dispatcher: agent,
  });
  const json = await res.body.json();
  if (res.statusCode >= 300 || json.success === false) throw new Error(`${method} ${path}: ${res.statusCode} ${JSON.stringify(json).slice(0, 300)}`);
  timings?.push({ total: performance.now() - started, ...serverTiming(res.headers['server-timing']) });
  return json;
}

/** The engine's Server-Timing header (engine, worker, run: ms) as an object. */
function serverTiming(header) {
  const out = {};
  for (const m of String(header ?? '').matchAll(/(\w+);dur=([\d.]+)/g)) out[m[1]] = Number(m[2]);
  return out;
}

/**
 * Where a call's time went, from the engine's Server-Timing: outside the engine (the HTTP
 * exchange and the client), in the engine around the run, the hop to the REPL worker and back,
 * and the code in the worker (its CDP call through the browser's hub).
 */
function breakdown(label, timings, pick) {
  const part = (f) => pick(timings.map(f)).toFixed(2);
  console.log(
    `  ${label}: total ${part((t) => t.total)} ms = HTTP and client ${part((t) => t.total - t.engine)} + engine ${part((t) => t.engine - t.worker)} + ` +
      `worker hop (IPC both ways) ${part((t) => t.worker - t.run)} + code in the worker ${part((t) => t.run)} (each part's ${pick === median ? 'median' : 'p95'} on its own)`,
  );
}

async function main() {
  console.log(`bench: page ${PAGE}; ${TRIVIAL_RUNS} trivial runs, ${FIRST_RUNS} first-interact runs each side (interleaved, so load changes hit both sides alike)`);
  const engine = await startBenchEngine({ args: ['--max-sessions', '20'] });
  const direct = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // --- (a) trivial interact: one direct call, one engine call, in turn ---
    const page = await direct.newPage();
    await page.goto(PAGE);
    const job = (await api(engine, 'POST', '/v2/scrape', { url: PAGE })).data.metadata.scrapeId;
    const trivialTimings = [];
    const trivial = (timings) => api(engine, 'POST', `/v2/scrape/${job}/interact`, { code: 'await page.title()' }, timings);
    await trivial();
    // The first interact made the pool launch a new warm spare (browser and REPL worker); let
    // that settle so (a) measures the steady state rather than a Chromium start-up.
    await sleep(3_000);
    for (let i = 0; i < 10; i++) {
      await page.title();
      await trivial();
    }
    const directTrivial = [];
    const engineTrivial = [];
    for (let i = 0; i < TRIVIAL_RUNS; i++) {
      directTrivial.push(await timed(() => page.title()));
      engineTrivial.push(await timed(() => trivial(trivialTimings)));
    }
    await api(engine, 'DELETE', `/v2/scrape/${job}/interact`);
    await direct.close();

    // --- (b) first interact of a new session vs a direct launch + goto, in turn ---
    const directFirst = [];
    const engineFirst = [];
    for (let i = 0; i < FIRST_RUNS; i++) {
      let launched;
      directFirst.push(
        await timed(async () => {
          launched = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
          const p = await launched.newPage();
          await p.goto(PAGE);
          await p.title();
        }),
      );
      // Closing is not part of the measured start-up.
      await launched.close();
      const id = (await api(engine, 'POST', '/v2/scrape', { url: PAGE })).data.metadata.scrapeId;
      // Let the pool refill its warm spare, as it has between real sessions.
      await sleep(1_500);
      engineFirst.push(await timed(() => api(engine, 'POST', `/v2/scrape/${id}/interact`, { code: 'await page.title()' })));
      await api(engine, 'DELETE', `/v2/scrape/${id}/interact`);
    }

    // --- (c) five sessions at once vs five direct pages at once, rounds in turn ---
    const directMany = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const pages = [];
    const jobs = [];
    for (let i = 0; i < CONCURRENT; i++) {
      const p = await directMany.newPage();
      await p.goto(PAGE);
      pages.push(p);
      const id = (await api(engine, 'POST', '/v2/scrape', { url: PAGE })).data.metadata.scrapeId;
      await api(engine, 'POST', `/v2/scrape/${id}/interact`, { code: 'await page.title()' });
      jobs.push(id);
    }
    await sleep(3_000);
    const directConc = [];
    const engineConc = [];
    const concTimings = [];
    for (let r = 0; r < CONCURRENT_ROUNDS + 3; r++) {
      const d = await Promise.all(pages.map((p) => timed(() => p.title())));
      const roundTimings = [];
      const e = await Promise.all(jobs.map((id) => timed(() => api(engine, 'POST', `/v2/scrape/${id}/interact`, { code: 'await page.title()' }, roundTimings))));
      // The first rounds warm both sides up.
      if (r >= 3) {
        concTimings.push(...roundTimings);
        directConc.push(...d);
        engineConc.push(...e);
      }
    }
    await directMany.close();
    for (const id of jobs) await api(engine, 'DELETE', `/v2/scrape/${id}/interact`);

    const dT = median(directTrivial);
    const dF = median(directFirst);
    const dC = p95(directConc);
    console.log(`  (c) ${CONCURRENT} at once, ${CONCURRENT_ROUNDS} rounds: median engine ${median(engineConc).toFixed(2)} ms vs direct ${median(directConc).toFixed(2)} ms`);
    breakdown(`(a) direct ${dT.toFixed(2)} ms; engine`, trivialTimings, median);
    breakdown(`(c) direct p95 ${dC.toFixed(2)} ms; engine`, concTimings, p95);
    report([
      row({ name: '(a) trivial interact, median', project: median(engineTrivial), baseline: dT, unit: 'ms', target: '≤ 1.2× direct + 1 ms', limit: 1.2 * dT + 1 }),
      row({ name: '(b) first interact, median', project: median(engineFirst), baseline: dF, unit: 'ms', target: '≤ 1.0× direct launch+goto', limit: dF }),
      row({ name: `(c) ${CONCURRENT} sessions at once, p95`, project: p95(engineConc), baseline: dC, unit: 'ms', target: '≤ 2× direct p95', limit: 2 * dC }),
    ]);
  } finally {
    await direct.close().catch(() => undefined);
    await agent.close();
    engine.proc.kill('SIGTERM');
    await new Promise((r) => engine.proc.once('exit', r));
    rmSync(engine.dataDir, { recursive: true, force: true });
  }
}

await main();
