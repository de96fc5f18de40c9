// Mocha bootstrap for the extension-host suite. VS Code loads the bundle of this file
// (dist/test/suite/index.js) through `extensionTestsPath` and awaits run(): it resolves when every
// test passed and rejects otherwise, which becomes the run's exit code. The last line it logs,
// `SUITE_RESULT {"passed":N,"failed":N,"pending":N,"failures":[…]}`, is what test/host/run-suite.ts counts; the
// electron runner (whose VS Code output we cannot capture) names a file for the same JSON instead.
// Both Mocha styles work in test files: describe/it and suite/test.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { suiteFiles } from 'virtual:suite-files';
import { failure, type Failure } from '../host/suite-result';

export const SUITE_RESULT_MARK = 'SUITE_RESULT';

// activation.test.ts checks that nothing activated the extension yet, so it goes first.
const FIRST = 'activation.test.ts';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    // Real engine, real Chromium, a 2-core machine: generous per-test time.
    timeout: Number(process.env.FIRECRAWL_SUITE_TIMEOUT_MS ?? 120_000),
    grep: process.env.FIRECRAWL_SUITE_GREP || undefined,
    // A stray `.only` would silently skip the rest; use FIRECRAWL_SUITE_GREP to run a subset.
    forbidOnly: true,
  });
  Mocha.interfaces.tdd(mocha.suite);

  const files = [...suiteFiles].sort((a, b) => Number(b.name === FIRST) - Number(a.name === FIRST));
  for (const file of files) {
    mocha.suite.emit('pre-require', globalThis, file.name, mocha);
    mocha.suite.emit('require', file.load(), file.name, mocha);
    mocha.suite.emit('post-require', globalThis, file.name, mocha);
  }

  return new Promise((resolve, reject) => {
    const failed: Failure[] = [];
    const runner = mocha.run(() => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 1, pending: 0 };
      const summary = JSON.stringify({ passed: passes, failed: failures, pending, failures: failed });
      console.log(`${SUITE_RESULT_MARK} ${summary}`);
      if (process.env.FIRECRAWL_SUITE_RESULT_FILE) writeFileSync(process.env.FIRECRAWL_SUITE_RESULT_FILE, summary);
      if (failures > 0) reject(new Error(`${failures} of ${passes + failures} extension-host tests failed`));
      else if (passes === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
    // The first 20 are named (the line stays well under the 100,000 characters that VS Code
    // forwards of one console message from the extension host); the count is always whole.
    runner.on('fail', (test, err) => failed.length < 20 && failed.push(failure(test.fullTitle(), err)));
  });
}
