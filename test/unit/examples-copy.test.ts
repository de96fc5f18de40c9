import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { copyExamples } from '../../test/host/examples-copy';

const ROOT = resolve(__dirname, '..', '..');

test('examples copy: the demo opens a complete copy outside the repository; writing there leaves examples/ as it was', () => {
  const before = readFileSync(join(ROOT, 'examples', 'page-steps.fcnb'), 'utf8');
  const copy = copyExamples(ROOT);
  try {
    assert.ok(relative(ROOT, copy.folder).startsWith('..'), `the copy is inside the repository: ${copy.folder}`);
    assert.deepEqual(readdirSync(copy.folder).sort(), readdirSync(join(ROOT, 'examples')).sort());
    // What Run All does to the notebook: save its job and outputs.
    writeFileSync(join(copy.folder, 'page-steps.fcnb'), JSON.stringify({ job: { id: 'x' } }));
    assert.equal(readFileSync(join(ROOT, 'examples', 'page-steps.fcnb'), 'utf8'), before);
  } finally {
    copy.remove();
  }
  assert.equal(existsSync(copy.folder), false, 'remove() left the copy');
});

test('examples copy: a process that exits (as the demo does on Ctrl+C) leaves no copy behind', () => {
  const script = `process.stdout.write(require(${JSON.stringify(join(ROOT, 'test/host/examples-copy.ts'))}).copyExamples(${JSON.stringify(ROOT)}).folder); process.exit(0)`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const folder = child.stdout.trim();
  assert.match(folder, /firecrawl-examples-/);
  assert.equal(existsSync(folder), false, `the exited process left its copy: ${folder}`);
});
