import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextCapture } from '../../src/host/text-capture';

test('keeps everything appended, in order, up to 2 M characters', () => {
  const capture = new TextCapture();
  let all = '';
  for (let i = 0; i < 1000; i++) {
    const line = `info [run] line ${i}\n`;
    capture.append(line);
    all += line;
  }
  assert.equal(capture.text(), all);
});

test('past 2 M characters the oldest text goes first and the newest stays', () => {
  const capture = new TextCapture();
  let all = '';
  for (let i = 0; i < 30_000; i++) {
    const line = `info [run] line ${i} ${'x'.repeat(i % 200)}\n`;
    capture.append(line);
    all += line;
  }
  const kept = capture.text();
  assert.ok(kept.length <= 2_000_000 && kept.length > 1_950_000, `kept ${kept.length}`);
  assert.ok(all.endsWith(kept), 'the kept text is the end of what was appended');
});

test('one append longer than the bound is kept until the next', () => {
  const capture = new TextCapture();
  capture.append('a'.repeat(3_000_000));
  assert.equal(capture.text().length, 3_000_000);
  capture.append('b');
  assert.equal(capture.text(), 'b');
  capture.clear();
  assert.equal(capture.text(), '');
});
