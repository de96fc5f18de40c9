// The notebook's JSON tree speaks the display language (issue 22): the extension puts the
// tree's words, translated, in the output's metadata, and the renderer's pure part writes its
// summaries and buttons with them, counts in the language's format; without them (a notebook
// output from an older version) it falls back to English.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { VSCode } from '../../src/host/vscode-types';
import { branchLabel, ENGLISH_LABELS, LABELS_KEY, labelsFrom, showAllLabel, showMoreLabel, treeNode, type Branch, type TreeLabels } from '../../src/notebook/json-tree';
import { MIME, outputMetadata, runOutputs } from '../../src/notebook/outputs';
import { serializeNotebook } from '../../src/notebook/format';
import type { RunRecord } from '../../src/run/types';
import { useTranslator } from '../../src/shared/l10n';
import { deserializeFcnb } from '../../src/ui/notebook-convert';

const ROOT = join(__dirname, '..', '..');
const fill = (message: string, args: unknown[]): string => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

/** The translator VS Code gives with the extension's bundle for `language` (placeholders without an argument stay). */
function speak(t: TestContext, language: 'ja' | 'zh-cn'): void {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', `bundle.l10n.${language}.json`), 'utf8')) as Record<string, string>;
  useTranslator({ t: (message, ...args) => fill(bundle[message] ?? message, args), language });
  t.after(() => useTranslator({ t: (message, ...args) => fill(message, args), language: 'en' }));
}

const jsonRecord = (result: string): RunRecord => ({ status: 'ok', input: { kind: 'code', code: 'x', language: 'node' }, response: { success: true, result } }) as unknown as RunRecord;
const big = treeNode(Array.from({ length: 1234 }, (_, i) => i)) as Branch;
const obj = (n: number) => treeNode(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))) as Branch;
const words = (labels: TreeLabels): string[] => [branchLabel(big, labels), branchLabel(obj(1), labels), branchLabel(obj(3), labels), showAllLabel(12_345, labels), showMoreLabel(1_134, labels)];

test('json tree labels: without labels in the metadata (an older notebook) the tree speaks English', () => {
  for (const metadata of [undefined, null, {}, { [LABELS_KEY]: 'nonsense' }]) assert.deepEqual(labelsFrom(metadata), ENGLISH_LABELS);
  assert.deepEqual(words(labelsFrom(undefined)), ['Array(1,234)', '{1 key}', '{3 keys}', 'show all (12,345 characters)', 'show more (1,134 left)']);
  // A label missing or not text is English; the others are kept.
  const partial = labelsFrom({ [LABELS_KEY]: { language: 'de', keys: '{0} Schlüssel', showMore: 7 } });
  assert.deepEqual(words(partial), ['Array(1.234)', '{1 key}', '{3 Schlüssel}', 'show all (12.345 characters)', 'show more (1.134 left)'], 'counts in the given language\'s format');
  assert.equal(branchLabel(big, { ...ENGLISH_LABELS, language: 'not a language!' }), 'Array(1,234)', 'an unknown language writes English digits');
});

test('json tree labels: in English the metadata carries the English words, and only an output that holds a tree gets them', async () => {
  const [tree] = await runOutputs(jsonRecord('{"a":[1,2]}'));
  assert.deepEqual(outputMetadata(tree), { [LABELS_KEY]: ENGLISH_LABELS });
  const [plain] = await runOutputs(jsonRecord('plain text'));
  assert.equal(outputMetadata(plain), undefined);
});

for (const [language, want] of [
  ['ja', ['配列 (1,234 件)', '{1 個のキー}', '{3 個のキー}', 'すべて表示 (12,345 文字)', 'さらに表示 (残り 1,134 件)']],
  ['zh-cn', ['数组（1,234 项）', '{1 个键}', '{3 个键}', '显示全部（12,345 个字符）', '显示更多（还剩 1,134 项）']],
] as const) {
  test(`json tree labels: in ${language}, a run's tree output carries the translated words and the renderer writes them`, async (t) => {
    speak(t, language);
    const [tree] = await runOutputs(jsonRecord('{"a":[1,2]}'));
    assert.equal(tree[0].mime, MIME.jsonTree);
    const metadata = outputMetadata(tree);
    // What the renderer gets as outputItem.metadata: JSON, as VS Code passes it to the webview.
    const labels = labelsFrom(JSON.parse(JSON.stringify(metadata)));
    assert.equal(labels.language, language);
    assert.deepEqual(words(labels), want);
  });
}

test('json tree labels: a saved notebook opened again gets the words in the display language of today (they are not saved)', (t) => {
  speak(t, 'ja');
  const text = (s: string) => new TextEncoder().encode(s);
  const file = serializeNotebook({ cells: [{ kind: 'code', language: 'javascript', source: 'x', outputs: [{ items: [{ mime: MIME.jsonTree, data: text('{"a":1}') }, { mime: MIME.json, data: text('{"a":1}') }] }, { items: [{ mime: MIME.text, data: text('hi') }] }] }] });
  assert.doesNotMatch(file, new RegExp(LABELS_KEY), 'the labels are UI text, not part of the file');
  class Output {
    constructor(
      readonly items: unknown[],
      readonly metadata?: Record<string, unknown>,
    ) {}
  }
  const fake = {
    NotebookCellKind: { Markup: 1, Code: 2 },
    NotebookCellData: class {
      outputs: Output[] = [];
      constructor(
        readonly kind: number,
        readonly value: string,
        readonly languageId: string,
      ) {}
    },
    NotebookCellOutput: Output,
    NotebookCellOutputItem: class {
      constructor(
        readonly data: Uint8Array,
        readonly mime: string,
      ) {}
    },
    NotebookData: class {
      metadata: unknown;
      constructor(readonly cells: unknown[]) {}
    },
  } as unknown as VSCode;
  const data = deserializeFcnb(fake, text(file));
  const outputs = data.cells[0].outputs as unknown as Output[];
  assert.deepEqual(branchLabel(treeNode({ a: 1, b: 2 }) as Branch, labelsFrom(outputs[0].metadata)), '{2 個のキー}');
  assert.equal(outputs[1].metadata, undefined);
});
