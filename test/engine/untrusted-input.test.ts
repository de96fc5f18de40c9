// Readers of untrusted engine input (issue 17): REPL channels and request bodies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_DEPTH, nestingDepth } from '../../src/engine/http/body';
import { encodeFrame, FrameError, FrameReader, JsonLineReader } from '../../src/engine/runners/frames';
import { shortValue } from '../../src/engine/schemas/validate';

test('frames: split anywhere, joined back in order', () => {
  const bytes = Buffer.concat([encodeFrame({ type: 'a', n: 1 }), encodeFrame({ type: 'b', text: 'é'.repeat(1000) })]);
  const reader = new FrameReader<{ type: string }>();
  const got = [];
  for (let i = 0; i < bytes.length; i += 7) got.push(...reader.push(bytes.subarray(i, i + 7)));
  assert.deepEqual(got.map((m) => m.type), ['a', 'b']);
});

test('frames: a length over the cap, non-JSON and untyped frames are errors, not crashes', () => {
  assert.throws(() => new FrameReader(1024).push(Buffer.from([0, 0, 8, 0])), FrameError);
  const raw = (s: string) => Buffer.concat([Buffer.from([0, 0, 0, s.length]), Buffer.from(s)]);
  assert.throws(() => new FrameReader().push(raw('{nope')), /not JSON/);
  assert.throws(() => new FrameReader().push(raw('[1]')), /without a type/);
  assert.throws(() => new FrameReader().push(raw('{"type":1}')), /without a type/);
});

test('JSON lines: a line past the cap fails before it is complete', () => {
  const reader = new JsonLineReader<{ type: string }>(100);
  assert.deepEqual(reader.push(Buffer.from('{"type":"x"}\n{"type":')), [{ type: 'x' }]);
  assert.deepEqual(reader.push(Buffer.from('"y"}\n')), [{ type: 'y' }]);
  assert.throws(() => reader.push(Buffer.alloc(200, 0x78)), /over the/);
  assert.throws(() => new JsonLineReader().push(Buffer.from('garbage\n')), FrameError);
});

test('nesting depth is read from the text, strings and escapes skipped', () => {
  assert.equal(nestingDepth('{"a":[1,{"b":[]}]}'), 4);
  assert.equal(nestingDepth('{"a":"[[[[\\"[[["}'), 1);
  assert.equal(nestingDepth('['.repeat(100_000)), 100_000);
  assert.ok(nestingDepth(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`) <= MAX_DEPTH);
});

test('request values in messages: short ones quoted, others by kind', () => {
  assert.equal(shortValue('pdf'), '"pdf"');
  assert.equal(shortValue('x'.repeat(41)), '(a string of 41 characters)');
  assert.equal(shortValue(3), '3');
  assert.equal(shortValue([[[]]]), '(an array)');
  assert.equal(shortValue({ a: 1 }), '(a value of type object)');
});
