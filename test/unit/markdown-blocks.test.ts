import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayHaveBlocks, runnableBlocks } from '../../src/run/markdown-blocks';

test('markdown blocks: runnable tags, what each is sent as, and their lines', () => {
  const md = [
    '# Runbook', // 0
    '```js', // 1
    'await page.title()', // 2
    '```', // 3
    '```json', // 4
    '{"not": "runnable"}', // 5
    '```', // 6
    '~~~~ Python title="x"', // 7
    'print(1)', // 8
    '```', // 9: not a close for a ~~~~ fence
    '~~~~', // 10
    '```prompt', // 11
    'What is the heading?', // 12
    '```', // 13
    '```sh', // 14
    '```', // 15
  ];
  const blocks = runnableBlocks(md);
  assert.deepEqual(
    blocks.map((b) => [b.index, b.tag, b.what, b.fenceLine, b.startLine, b.endLine, b.text]),
    [
      [0, 'js', { kind: 'code', languageId: 'javascript' }, 1, 2, 2, 'await page.title()'],
      [1, 'python', { kind: 'code', languageId: 'python' }, 7, 8, 9, 'print(1)\n```'],
      [2, 'prompt', { kind: 'prompt' }, 11, 12, 12, 'What is the heading?'],
      [3, 'sh', { kind: 'code', languageId: 'shellscript' }, 14, 15, 14, ''],
    ],
  );
});

test('markdown blocks: every tag of the issue, fences inside list items, unclosed fence', () => {
  const tags = ['js', 'javascript', 'ts', 'typescript', 'python', 'py', 'bash', 'sh', 'prompt'];
  const md = tags.flatMap((t) => ['```' + t, 'x', '```']);
  assert.deepEqual(runnableBlocks(md).map((b) => b.tag), tags);
  assert.deepEqual(runnableBlocks(['```ts', 'let a: number = 1']).map((b) => [b.what, b.text]), [[{ kind: 'code', languageId: 'typescript' }, 'let a: number = 1']]);
  const list = ['1. Open the page:', '   ```bash', '   agent-browser get title', '     indented more', '   ```', '2. Done'];
  assert.deepEqual(runnableBlocks(list).map((b) => [b.startLine, b.endLine, b.text]), [[2, 3, 'agent-browser get title\n  indented more']]);
  assert.deepEqual(runnableBlocks(['``` js `x`', 'a', '```']), [], 'a backtick info string with a backtick is no fence');
  assert.deepEqual(runnableBlocks(['no fences here']), []);
});

test('markdown blocks: the first look (mayHaveBlocks) is true wherever runnableBlocks finds a block, false for text without fences', () => {
  for (const md of [['```js', '1', '```'], ['- item', '    ~~~~python', '    print(1)', '    ~~~~']]) {
    assert.ok(runnableBlocks(md).length > 0);
    assert.equal(mayHaveBlocks(md.join('\n')), true, md.join('|'));
  }
  assert.equal(mayHaveBlocks(['# Title', 'inline `code` and ``two``', '~~ strike ~~'].join('\n')), false);
});
