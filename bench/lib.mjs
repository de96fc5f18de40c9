// Shared pieces of the bench cases: statistics, timing, and the row each target reports.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const median = (xs) => quantile(xs, 0.5);
export const p95 = (xs) => quantile(xs, 0.95);

/** Linear-interpolated quantile of a sample (q in 0..1). */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export async function timed(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * One line of the summary table. `project` and `baseline` are measured in the same run;
 * `limit` is the largest project value the target allows (already computed from the
 * baseline where the target is relative); `higherIsBetter` flips the comparison (fps).
 */
export function row({ name, project, baseline, unit, target, limit, higherIsBetter = false, note }) {
  const met = higherIsBetter ? project >= limit : project <= limit;
  return { name, project, baseline: baseline ?? null, unit, target, limit, met, note: note ?? '' };
}

/** Each case module prints its rows on one line with this prefix; run.mjs collects them. */
export const ROWS_PREFIX = 'BENCH-ROWS ';

export function report(rows) {
  for (const r of rows) console.log(`  ${r.name}: ${fmt(r.project, r.unit)}${r.baseline === null ? '' : ` vs ${fmt(r.baseline, r.unit)}`}; target ${r.target}: ${r.met ? 'MET' : 'MISSED'}`);
  console.log(ROWS_PREFIX + JSON.stringify(rows));
}

export function fmt(x, unit) {
  if (x === null || x === undefined) return '—';
  if (unit === 'ms') return `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
  if (unit === 'KB') return `${x.toFixed(1)} KB`;
  if (unit === 'MB') return `${x.toFixed(1)} MB`;
  if (unit === 'fps') return `${x.toFixed(1)} fps`;
  if (unit === 'KB/run') return `${x.toFixed(2)} KB/run`;
  return `${x} ${unit}`;
}

/**
 * Starts dist/engine.js on a free port with a fresh key. The bench pages are local files, which
 * the engine refuses unless told otherwise (--allow-file-urls). Without `dataDir`, a temp one is
 * made; the caller removes it (`dataDir` in the answer).
 */
export function startBenchEngine({ dataDir = mkdtempSync(join(tmpdir(), 'interact-bench-')), args = [] } = {}) {
  const apiKey = randomBytes(16).toString('hex');
  const engineJs = fileURLToPath(new URL('../dist/engine.js', import.meta.url));
  const proc = spawn(process.execPath, [engineJs, '--port', '0', '--host', '127.0.0.1', '--api-key', apiKey, '--data-dir', dataDir, '--allow-file-urls', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], apiKey, proc, dataDir });
    });
    proc.once('exit', (code) => reject(new Error(`engine exited (${code}) before listening`)));
  });
}
