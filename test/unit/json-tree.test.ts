import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { branchLabel, CHILD_PAGE, childPage, ENGLISH_LABELS, STRING_CUT, treeNode, type Branch, type Json, type Leaf } from '../../src/notebook/json-tree';
import { MIME, runOutputs } from '../../src/notebook/outputs';
import type { RunRecord } from '../../src/run/types';

const branch = (n: ReturnType<typeof treeNode>): Branch => {
  assert.equal(n.kind, 'branch');
  return n as Branch;
};

test('json tree: objects and arrays are branches with their counts; the top two levels start open', () => {
  const value: Json = { title: 'Fixture', links: [{ href: '/a', deep: { x: 1 } }, { href: '/b' }], empty: {}, n: 3, ok: true, none: null };
  const root = branch(treeNode(value));
  const label = (b: Branch): string => branchLabel(b, ENGLISH_LABELS);
  assert.deepEqual([label(root), root.count, root.open, root.array], ['{6 keys}', 6, true, false]);
  const kids = childPage(root).nodes;
  assert.deepEqual(
    kids.map((k) => [k.key, k.kind, k.kind === 'leaf' ? `${k.type} ${k.text}` : `${label(k)} open=${k.open}`]),
    [
      ['title', 'leaf', 'string "Fixture"'],
      ['links', 'branch', 'Array(2) open=true'],
      ['empty', 'branch', '{0 keys} open=false'],
      ['n', 'leaf', 'number 3'],
      ['ok', 'leaf', 'boolean true'],
      ['none', 'leaf', 'null null'],
    ],
  );
  const first = branch(childPage(branch(kids[1])).nodes[0]);
  assert.deepEqual([first.key, label(first), first.open], ['0', '{2 keys}', false], 'the third level starts closed');
  assert.deepEqual([label(branch(childPage(first).nodes[1]))], ['{1 key}']);
});

test('json tree: long strings are cut with the whole text kept; big branches list children a page at a time', () => {
  const long = 'x'.repeat(STRING_CUT + 50) + '"';
  const leaf = treeNode(long) as Leaf;
  assert.equal(leaf.text, `${JSON.stringify(long.slice(0, STRING_CUT))}…`);
  assert.equal(leaf.full, JSON.stringify(long));
  assert.equal((treeNode('short') as Leaf).full, undefined);

  const big = branch(treeNode(Array.from({ length: CHILD_PAGE * 2 + 5 }, (_, i) => i)));
  const one = childPage(big);
  assert.deepEqual([one.nodes.length, one.rest, one.nodes[0].key, (one.nodes[0] as Leaf).text], [CHILD_PAGE, CHILD_PAGE + 5, '0', '0']);
  const last = childPage(big, CHILD_PAGE * 2);
  assert.deepEqual([last.nodes.length, last.rest, last.nodes[4].key], [5, 0, String(CHILD_PAGE * 2 + 4)]);
  const obj = branch(treeNode(Object.fromEntries(Array.from({ length: CHILD_PAGE + 1 }, (_, i) => [`k${i}`, i]))));
  assert.deepEqual(childPage(obj, CHILD_PAGE).nodes.map((n) => n.key), [`k${CHILD_PAGE}`]);
});

test('notebook outputs: a JSON result is the tree mime first, then application/json and text, all the same text', async () => {
  const record = { status: 'ok', input: { kind: 'code', code: 'x', language: 'node' }, response: { success: true, result: '{"a":[1,2]}' } } as unknown as RunRecord;
  const [items] = await runOutputs(record);
  assert.deepEqual(items.map((i) => [i.mime, new TextDecoder().decode(i.data)]), [
    ['application/vnd.firecrawl.json-tree+json', '{"a":[1,2]}'],
    ['application/json', '{"a":[1,2]}'],
    ['text/plain', '{"a":[1,2]}'],
  ]);
  const [plain] = await runOutputs({ ...record, response: { success: true, result: '{not json' } } as unknown as RunRecord);
  assert.deepEqual(plain.map((i) => i.mime), ['text/plain']);
});

test('notebook outputs: a result that repeats stdout (bash, value-less Python) is shown once, as the stdout stream', async () => {
  const record = { status: 'ok', input: { kind: 'code', code: 'echo hi', language: 'bash' }, response: { success: true, stdout: 'Clicked 1 times\n', result: 'Clicked 1 times\n' } } as unknown as RunRecord;
  const outputs = await runOutputs(record);
  assert.deepEqual(outputs.map((o) => o.map((i) => i.mime)), [[MIME.stdout]]);
  const valued = await runOutputs({ ...record, response: { success: true, stdout: 'log\n', result: '42' } } as unknown as RunRecord);
  assert.deepEqual(valued.map((o) => o.map((i) => i.mime)), [[MIME.stdout], [MIME.text]]);
});

test('manifest: the notebook renderer takes the tree mime the outputs use, from the file the build writes', () => {
  const root = join(__dirname, '..', '..');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { notebookRenderer: { mimeTypes: string[]; entrypoint: string }[] } };
  const renderer = manifest.contributes.notebookRenderer.find((r) => r.mimeTypes.includes(MIME.jsonTree));
  assert.ok(renderer, `a renderer for ${MIME.jsonTree}`);
  assert.match(readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8'), new RegExp(`outfile: '${renderer.entrypoint.replace(/^\.\//, '').replace(/[./]/g, '\\$&')}'[^\n]*format: 'esm'`));
});

test('notebook outputs: a prompt answer is followed by its turns, actions and tokens', async () => {
  const record = { status: 'ok', input: { kind: 'prompt', prompt: 'x' }, response: { success: true, output: 'Done.', turnCount: 2, actionCount: 1, usage: { inputTokens: 10, outputTokens: 3 } } } as unknown as RunRecord;
  const outputs = await runOutputs(record);
  assert.deepEqual(outputs.map((o) => o.map((i) => [i.mime, new TextDecoder().decode(i.data)])), [
    [['text/markdown', 'Done.'], ['text/plain', 'Done.']],
    [['text/plain', '2 turns · 1 action · 10 input + 3 output tokens']],
  ]);
});
