// node:test reporter that writes {passed, failed} as JSON to its destination, so the
// aggregate runner can total every layer.
export default async function* countReporter(source) {
  let passed = 0;
  let failed = 0;
  for await (const event of source) {
    if (event.type === 'test:pass' && !event.data.details?.type?.startsWith?.('suite')) {
      if (!event.data.skip && !event.data.todo) passed++;
    } else if (event.type === 'test:fail' && event.data.details?.type !== 'suite') {
      failed++;
    }
  }
  yield JSON.stringify({ passed, failed }) + '\n';
}
