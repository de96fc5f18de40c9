import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { rewriteForRepl } from '../../src/engine/runners/repl-rewrite';

/** Runs inputs one after another in one context, as the REPL worker does. */
async function session(...inputs: string[]): Promise<unknown[]> {
  const ctx = {};
  const out: unknown[] = [];
  for (const input of inputs) out.push(await runInNewContext(rewriteForRepl(input), ctx));
  return out;
}

test('repl rewrite: last expression is the value, declarations persist', async () => {
  assert.deepEqual(await session('1 + 1', 'const a = 2; let b = 3; var c = 4; a + b + c', 'a * b * c'), [2, 9, 24]);
});

test('repl rewrite: destructuring, functions (hoisted), classes', async () => {
  const [r1, r2] = await session('const { x, y: [z] } = { x: 1, y: [2] }; const early = f(x, z); function f(p, q) { return p + q; } early', 'class K { v() { return f(x, z) * 10; } } new K().v()');
  assert.equal(r1, 3);
  assert.equal(r2, 30);
});

test('repl rewrite: top-level await and declarations without a value', async () => {
  assert.deepEqual(await session('let n; n = await Promise.resolve(5); n', 'n + 1'), [5, 6]);
});

test('repl rewrite: no value after a trailing declaration or statement', async () => {
  assert.deepEqual(await session('const q = 1;', 'if (q) { q + 1 }'), [undefined, undefined]);
});

test('repl rewrite: syntax errors name the position', () => {
  assert.throws(() => rewriteForRepl('let = = 1'), /\(1:\d+\)/);
});

test('repl rewrite: every statement keeps its line, so stack traces name the lines as sent', async () => {
  const code = ['const a = 1,', '  b = 2;', 'function f() {', '  return missing.x;', '}', 'class K {}', '', '// a comment', 'f()'].join('\n');
  const wrapped = rewriteForRepl(code);
  // The error comes from another context: its Error is not this one's, so read its stack as text.
  const stack = await runInNewContext(wrapped, {}, { filename: 'interact.js' }).then(
    () => 'no error',
    (e: { stack?: string }) => String(e.stack),
  );
  assert.match(stack, /ReferenceError: missing is not defined/);
  assert.match(stack, /interact\.js:4:\d+/, 'the throw inside f is on line 4');
  assert.match(stack, /interact\.js:9:\d+/, 'the call of f is on line 9');
  wrapped.split('\n').forEach((line, i) => {
    const original = code.split('\n')[i];
    if (original?.includes('function f') || original?.includes('missing')) assert.ok(line.endsWith(original), `line ${i + 1}: ${line}`);
  });
});
