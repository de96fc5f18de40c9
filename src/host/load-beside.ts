/**
 * Loads a part of the extension that is bundled on its own (a heavy library, a lazy bundle)
 * on first use instead of at activation. In the packaged extension each sits next to the
 * running bundle as dist/<name>.js; unbundled (unit tests under tsx, the test suite bundle)
 * the entry module is loaded from source. Paths are built at run time so esbuild does not
 * inline the part into the bundle that loads it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** `bundleName`.js beside the running bundle, else the entry module's source (`sourcePath` without .ts). */
export function loadBeside<T>(bundleName: string, sourcePath: string): T {
  const bundled = join(__dirname, `${bundleName}.js`);
  if (existsSync(bundled)) return dynamicRequire(bundled) as T;
  const source = sourcePath;
  if (existsSync(`${source}.ts`)) return dynamicRequire(source) as T;
  // Bundled somewhere without the side file (e.g. the test-suite bundle): use node_modules.
  return dynamicRequire(bundleName) as T;
}

function dynamicRequire(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id);
}
