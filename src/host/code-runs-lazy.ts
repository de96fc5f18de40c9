/** Loads dist/code-runs.js (code-runs-entry.ts) on the first use of a cell, block, notebook or screenshot. */
import { join } from 'node:path';
import { loadBeside } from '../api/lazy';

// Only the entry's type: its code is the separate bundle.
type CodeRuns = typeof import('../commands/code-runs-entry');

let loaded: CodeRuns | undefined;

export function loadCodeRuns(): CodeRuns {
  loaded ??= loadBeside<CodeRuns>('code-runs', join(__dirname, '..', 'commands', 'code-runs-entry'));
  return loaded;
}
