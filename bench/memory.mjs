// Memory: the extension's heap after 1,000 runs recorded in its history and output, in plain
// Node with the fake `vscode` module (run with --expose-gc). The production bundle is
// activated and driven through its commands: a job is chosen, ten runs go to it (each printing
// about 20 KB, against a loopback server answering a recorded interact response), its session
// is stopped, then the next job; 100 jobs in all. The heap (after a full GC) is sampled every
// 10 runs. Targets: growth over the 1,000 runs ≤ 20 MB; and once the bounds are reached (the
// output keeps the last 2 M characters, the run history 100 runs with their reports, the job
// history 50 jobs, the full results 10), no growth per run: the
// heap's slope over the last 500 runs ≤ 1 KB per run (noise of a few hundred bytes allowed;
// the log's own capture, bounded at 2 M characters, still fills at about 160 characters a run).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { installFakeVscode, makeContext } from './fake-vscode.mjs';
import { report, row } from './lib.mjs';

const RUNS = 1_000;
const PER_JOB = 10;
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc (bench/run.mjs does)');

const root = new URL('..', import.meta.url).pathname;
const server = fork(new URL('./recorded-server.mjs', import.meta.url), { stdio: ['ignore', 'pipe', 'inherit', 'ipc'], env: { ...process.env, BENCH_STDOUT_CHARS: '20000' } });
const base = await new Promise((resolve) => server.stdout.on('data', (d) => resolve(/listening on (\S+)/.exec(String(d))[1])));

process.env.FIRECRAWL_API_KEY = 'fc-0123456789abcdef0123456789abcdef';
const vscode = installFakeVscode({ apiUrl: base, outputLimit: 20_000 });
const ext = createRequire(import.meta.url)(join(root, 'dist/extension.js'));
const api = ext.activate(makeContext(root));
const CODE = 'console.log(await page.title())';
vscode.window.activeTextEditor = { document: { uri: vscode.Uri.file(join(root, 'bench', 'memory-run.js')), fileName: join(root, 'bench', 'memory-run.js'), languageId: 'javascript', lineCount: 1, getText: () => CODE }, selections: [] };

const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const samples = [];
const start = heap();
try {
  for (let run = 0; run < RUNS; run++) {
    const job = `00000000-0000-4000-8000-${String(Math.floor(run / PER_JOB)).padStart(12, '0')}`;
    if (run % PER_JOB === 0) await vscode.commands.executeCommand('firecrawlInteract.chooseJob', { jobId: job });
    await vscode.commands.executeCommand('firecrawlInteract.runSelection');
    if (run % PER_JOB === PER_JOB - 1) await vscode.commands.executeCommand('firecrawlInteract.stopSession', { jobId: job });
    if ((run + 1) % 10 === 0) samples.push({ run: run + 1, mb: heap() });
  }
  const out = api.outputText();
  if (!out.includes('Fixture Home') || !out.includes('■ Session stopped')) throw new Error(`the runs did not reach the output:\n${out.slice(-500)}`);
  if (api.jobs().length === 0 || api.runs().length === 0) throw new Error('no job or run was recorded in the history');
  console.log(`  kept: output ${out.length} characters, log ${api.logText().length}, ${api.runs().length} runs in the history, ${api.jobs().length} jobs, ${api.notifications().length} notifications, ${api.sessions.list().length} sessions`);
} finally {
  await ext.deactivate();
  server.kill();
}

const end = samples.at(-1).mb;
const tail = samples.filter((s) => s.run > RUNS / 2);
const slopeKbPerRun = (slope(tail.map((s) => s.run), tail.map((s) => s.mb)) * 1024);
console.log(`  heap ${start.toFixed(1)} MB before, ${end.toFixed(1)} MB after ${RUNS} runs; every 100 runs: ${samples.filter((s) => s.run % 100 === 0).map((s) => s.mb.toFixed(1)).join(' ')}`);
report([
  row({ name: `memory: heap growth over ${RUNS} runs`, project: end - start, unit: 'MB', target: '≤ 20 MB', limit: 20 }),
  row({ name: 'memory: growth per run over the last 500 runs', project: slopeKbPerRun, unit: 'KB/run', target: '≤ 1 KB per run (none)', limit: 1 }),
]);

/** Least-squares slope of y over x. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}
