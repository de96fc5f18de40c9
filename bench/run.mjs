// `npm run bench [case…]`: runs each bench case in its own Node process (so one case's heap,
// JIT state and loaded modules do not colour the next), then prints one summary table with a
// MET/MISSED result per target and exits non-zero when any target is missed or a case fails.
// Every case measures the project and its baseline side by side in this run, on this machine.
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fmt, ROWS_PREFIX } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const TSX = ['--import', 'tsx'];

/** name → Node flags; cases importing TypeScript sources run under tsx. */
const CASES = {
  activation: [],
  client: TSX,
  proxy: TSX,
  'big-result': TSX,
  memory: ['--expose-gc'],
  engine: [],
  tracing: [],
  'live-view': [],
  pick: TSX,
  record: TSX,
  package: [],
  notebook: TSX,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in CASES));
if (unknown.length > 0) {
  console.error(`Unknown bench case(s): ${unknown.join(', ')}. Known: ${Object.keys(CASES).join(', ')}.`);
  process.exit(2);
}
const selected = Object.keys(CASES).filter((c) => wanted.length === 0 || wanted.includes(c));

const rows = [];
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const { code, caseRows } = await runCase(name, CASES[name]);
  rows.push(...caseRows);
  if (code !== 0 || caseRows.length === 0) rows.push({ name: `${name}: case failed (exit ${code})`, project: null, baseline: null, unit: '', target: 'runs to the end', met: false });
}

printTable(rows);
process.exitCode = rows.every((r) => r.met) ? 0 : 1;

function runCase(name, flags) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...flags, `bench/${name}.mjs`], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const caseRows = [];
    let pending = '';
    child.stdout.on('data', (d) => {
      pending += d;
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.startsWith(ROWS_PREFIX)) caseRows.push(...JSON.parse(line.slice(ROWS_PREFIX.length)));
        else console.log(line);
      }
    });
    child.once('exit', (code, signal) => resolve({ code: code ?? signal, caseRows }));
  });
}

function printTable(list) {
  const head = ['target', 'project', 'baseline', 'ratio', 'limit', 'result'];
  const body = list.map((r) => [
    `${r.name} (${r.target})`,
    fmt(r.project, r.unit),
    r.baseline === null ? '—' : fmt(r.baseline, r.unit),
    r.baseline ? `${(r.project / r.baseline).toFixed(2)}×` : '—',
    r.limit === undefined ? '—' : fmt(r.limit, r.unit),
    r.met ? 'MET' : 'MISSED',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\nSummary (node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM)`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  const missed = list.filter((r) => !r.met).length;
  console.log(missed === 0 ? `\nAll ${list.length} targets MET.` : `\n${missed} of ${list.length} targets MISSED.`);
}
