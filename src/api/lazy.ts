/**
 * Loads the heavy libraries (undici ~0.5 MB, sucrase) on first use instead of at activation.
 * In the packaged extension they sit next to the running bundle as dist/undici.js and
 * dist/sucrase.js; unbundled (unit tests under tsx, the test suite bundle) the entry modules
 * are loaded from source, which re-export the npm packages. Paths are built at run time so
 * esbuild does not inline either library into dist/extension.js.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type Undici = typeof import('./undici-entry');
type Sucrase = typeof import('./sucrase-entry');

let undici: Undici | undefined;
let sucrase: Sucrase | undefined;

export function loadUndici(): Undici {
  undici ??= loadBeside<Undici>('undici', 'undici-entry');
  return undici;
}

export function loadSucrase(): Sucrase {
  sucrase ??= loadBeside<Sucrase>('sucrase', 'sucrase-entry');
  return sucrase;
}

/** For the activation-cost test: whether anything has needed the HTTP client yet. */
export function isUndiciLoaded(): boolean {
  return undici !== undefined;
}

function loadBeside<T>(bundleName: string, entryName: string): T {
  const bundled = join(__dirname, `${bundleName}.js`);
  if (existsSync(bundled)) return dynamicRequire(bundled) as T;
  const source = join(__dirname, entryName);
  if (existsSync(`${source}.ts`)) return dynamicRequire(source) as T;
  // Bundled somewhere without the side file (e.g. the test-suite bundle): use node_modules.
  return dynamicRequire(bundleName) as T;
}

function dynamicRequire(id: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id);
}
