// Big results: a run answering with a 5 MB result, from the HTTP body to the output channel,
// as the extension host does it: the client's parse of the body (src/api/json-body.ts: on a
// worker thread for a body this big; the row is the longest time this thread was blocked while
// it ran, found by a chain of setImmediate callbacks that notes the longest gap), then the synchronous
// tail of a run (report formatting with ANSI stripping, URL hiding and cutting, the write to
// the output model, keeping the full result for "Open full result"). Each step blocks the
// extension host; the longest must stay ≤ 50 ms and all of them ≤ 2 × a plain
// JSON.stringify + String.replace pass over the same response, measured in turn. The total is
// CPU time (process.cpuUsage: every thread of the process, so the worker's parse counts), as
// the activation case reads its time; the wall-clock medians are printed beside it.
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';
import { TextEncoder } from 'node:util';
import { parseBody } from '../src/api/json-body.ts';
import { ResultDocuments } from '../src/ui/result-documents.ts';
import { formatRunReport } from '../src/ui/run-report.ts';
import { ResultOutput } from '../src/ui/result-output.ts';
import { median, report, row } from './lib.mjs';

const RUNS = Number(process.env.BENCH_BIG_RUNS ?? 15);
const SIZE = 5 * 1024 * 1024;
const LIMIT = 20_000; // the outputLimit setting's default

const rows = [];
for (let i = 0, size = 0; size < SIZE; i++) {
  const r = { i, title: `Item ${i} \u001b[1mbold\u001b[0m`, url: `https://shop.example.com/items/${i}?ref=list`, text: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3) };
  size += JSON.stringify(r).length + 1;
  rows.push(r);
}
const response = {
  success: true,
  sessionId: 'acaf50f3-73fd-4075-bcd3-58acac5455a9',
  cdpUrl: 'ws://127.0.0.1:43797/cdp/acaf50f3?token=recorded-token-replaced-0000',
  liveViewUrl: 'http://127.0.0.1:43797/live/acaf50f3?token=recorded-token-replaced-0001',
  interactiveLiveViewUrl: 'http://127.0.0.1:43797/live/acaf50f3?token=recorded-token-replaced-0002&interactive=1',
  stdout: `\u001b[32mscraped ${rows.length} rows\u001b[0m\n`,
  result: JSON.stringify(rows),
  stderr: '',
  exitCode: 0,
  killed: false,
};
const body = JSON.stringify(response);
const bytes = new TextEncoder().encode(body);
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;

const channel = { append() {}, appendLine() {}, show() {}, clear() {}, replace() {}, hide() {}, dispose() {}, name: 'bench' };
const output = new ResultOutput(channel);
// put() only keeps the maker; the provider's vscode and history are not touched.
const results = new ResultDocuments(undefined, undefined);

/**
 * Runs `work` and answers its result and the longest gap between this thread's turns meanwhile.
 * The probe keeps this thread busy, so the parse's time is taken in a run of its own.
 */
async function longestBlock(work) {
  let longest = 0;
  let last = performance.now();
  let done = false;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work();
  done = true;
  // The step that handed the value back ends before this line: count it too.
  longest = Math.max(longest, performance.now() - last);
  return { value, longest };
}

const cpuMs = (u) => (u.user + u.system) / 1000;

async function project() {
  const { longest } = await longestBlock(() => parseBody(bytes));
  let t = performance.now();
  let cpu0 = process.cpuUsage();
  const body = await parseBody(bytes);
  const parse = performance.now() - t;
  const parseCpu = cpuMs(process.cpuUsage(cpu0));
  if (!body.parsed) throw new Error('the body did not parse');
  const parsed = body.json;
  t = performance.now();
  cpu0 = process.cpuUsage();
  const r = formatRunReport({ kind: 'code', language: 'node', jobId: parsed.sessionId, startedAt: new Date(), durationMs: 1234, response: parsed }, { limit: LIMIT });
  output.appendLine('');
  output.appendLine(r.text);
  if (r.fullResult) results.put(parsed.sessionId, r.fullResult);
  const tail = performance.now() - t;
  const tailCpu = cpuMs(process.cpuUsage(cpu0));
  if (!r.truncated || r.text.length > LIMIT + 1_000) throw new Error('the 5 MB result was not cut');
  return { parse, block: longest, tail, cpu: parseCpu + tailCpu };
}
function baseline() {
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const text = JSON.stringify(response).replace(ANSI, '');
  if (text.length < SIZE) throw new Error('baseline lost data');
  return { ms: performance.now() - t, cpu: cpuMs(process.cpuUsage(cpu0)) };
}

for (let i = 0; i < 3; i++) {
  await project();
  baseline();
}
const parse = [];
const block = [];
const tail = [];
const base = [];
const totalCpu = [];
const baseCpu = [];
for (let i = 0; i < RUNS; i++) {
  const p = await project();
  parse.push(p.parse);
  block.push(p.block);
  tail.push(p.tail);
  totalCpu.push(p.cpu);
  const bl = baseline();
  base.push(bl.ms);
  baseCpu.push(bl.cpu);
}
const b = median(base);
const total = parse.map((p, i) => p + tail[i]);
console.log(`  result ${(response.result.length / 2 ** 20).toFixed(1)} MB, body ${(body.length / 2 ** 20).toFixed(1)} MB, ${RUNS} runs, alternating with the baseline`);
console.log(`  wall clock, median: parse ${median(parse).toFixed(1)} ms (its longest block ${median(block).toFixed(1)} ms), parse + report + output ${median(total).toFixed(1)} ms vs ${b.toFixed(1)} ms for the baseline`);
report([
  row({ name: 'big result (5 MB): report + output, one synchronous step, median', project: median(tail), unit: 'ms', target: '≤ 50 ms', limit: 50 }),
  row({ name: 'big result (5 MB): client parse of the body, longest synchronous step, median', project: median(block), unit: 'ms', target: '≤ 50 ms', limit: 50 }),
  row({ name: 'big result (5 MB): parse + report + output, CPU time, median', project: median(totalCpu), baseline: median(baseCpu), unit: 'ms', target: '≤ 2× JSON.stringify + replace', limit: 2 * median(baseCpu) }),
]);
