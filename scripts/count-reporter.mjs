// node:test reporter that writes {passed, failed, failures} as JSON to its destination, so the
// aggregate runner can total every layer and name each failed test (its file and title, and its
// error's message) in its closing summary.
import { relative } from 'node:path';

/** The most of an error's message a report keeps (as test/host/suite-result.ts's failure()). */
const ERROR_MAX = 2000;

export default async function* countReporter(source) {
  let passed = 0;
  const failures = [];
  for await (const event of source) {
    if (event.type === 'test:pass' && !event.data.details?.type?.startsWith?.('suite')) {
      if (!event.data.skip && !event.data.todo) passed++;
    } else if (event.type === 'test:fail' && event.data.details?.type !== 'suite') {
      const { name, file, details } = event.data;
      // node:test wraps the test's own error as the cause of its 'testCodeFailure'.
      const error = details?.error?.cause ?? details?.error;
      failures.push({
        title: file ? `${relative(process.cwd(), file)} › ${name}` : name,
        error: String(error?.message ?? error ?? 'failed').slice(0, ERROR_MAX),
      });
    }
  }
  yield JSON.stringify({ passed, failed: failures.length, failures }) + '\n';
}
