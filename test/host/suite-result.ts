// Reads the machine-readable summary line that test/suite/index.ts logs after Mocha finishes.
export interface SuiteCounts {
  passed: number;
  failed: number;
}

const MARK = /SUITE_RESULT (\{[^}]*\})/g;

/** Counts from the last SUITE_RESULT line in `text`, or undefined when there is none. */
export function parseSuiteOutput(text: string): SuiteCounts | undefined {
  let last: SuiteCounts | undefined;
  for (const m of text.matchAll(MARK)) {
    const parsed = JSON.parse(m[1]) as Partial<SuiteCounts>;
    if (typeof parsed.passed === 'number' && typeof parsed.failed === 'number') last = { passed: parsed.passed, failed: parsed.failed };
  }
  return last;
}
