// Activation: time from `require` of the production bundle (dist/extension.js) to `activate()`
// returning, in a fresh plain-Node process with a fake `vscode` module, against an empty
// extension of the same shape (requires `vscode`, exports activate/deactivate); runs
// alternate between the two so load changes hit both alike. Also: the bundle's size, and
// which heavy modules activation loads (undici and sucrase load on first use only; node:crypto
// and node:child_process only when a live view or the local engine needs them).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, report, row } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 30);
const BUNDLE = join(root, 'dist/extension.js');
const CHILD = join(root, 'bench/activation-child.mjs');
const LAZY = { 'undici, sucrase': ['dist/undici.js', 'dist/sucrase.js', 'undici', 'sucrase'], 'node:crypto, node:child_process': ['node:crypto', 'node:child_process'] };

if (!existsSync(BUNDLE) || existsSync(`${BUNDLE}.map`)) {
  console.error('dist/extension.js is missing or a development build (it has a source map): run `npm run bench`, which makes the production build first.');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-empty-ext-'));
mkdirSync(join(dir, 'dist'));
const empty = join(dir, 'dist/extension.js');
writeFileSync(empty, "'use strict';\nconst vscode = require('vscode');\nexports.activate = (context) => ({ version: String(vscode && context.extension.packageJSON.version) });\nexports.deactivate = () => undefined;\n");

function once(bundle, language) {
  const child = spawnSync(process.execPath, [CHILD, bundle, ...(language ? [language] : [])], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`activating ${bundle} failed:\n${child.stderr.split('\n').filter((l) => l.length < 300).join('\n')}`);
  return JSON.parse(child.stdout);
}
const project = [];
const japanese = [];
const baseline = [];
const projectCpu = [];
const baselineCpu = [];
let loaded = [];
try {
  once(BUNDLE);
  once(empty);
  for (let i = 0; i < RUNS; i++) {
    const p = once(BUNDLE);
    if (!p.api) throw new Error('activate() returned nothing: the extension API is missing');
    project.push(p.ms);
    projectCpu.push(p.cpuMs);
    loaded = p.loaded;
    japanese.push(once(BUNDLE, 'ja').ms);
    const e = once(empty);
    baseline.push(e.ms);
    baselineCpu.push(e.cpuMs);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`  ${RUNS} activations each; modules loaded by activation: ${loaded.join(', ') || 'none'}`);
// Wall time is the target (what a user waits); CPU time, less disturbed by a busy machine, helps read it.
console.log(`  CPU time, median: ${median(projectCpu).toFixed(2)} ms vs ${median(baselineCpu).toFixed(2)} ms for the empty extension`);
const e = median(baseline);
const rows = [
  row({ name: 'activation: require + activate(), median', project: median(project), baseline: e, unit: 'ms', target: '≤ empty extension + 5 ms', limit: e + 5 }),
  row({ name: 'activation in Japanese (its l10n bundle loaded, as VS Code loads it first), median', project: median(japanese), baseline: e, unit: 'ms', target: '≤ empty extension + 5 ms', limit: e + 5 }),
  row({ name: 'activation bundle size (minified)', project: statSync(BUNDLE).size / 1024, unit: 'KB', target: '≤ 120 KB', limit: 120 }),
];
for (const [names, ids] of Object.entries(LAZY)) {
  const hit = loaded.filter((m) => ids.some((id) => m === id || m.endsWith(`/${id}`) || m.includes(`node_modules/${id}/`)));
  rows.push(row({ name: `${names} loaded by activation`, project: hit.length, unit: 'modules', target: 'none', limit: 0, note: hit.join(', ') }));
}
report(rows);
