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
