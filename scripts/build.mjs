// Bundles every entry point with esbuild. Entries whose source does not exist yet are skipped,
// so the list can name what the project will have.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { nodeTestBundlePlugin, suiteBundlePlugin } from './test-bundle-plugins.mjs';

const production = process.argv.includes('--production');
const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const entries = [
  // The extension: CommonJS for the extension host; `vscode` is provided by the host.
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // What is behind the commands, the views' rows and the run path, built on first use (src/extension.ts loads it).
  { entryPoints: ['src/features.ts'], outfile: 'dist/features.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // undici, loaded on the first request only (src/api/lazy.ts loads ./undici.js with src/host/load-beside.ts) so activation stays cheap.
  { entryPoints: ['src/api/undici-entry.ts'], outfile: 'dist/undici.js', platform: 'node', format: 'cjs' },
  // sucrase (TypeScript type stripping), loaded on the first run of a .ts selection only.
  { entryPoints: ['src/run/sucrase-entry.ts'], outfile: 'dist/sucrase.js', platform: 'node', format: 'cjs' },
  // Cells, Markdown blocks, notebooks and screenshots beyond their registration, loaded on first use (src/extension.ts loads it).
  { entryPoints: ['src/code-runs.ts'], outfile: 'dist/code-runs.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // The local engine and its per-session REPL worker: playwright-core stays in node_modules.
  { entryPoints: ['src/engine/main.ts'], outfile: 'dist/engine.js', platform: 'node', format: 'cjs', external: ['playwright-core'] },
  { entryPoints: ['src/engine/runners/repl-worker.ts'], outfile: 'dist/repl-worker.js', platform: 'node', format: 'cjs', external: ['playwright-core'] },
  // The recorder helper: Playwright's pick locator over a session's cdpUrl, in a process the extension forks on first use.
  { entryPoints: ['src/recorder/helper-main.ts'], outfile: 'dist/recorder.js', platform: 'node', format: 'cjs', external: ['playwright-core'] },
  // Browser-side scripts: the VS Code live-view webview, the engine's live-view page and the notebook's JSON renderer.
  { entryPoints: ['media/liveview-panel.ts'], outfile: 'dist/media/liveview-panel.js', platform: 'browser', format: 'iife' },
  { entryPoints: ['src/engine/live/viewer.ts'], outfile: 'dist/live-viewer.js', platform: 'browser', format: 'iife' },
  // The notebook renderer of JSON results: an ES module exporting activate(), as VS Code loads renderers.
  { entryPoints: ['media/json-renderer.ts'], outfile: 'dist/media/json-renderer.js', platform: 'browser', format: 'esm' },
  // Extension-host test suite (loaded by VS Code through extensionTestsPath); the plugin bundles
  // every test/suite/**/*.test.ts into it (see scripts/test-bundle-plugins.mjs).
  { entryPoints: ['test/suite/index.ts'], outfile: 'dist/test/suite/index.js', platform: 'node', format: 'cjs', external: ['vscode', 'mocha', 'playwright-core'], plugins: [suiteBundlePlugin(root)] },
];
// The unit and engine layers' node:test files, one bundle each (dist/test/<layer>/**/*.test.js,
// what npm test runs; node --import tsx --test runs a single source file as well). Packages stay
// in node_modules. Not part of a production build.
const nodeTests = production ? [] : ['test/unit', 'test/engine'].flatMap((dir) => readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.test.ts')).map((f) => `${dir}/${f}`));
if (nodeTests.length > 0) {
  // test/support/forward-proxy.mjs checks import.meta.url only to run as a script of its own;
  // bundled, import.meta is empty and the check is false, as it should be.
  entries.push({ entryPoints: nodeTests, outdir: 'dist', outbase: '.', platform: 'node', format: 'cjs', packages: 'external', plugins: [nodeTestBundlePlugin(root)], logOverride: { 'empty-import-meta': 'silent' } });
}

const common = { bundle: true, target: 'node20', sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
const present = entries.filter((e) => e.entryPoints.every((p) => existsSync(p)));

// The engine's Python REPL runs as a file of its own next to the engine bundle.
mkdirSync('dist', { recursive: true });
copyFileSync('src/engine/runners/python-repl.py', 'dist/python-repl.py');

if (watch) {
  const { context } = await import('esbuild');
  for (const e of present) await (await context({ ...common, ...e })).watch();
  console.log(`watching ${present.length} entries`);
} else {
  // A production build leaves no source map of an earlier development build behind.
  if (production) for (const e of present) if (e.outfile) rmSync(`${e.outfile}.map`, { force: true });
  await Promise.all(present.map((e) => build({ ...common, ...e, target: e.platform === 'browser' ? 'es2022' : 'node20' })));
  console.log(`built ${present.map((e) => e.outfile ?? `${e.entryPoints.length} test files in ${e.outdir}/test/`).join(', ')}`);
}
