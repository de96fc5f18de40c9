// Part of `npm run lint`: fails on an import cycle among the project's own modules, or on the
// engine importing anything of the extension but src/shared, following the imports esbuild
// resolves from every entry point (type-only imports are erased first, as in the bundles).
import { build } from 'esbuild';

const entries = ['src/extension.ts', 'src/features.ts', 'src/code-runs.ts', 'src/engine/main.ts', 'src/engine/runners/repl-worker.ts', 'src/recorder/helper-main.ts'];
const { metafile } = await build({ entryPoints: entries, bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', outdir: '/tmp/check-imports', external: ['vscode', 'playwright-core'], logLevel: 'silent' });
const graph = new Map();
for (const [file, info] of Object.entries(metafile.inputs)) {
  if (!file.startsWith('src/')) continue;
  graph.set(file, info.imports.map((i) => i.path).filter((p) => p.startsWith('src/')));
}
const state = new Map();
const cycles = [];
function visit(file, stack) {
  state.set(file, 'open');
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
    else if (!state.has(next)) visit(next, stack);
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of graph.keys()) if (!state.has(file)) visit(file, []);
const crossings = [...graph].flatMap(([file, imports]) => (file.startsWith('src/engine/') ? imports.filter((i) => !i.startsWith('src/engine/') && !i.startsWith('src/shared/')).map((i) => `${file} → ${i}`) : []));
for (const c of cycles) console.error(`import cycle: ${c.join(' → ')}`);
for (const c of crossings) console.error(`the engine imports extension code: ${c} (only src/shared is common ground)`);
if (cycles.length + crossings.length > 0) process.exit(1);
console.log(`no import cycles among ${graph.size} modules; the engine imports only itself and src/shared`);
