import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageForId, stripTypes, TypeStripError } from '../../src/run/language';

test('language: editor language ids map to interact languages', () => {
  assert.deepEqual(languageForId('javascript'), { language: 'node', stripTypes: false, jsx: false });
  assert.deepEqual(languageForId('javascriptreact'), { language: 'node', stripTypes: false, jsx: true });
  assert.deepEqual(languageForId('typescript'), { language: 'node', stripTypes: true, jsx: false });
  assert.deepEqual(languageForId('typescriptreact'), { language: 'node', stripTypes: true, jsx: true });
  assert.deepEqual(languageForId('python'), { language: 'python', stripTypes: false, jsx: false });
  assert.deepEqual(languageForId('shellscript'), { language: 'bash', stripTypes: false, jsx: false });
  for (const id of ['markdown', 'plaintext', 'go', 'ruby', '', 'toString', 'constructor']) assert.equal(languageForId(id), undefined, id);
});

/** Evaluates stripped code as an async function body, the way a REPL with top-level await runs it. */
async function run(js: string): Promise<unknown> {
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => () => Promise<unknown>;
  return new AsyncFunction(js)();
}

test('language: type stripping keeps top-level await and runs', async () => {
  const ts = [
    'interface Item { name: string; price: number }',
    'type Id = string | number;',
    'const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));',
    'await wait(1);',
    'function first<T>(xs: T[]): T | undefined { return xs[0]; }',
    'const items: Item[] = [{ name: "a", price: 2 }];',
    'const id: Id = 7 as number;',
    'enum Color { Red, Green }',
    'let n!: number; n = items.length;',
    'return [first<Item>(items)?.name, id, Color.Green, n, items[0]!.price satisfies number];',
  ].join('\n');
  const js = stripTypes(ts, false);
  assert.doesNotMatch(js, /interface|: number|<Item>|as number|satisfies/);
  assert.match(js, /await wait\(1\)/);
  assert.deepEqual(await run(js), ['a', 7, 1, 1, 2]);
});

test('language: plain JavaScript passes through unchanged in meaning, lines preserved', () => {
  const js = 'const title = await page.title();\nconsole.log(title);\ntitle';
  const out = stripTypes(js, false);
  assert.equal(out, js);
});

test('language: line numbers are preserved so REPL errors point at the source line', () => {
  const ts = 'type A = {\n  a: string;\n};\nconst x: A = { a: "1" };\nx.a';
  assert.equal(stripTypes(ts, false).split('\n').length, ts.split('\n').length);
});

test('language: imports used only as types are dropped, value imports kept', () => {
  const out = stripTypes("import type { Browser } from 'playwright';\nimport { Page } from 'playwright';\nimport { readFileSync } from 'node:fs';\nconst p: Page | undefined = undefined;\nreadFileSync;", false);
  assert.doesNotMatch(out, /Browser|Page/);
  assert.match(out, /import \{ readFileSync \} from 'node:fs';/);
});

test('language: TSX keeps JSX as written and strips types around it', () => {
  const out = stripTypes('const n: number = 1;\nconst el = <b>{n as number}</b>;', true);
  assert.match(out, /<b>\{n\s*\}<\/b>/);
  assert.doesNotMatch(out, /React|: number|as number/);
});

test('language: .ts angle-bracket assertions parse (no JSX mode)', () => {
  assert.match(stripTypes('const v = <number>(1 + 1);\nv', false), /const v = \(1 \+ 1\)/);
});

test('language: a syntax error names line and column', () => {
  let err: unknown;
  try {
    stripTypes('const a: number = 1;\n  let b c = 2;', false);
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof TypeStripError);
  assert.equal(err.line, 2);
  assert.equal(typeof err.column, 'number');
  assert.match(err.message, /^TypeScript syntax error at line 2, column \d+: Unexpected token/);
});
