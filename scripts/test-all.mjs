// Runs every test layer (each summary line gives its duration), then prints one closing line
// `N passed, N failed` over all of them.
// Each layer writes test-results/<layer>.json ({passed, failed, failures}); a layer that exits
// non-zero without a result file counts as one failure, so a crashed run never passes. Above the
// closing line, every failed test is named again (its layer, file or step, title and the start of
// its error), since a layer's own output may have scrolled far up by the time the last layer ends.
//
// The layers run two at a time, so that one's waiting (a page to load, a browser to start, a
// timeout to pass) is the other's CPU time: engine and host first, then e2e, vsix and unit, each
// as soon as one of the two runs ends. The longest layers come first, so the two lanes end close
// together whichever layers a run makes slow. The vsix layer's VSIX is packaged first,
// before the development build that the other layers run from (packaging makes the production
// build into dist/). Each output line of a layer is prefixed with its name while two run.
// FIRECRAWL_TEST_LANES=1 runs every layer one after the other.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
mkdirSync(results, { recursive: true });

// Test files of a node:test layer run this many at a time, each in its own process (their tests
// mostly wait on their own engine and Chromium). They run from their bundles (scripts/build.mjs:
// test/<layer>/x.test.ts → dist/test/<layer>/x.test.js), which start in about a third of the CPU time
// that tsx takes for the same file.
const nodeTest = (layer, dir, concurrency) => ({
  layer,
  dir,
  cmd: [
    process.execPath, '--enable-source-maps', '--test', `--test-concurrency=${concurrency}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/count-reporter.mjs', `--test-reporter-destination=test-results/${layer}.json`,
  ],
});

const layers = [
  nodeTest('unit', 'test/unit', Number(process.env.FIRECRAWL_UNIT_TEST_CONCURRENCY ?? 3)),
  nodeTest('engine', 'test/engine', Number(process.env.FIRECRAWL_ENGINE_TEST_CONCURRENCY ?? 3)),
  { layer: 'host', dir: 'test/suite', script: 'test/host/run-suite.ts', cmd: [process.execPath, '--import', 'tsx', 'test/host/run-suite.ts'] },
  { layer: 'e2e', dir: 'test/e2e', script: 'test/host/run-e2e.ts', cmd: [process.execPath, '--import', 'tsx', 'test/host/run-e2e.ts'] },
  // The production build's VSIX (scripts/package.mjs), packaged before the lanes start.
  { layer: 'vsix', dir: 'test/vsix', script: 'test/host/run-vsix.ts', cmd: [process.execPath, '--import', 'tsx', 'test/host/run-vsix.ts', '--prebuilt'] },
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !layers.some((l) => l.layer === w));
if (unknown.length > 0) {
  console.error(`Unknown layer(s): ${unknown.join(', ')}. Layers: ${layers.map((l) => l.layer).join(', ')}.`);
  process.exit(2);
}
const selected = layers.filter((l) => wanted.length === 0 || wanted.includes(l.layer));
const lanes = process.env.FIRECRAWL_TEST_LANES === '1' ? 1 : 2;
// The order layers start in, longest first (their order in `layers` with FIRECRAWL_TEST_LANES=1).
const ORDER = ['engine', 'host', 'e2e', 'vsix', 'unit'];
const queue = lanes === 1 ? [...selected] : [...selected].sort((a, b) => ORDER.indexOf(a.layer) - ORDER.indexOf(b.layer));

const startedAll = performance.now();
let failed = 0;
const failures = [];
if (selected.some((l) => l.layer === 'vsix')) {
  const packaged = spawnSync(process.execPath, ['scripts/package.mjs', 'linux-x64'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`package (the vsix layer's VSIX): ${seconds(performance.now() - startedAll)}`);
  if (packaged.status !== 0) {
    failed += 1;
    failures.push(failureLine('package', { title: 'scripts/package.mjs', error: `exited with ${packaged.status}` }));
  }
}
const building = performance.now();
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
console.log(`build: ${seconds(performance.now() - building)}`);
if (build.status !== 0) {
  failed += 1;
  failures.push(failureLine('build', { title: 'scripts/build.mjs', error: `exited with ${build.status}` }));
}
const summaries = [];
let passed = 0;

const prefixed = lanes > 1 && queue.length > 1;
await Promise.all(Array.from({ length: lanes }, async () => {
  for (let layer = queue.shift(); layer; layer = queue.shift()) await runLayer(layer, prefixed);
}));

console.log('');
if (failures.length > 0) {
  console.log('Failed:');
  for (const line of failures) console.log(`  ${line}`);
  console.log('');
}
for (const line of summaries) console.log(line);
console.log(`total time ${seconds(performance.now() - startedAll)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/** Runs one layer; its output goes through line by line, prefixed with its name when `prefixed`. */
async function runLayer({ layer, dir, script, cmd }, prefixed) {
  const files = layer === 'unit' || layer === 'engine' ? listTests(join(root, dir)) : null;
  if (files && files.length === 0) return;
  if (!files && !existsSync(join(root, script))) return;
  const out = join(results, `${layer}.json`);
  rmSync(out, { force: true });
  const say = (line) => console.log(prefixed ? `[${layer}] ${line}` : line);
  say(`=== ${layer} ===`);
  const started = performance.now();
  const child = spawn(cmd[0], [...cmd.slice(1), ...(files ?? [])], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  for (const stream of [child.stdout, child.stderr]) forEachLine(stream, say);
  const status = await new Promise((resolve) => {
    child.once('error', () => resolve(1));
    child.once('close', (code) => resolve(code ?? 1));
  });
  let counts = { passed: 0, failed: 0, failures: [] };
  if (existsSync(out)) counts = readCounts(out);
  if (status !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.failures.push({ title: 'its run', error: `exited with ${status} and reported no failed test` });
  }
  failures.push(...counts.failures.map((f) => failureLine(layer, f)));
  const summary = `${layer}: ${counts.passed} passed, ${counts.failed} failed, ${seconds(performance.now() - started)}`;
  say(summary);
  summaries.push(summary);
  passed += counts.passed;
  failed += counts.failed;
}

/** Calls `each` with every complete line of `stream` (the last one too, when it ends without a newline). */
function forEachLine(stream, each) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) each(line);
  });
  stream.on('end', () => rest && each(rest));
}

/** `1 min 5 s` or `42 s`: the per-layer times README's Tests section reports. */
function seconds(ms) {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** A result file that is missing or unreadable counts as one failure (the layer did not report). */
function readCounts(file) {
  try {
    const { passed, failed, failures } = JSON.parse(readFileSync(file, 'utf8'));
    if (Number.isInteger(passed) && Number.isInteger(failed)) {
      const named = Array.isArray(failures) ? failures.filter((f) => typeof f?.title === 'string' && typeof f.error === 'string') : [];
      return { passed, failed, failures: named };
    }
  } catch {
    // fall through: an unreadable report is a failed layer
  }
  console.log(`${file} is not a valid result file`);
  return { passed: 0, failed: 1, failures: [{ title: file, error: 'not a valid result file' }] };
}

/**
 * `layer: title: error` on one line of at most 300 characters: every run of white space in the
 * error (an assertion's message spans lines: `Expected …:`, a blank line, `1 !== 2`) becomes one space.
 */
function failureLine(layer, { title, error }) {
  const line = `${layer}: ${title}: ${error}`.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** The bundles of the layer's test files (dist/test/<layer>/…/x.test.js for test/<layer>/…/x.test.ts). */
function listTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => join('dist', join(dir, f).slice(root.length)).replace(/\.ts$/, '.js'));
}
