/**
 * Loads undici (~0.5 MB here) on the first request instead of at activation: dist/undici.js
 * beside the running bundle, else src/api/undici-entry.ts, which re-exports the npm package.
 */
import { join } from 'node:path';
import { loadBeside } from '../host/load-beside';

type Undici = typeof import('./undici-entry');

let undici: Undici | undefined;

export function loadUndici(): Undici {
  undici ??= loadBeside<Undici>('undici', join(__dirname, 'undici-entry'));
  return undici;
}

/** For the activation-cost test: whether anything has needed the HTTP client yet. */
export function isUndiciLoaded(): boolean {
  return undici !== undefined;
}
