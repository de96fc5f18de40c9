// Tracing overhead: a trivial interact (`await page.title()`) on an engine recording session
// traces (--trace on) against one that does not (--trace off), both started in this run and
// called in turn; target: traced median ≤ 1.3 × untraced median + 1 ms. Prints the trace's
// size per run (the zip GET .../trace answers, divided by the runs it holds).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { median, report, row, startBenchEngine, timed } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const PAGE = pathToFileURL(join(root, 'test/fixtures/pages/index.html')).href;
const RUNS = Number(process.env.BENCH_TRIVIAL_RUNS ?? 60);

const agent = new Agent({ keepAliveTimeout: 10_000 });
async function api(engine, method, path, body) {
  const res = await request(engine.url + path, {
    method,
    headers: { authorization: `Bearer ${engine.apiKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    dispatcher: agent,
  });
  if (res.headers['content-type'] === 'application/zip') return Buffer.from(await res.body.arrayBuffer());
  const json = await res.body.json();
  if (res.statusCode >= 300 || json.success === false) throw new Error(`${method} ${path}: ${res.statusCode} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

async function main() {
  console.log(`bench tracing: page ${PAGE}; ${RUNS} trivial runs on each engine, in turn`);
  const [on, off] = await Promise.all([startBenchEngine({ args: ['--trace', 'on'] }), startBenchEngine({ args: ['--trace', 'off'] })]);
  try {
    const sessions = [];
    for (const engine of [on, off]) {
      const job = (await api(engine, 'POST', '/v2/scrape', { url: PAGE })).data.metadata.scrapeId;
      const first = await api(engine, 'POST', `/v2/scrape/${job}/interact`, { code: 'await page.title()' });
      sessions.push({ engine, job, sessionId: first.sessionId });
    }
    // The first interacts made each pool launch a warm spare: let that settle.
    await sleep(3_000);
    const trivial = ({ engine, job }) => api(engine, 'POST', `/v2/scrape/${job}/interact`, { code: 'await page.title()' });
    for (let i = 0; i < 10; i++) for (const s of sessions) await trivial(s);
    const traced = [];
    const untraced = [];
    for (let i = 0; i < RUNS; i++) {
      traced.push(await timed(() => trivial(sessions[0])));
      untraced.push(await timed(() => trivial(sessions[1])));
    }
    const zip = await api(on, 'GET', `/v2/browser/${sessions[0].sessionId}/trace`);
    const runs = RUNS + 11;
    console.log(`  trace: ${(zip.length / 1024).toFixed(1)} KB for ${runs} runs, ${(zip.length / 1024 / runs).toFixed(1)} KB per run`);
    for (const s of sessions) await api(s.engine, 'DELETE', `/v2/scrape/${s.job}/interact`);
    const base = median(untraced);
    report([row({ name: 'tracing: trivial interact, trace on vs off, median', project: median(traced), baseline: base, unit: 'ms', target: '≤ 1.3× trace off + 1 ms', limit: 1.3 * base + 1, note: `${(zip.length / 1024 / runs).toFixed(1)} KB of trace per run` })]);
  } finally {
    for (const e of [on, off]) {
      e.proc.kill('SIGTERM');
      await new Promise((r) => e.proc.once('exit', r));
      rmSync(e.dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
