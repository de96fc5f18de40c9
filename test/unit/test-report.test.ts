/**
 * What each test layer reports to scripts/test-all.mjs: the counts and one line per failed test,
 * from node:test's events (scripts/count-reporter.mjs), from the extension-host suite's
 * SUITE_RESULT line, and from a workbench walk's Tally (the e2e and vsix layers).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Tally } from '../host/step-loop';
import { failure, parseSuiteOutput, writeResult } from '../host/suite-result';

import type { ReporterEvent } from '../../scripts/count-reporter.mjs' with { 'resolution-mode': 'import' };

async function report(events: ReporterEvent[]): Promise<{ passed: number; failed: number; failures: string[] }> {
  const { default: countReporter } = await import('../../scripts/count-reporter.mjs');
  async function* source() {
    yield* events;
  }
  let out = '';
  for await (const chunk of countReporter(source())) out += chunk;
  return JSON.parse(out) as { passed: number; failed: number; failures: string[] };
}

describe('test reports', () => {
  test('count reporter: names each failed test by file and title, with its own error (not node:test\'s wrapper); suites and skips are not counted', async () => {
    const cause = new Error('Expected values to be strictly equal:\n\n1 !== 2\n');
    const result = await report([
      { type: 'test:pass', data: { name: 'a', details: { type: 'test' } } },
      { type: 'test:pass', data: { name: 'skipped', skip: true, details: { type: 'test' } } },
      { type: 'test:pass', data: { name: 'suite', details: { type: 'suite' } } },
      { type: 'test:fail', data: { name: 'b', file: join(process.cwd(), 'dist/test/engine/x.test.js'), details: { type: 'test', error: Object.assign(new Error('test failed'), { cause }) } } },
      { type: 'test:fail', data: { name: 'c', details: { type: 'test', error: new Error('x'.repeat(5000)) } } },
      { type: 'test:fail', data: { name: 'its suite', details: { type: 'suite', error: new Error('1 subtest failed') } } },
    ]);
    assert.equal(result.passed, 1);
    assert.equal(result.failed, 2);
    assert.deepEqual(result.failures[0], { title: 'dist/test/engine/x.test.js › b', error: 'Expected values to be strictly equal:\n\n1 !== 2\n' });
    assert.deepEqual(result.failures[1], { title: 'c', error: 'x'.repeat(2000) });
  });

  test('failure: the error\'s message (or the thrown value), at most 2000 characters', () => {
    assert.deepEqual(failure('t', new Error('first\nsecond')), { title: 't', error: 'first\nsecond' });
    assert.deepEqual(failure('t', 'plain'), { title: 't', error: 'plain' });
    assert.equal(failure('t', new Error('x'.repeat(5000))).error.length, 2000);
  });

  test('SUITE_RESULT: the last line wins; its failures are read; a malformed line is skipped, not thrown', () => {
    const text = [
      'SUITE_RESULT {"passed":1,"failed":0}',
      'noise',
      'SUITE_RESULT {"passed":3,"failed":1,"pending":0,"failures":[{"title":"Notebook {brace}","error":"a\\nb"},{"title":7}]}',
      'SUITE_RESULT {"passed":',
    ].join('\n');
    assert.deepEqual(parseSuiteOutput(text), { passed: 3, failed: 1, failures: [{ title: 'Notebook {brace}', error: 'a\nb' }] });
    assert.equal(parseSuiteOutput('no result here'), undefined);
  });

  test('Tally and writeResult: a failed step and a blocked one are both named; the exit code is 0 only when something passed and nothing failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interact-report-'));
    const log = console.log;
    console.log = () => undefined;
    try {
      const tally = new Tally();
      assert.equal(await tally.step('01 works', async () => undefined, 1000), true);
      assert.equal(await tally.step('02 breaks', () => Promise.reject(new Error('no notification\nmore')), 1000), false);
      tally.blocked('03 after', '02 breaks');
      assert.equal(await tally.step('04 hangs', () => new Promise<void>(() => undefined), 20), false);
      const file = join(dir, 'layer.json');
      assert.equal(writeResult(file, tally.counts), 1);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {
        passed: 1,
        failed: 3,
        failures: [
          { title: '02 breaks', error: 'no notification\nmore' },
          { title: '03 after', error: 'not run: step "02 breaks" failed' },
          { title: '04 hangs', error: '"04 hangs" timed out after 0.02 s' },
        ],
      });
      assert.equal(writeResult(file, { passed: 2, failed: 0 }), 0);
      assert.equal(writeResult(file, { passed: 0, failed: 0 }), 1);
    } finally {
      console.log = log;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
