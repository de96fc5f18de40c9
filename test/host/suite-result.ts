// What a test layer reports to scripts/test-all.mjs through test-results/<layer>.json: its counts
// and each failed test's title and error (so the closing summary names what failed even when the
// layer's own output has scrolled far up). The extension-host suite logs the same JSON
// as its last line (`SUITE_RESULT {...}`, test/suite/index.ts), which this module reads back.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SuiteCounts {
  passed: number;
  failed: number;
  failures?: Failure[];
}

/** A failed test: its title and its error's message (scripts/test-all.mjs prints both on one line). */
export interface Failure {
  title: string;
  error: string;
}

/** The most of an error's message a report keeps. */
const ERROR_MAX = 2000;

export function failure(title: string, err: unknown): Failure {
  return { title, error: (err instanceof Error ? err.message : String(err)).slice(0, ERROR_MAX) };
}

const MARK = /SUITE_RESULT (\{.*\})\s*$/gm;

/** Counts from the last SUITE_RESULT line in `text`, or undefined when there is none. */
export function parseSuiteOutput(text: string): SuiteCounts | undefined {
  let last: SuiteCounts | undefined;
  for (const m of text.matchAll(MARK)) last = parseSuiteResult(m[1]) ?? last;
  return last;
}

/** The suite's result JSON (a SUITE_RESULT line's, or the electron runner's file), or undefined when it is not one. */
export function parseSuiteResult(json: string): SuiteCounts | undefined {
  let parsed: Partial<SuiteCounts>;
  try {
    parsed = JSON.parse(json) as Partial<SuiteCounts>;
  } catch {
    return undefined;
  }
  if (typeof parsed.passed !== 'number' || typeof parsed.failed !== 'number') return undefined;
  const failures = Array.isArray(parsed.failures) ? parsed.failures.filter((f): f is Failure => typeof f?.title === 'string' && typeof f.error === 'string') : [];
  return { passed: parsed.passed, failed: parsed.failed, failures };
}

/**
 * Writes `counts` to `file` (test-results/<layer>.json) and returns the layer's exit code: 0 only
 * when something passed and nothing failed.
 */
export function writeResult(file: string, counts: SuiteCounts): number {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ passed: counts.passed, failed: counts.failed, failures: counts.failures ?? [] }) + '\n');
  return counts.failed === 0 && counts.passed > 0 ? 0 : 1;
}
