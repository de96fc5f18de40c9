// Runs every test layer (each summary line gives its duration), then prints one closing line
// `N passed, N failed` over all of them.
// Each layer writes test-results/<layer>.json ({passed, failed}); a layer that exits
// non-zero without a result file counts as one failure, so a crashed run never passes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

// Test files of a node:test layer run this many at a time, each in its own process. The unit
// layer's extension tests mostly wait on their own engine and Chromium, so two overlap well on
// 2 cores. The engine layer runs one file at a time by default; FIRECRAWL_ENGINE_TEST_CONCURRENCY=2
// runs two (its timing-sensitive tests have not yet been run that way on a quiet machine).
const nodeTest = (layer, dir, concurrency) => ({
  layer,
  dir,
  cmd: [
    process.execPath, '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/count-reporter.mjs', `--test-reporter-destination=test-results/${layer}.json`,
  ],
});

const layers = [
  nodeTest('unit', 'test/unit', Number(process.env.FIRECRAWL_UNIT_TEST_CONCURRENCY ?? 2)),
  nodeTest('engine', 'test/engine', Number(process.env.FIRECRAWL_ENGINE_TEST_CONCURRENCY ?? 1)),
  { layer: 'host', dir: 'test/suite', cmd: [process.execPath, '--import', 'tsx', 'test/host/run-suite.ts'] },
  { layer: 'e2e', dir: 'test/e2e', cmd: [process.execPath, '--import', 'tsx', 'test/host/run-e2e.ts'] },
  // Last: it makes the production build (scripts/package.mjs) the layers above do not test.
  { layer: 'vsix', dir: 'test/vsix', cmd: [process.execPath, '--import', 'tsx', 'test/host/run-vsix.ts'] },
];

const wanted = process.argv.slice(2);
const selected = layers.filter((l) => wanted.length === 0 || wanted.includes(l.layer));

const startedAll = performance.now();
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
console.log(`build: ${seconds(performance.now() - startedAll)}`);
let passed = 0;
let failed = build.status === 0 ? 0 : 1;

for (const { layer, dir, cmd } of selected) {
  const files = layer === 'unit' || layer === 'engine' ? listTests(join(root, dir)) : null;
  if (files && files.length === 0) continue;
  if (!files && !existsSync(join(root, cmd[cmd.length - 1]))) continue;
  const out = join(results, `${layer}.json`);
  rmSync(out, { force: true });
  console.log(`\n=== ${layer} ===`);
  const started = performance.now();
  const run = spawnSync(cmd[0], [...cmd.slice(1), ...(files ?? [])], { cwd: root, stdio: 'inherit', env: process.env });
  let counts = { passed: 0, failed: 0 };
  if (existsSync(out)) counts = readCounts(out);
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  console.log(`${layer}: ${counts.passed} passed, ${counts.failed} failed, ${seconds(performance.now() - started)}`);
  passed += counts.passed;
  failed += counts.failed;
}

console.log(`total time ${seconds(performance.now() - startedAll)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/** `1 min 5 s` or `42 s`: the per-layer times README's Tests section reports. */
function seconds(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** A result file that is missing or unreadable counts as one failure (the layer did not report). */
function readCounts(file) {
  try {
    const { passed, failed } = JSON.parse(readFileSync(file, 'utf8'));
    if (Number.isInteger(passed) && Number.isInteger(failed)) return { passed, failed };
  } catch {
    // fall through: an unreadable report is a failed layer
  }
  console.log(`${file} is not a valid result file`);
  return { passed: 0, failed: 1 };
}

function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join(dir, f).slice(root.length));
}
