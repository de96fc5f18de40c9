// esbuild plugins for the test bundles scripts/build.mjs makes.
// - suiteBundlePlugin: the extension-host suite (test/suite/index.ts → dist/test/suite/index.js).
//   `virtual:suite-files` lists every test/suite/**/*.test.ts as lazy loaders, so index.ts can set
//   Mocha's globals (describe/it, suite/test) before each file runs and new files need no registry.
// - nodeTestBundlePlugin: the node:test files of the unit and engine layers, one bundle each
//   (test/<layer>/x.test.ts → dist/test/<layer>/x.test.js). A bundle starts in about a third of the
//   CPU time that loading the same file through tsx takes, and npm test starts 95 of them.
// Both keep each source file's own location: `__dirname`/`__filename` become the file's path in
// the repository, so the support modules find dist/engine.js, the fixture pages and README.md as
// they do unbundled.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VIRTUAL = 'virtual:suite-files';

/** onLoad for .ts files under `dirs`: `__dirname`/`__filename` replaced by the source file's own. */
function keepSourceLocation(build, dirs) {
  build.onLoad({ filter: /\.ts$/ }, (args) => {
    if (!dirs.some((d) => args.path.startsWith(d))) return undefined;
    const source = readFileSync(args.path, 'utf8');
    if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
    const contents = source
      .replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path)))
      .replace(/\b__filename\b/g, JSON.stringify(args.path));
    return { contents, loader: 'ts', resolveDir: dirname(args.path), watchFiles: [args.path] };
  });
}

/** @param {string} root absolute repository root */
export function suiteBundlePlugin(root) {
  const suiteDir = join(root, 'test', 'suite');
  return {
    name: 'suite-bundle',
    setup(build) {
      build.onResolve({ filter: /^virtual:suite-files$/ }, () => ({ path: VIRTUAL, namespace: 'suite-files' }));
      build.onLoad({ filter: /.*/, namespace: 'suite-files' }, () => {
        const files = readdirSync(suiteDir, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith('.test.ts'))
          .sort();
        const loaders = files.map((f) => `  { name: ${JSON.stringify(f)}, load: () => require(${JSON.stringify(join(suiteDir, f))}) },`);
        return { contents: `module.exports.suiteFiles = [\n${loaders.join('\n')}\n];\n`, loader: 'js', resolveDir: suiteDir, watchDirs: [suiteDir] };
      });
      keepSourceLocation(build, [join(root, 'test') + '/']);
    },
  };
}

/**
 * The parts the extension loads on first use (src/host/load-beside.ts: a side bundle next to
 * dist/extension.js, or the entry's source under tsx) are bundled into the test file instead, each
 * behind a `require` that esbuild turns into an initializer run on first use: a part still loads
 * only when the code first asks for it, and it shares its modules with the rest of the test, as
 * it does under tsx.
 */
const LAZY_PARTS = {
  undici: 'src/api/undici-entry.ts',
  sucrase: 'src/run/sucrase-entry.ts',
  'code-runs': 'src/code-runs.ts',
  features: 'src/features.ts',
};

/** @param {string} root absolute repository root */
export function nodeTestBundlePlugin(root) {
  const loadBeside = join(root, 'src', 'host', 'load-beside.ts');
  return {
    name: 'node-test-bundle',
    setup(build) {
      build.onLoad({ filter: /load-beside\.ts$/ }, (args) => {
        if (args.path !== loadBeside) return undefined;
        const parts = Object.entries(LAZY_PARTS).map(([name, file]) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(join(root, file))}),`);
        const contents = [
          'const parts: Record<string, () => unknown> = {',
          ...parts,
          '};',
          'export function loadBeside<T>(bundleName: string, _sourcePath: string): T {',
          '  const part = parts[bundleName];',
          '  if (!part) throw new Error(`test bundle: no lazy part named ${bundleName} (scripts/test-bundle-plugins.mjs)`);',
          '  return part() as T;',
          '}',
        ].join('\n');
        return { contents, loader: 'ts', resolveDir: dirname(args.path) };
      });
      keepSourceLocation(build, [join(root, 'test') + '/', join(root, 'src') + '/']);
    },
  };
}
