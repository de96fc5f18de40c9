// esbuild plugin for the extension-host suite bundle (test/suite/index.ts → dist/test/suite/index.js).
// 1. `virtual:suite-files` lists every test/suite/**/*.test.ts as lazy loaders, so index.ts can set
//    Mocha's globals (describe/it, suite/test) before each file runs and new files need no registry.
// 2. In test/** sources, `__dirname`/`__filename` become the source file's own location: the support
//    modules (startEngine, startFixtureServer) find dist/engine.js and the fixture pages relative to
//    themselves, which would otherwise point into dist/test/suite/ once bundled.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VIRTUAL = 'virtual:suite-files';

/** @param {string} root absolute repository root */
export function suiteBundlePlugin(root) {
  const suiteDir = join(root, 'test', 'suite');
  const testDir = join(root, 'test') + '/';
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
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(testDir)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
        const contents = source
          .replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path)))
          .replace(/\b__filename\b/g, JSON.stringify(args.path));
        return { contents, loader: 'ts', resolveDir: dirname(args.path), watchFiles: [args.path] };
      });
    },
  };
}
