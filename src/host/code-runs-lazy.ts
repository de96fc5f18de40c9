/** Loads dist/code-runs.js (src/code-runs.ts) on the first use of a cell, block, notebook or screenshot. */
import { join } from 'node:path';
import { loadBeside } from './load-beside';

// Only the entry's type: its code is the separate bundle.
type CodeRuns = typeof import('../code-runs');

let loaded: CodeRuns | undefined;

export function loadCodeRuns(): CodeRuns {
  loaded ??= loadBeside<CodeRuns>('code-runs', join(__dirname, '..', 'code-runs'));
  return loaded;
}
