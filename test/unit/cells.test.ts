import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellAt, cellsAbove, cellsFrom, cellText, hasCells, mayHaveCells, splitCells } from '../../src/run/cells';

const js = ['const setup = 1; // not a cell', '// %% First', 'await page.goto(url);', '', '//%%', '  // %% [markdown] notes', '// prose', '// %%   Last', 'page.title()', '', ''];

test('cells: `// %%` markers split a JS/TS file; text above the first marker is no cell', () => {
  const cells = splitCells(js, 'typescript');
  assert.deepEqual(
    cells.map((c) => [c.index, c.markerLine, c.startLine, c.endLine, c.title, c.markdown]),
    [
      [0, 1, 2, 2, 'First', false],
      [1, 4, 5, 4, '', false],
      [2, 5, 6, 6, 'notes', true],
      [3, 7, 8, 8, 'Last', false],
    ],
  );
  assert.equal(cellText(js, cells[0]), 'await page.goto(url);');
  assert.equal(cellText(js, cells[1]), '', 'an empty cell has no text');
  assert.equal(cellText(js, cells[3]), 'page.title()', 'trailing blank lines are not sent');
});

test('cells: `# %%` in python and shell, and each language only knows its own comment', () => {
  const py = ['# %%', 'print(1)', '# %% two', 'print(2)'];
  assert.deepEqual(splitCells(py, 'python').map((c) => cellText(py, c)), ['print(1)', 'print(2)']);
  assert.equal(splitCells(py, 'shellscript').length, 2);
  assert.deepEqual(splitCells(py, 'javascript'), [], '# is not a JS comment');
  assert.deepEqual(splitCells(['// %%', 'x'], 'python'), [], '// is not a python comment');
  assert.deepEqual(splitCells(['const a = "%%";', 'a'], 'javascript'), [], 'a file without markers has no cells');
  assert.deepEqual(splitCells(['# %%', 'x'], 'markdown'), [], 'markdown has blocks, not cells');
  assert.equal(hasCells('go'), false);
});

test('cells: the cell at a line, cells from a cell on, and cells above (markdown cells never run)', () => {
  const cells = splitCells(js, 'javascript');
  assert.equal(cellAt(cells, 0), undefined, 'above the first marker');
  assert.equal(cellAt(cells, 1)?.index, 0, 'the marker line belongs to its cell');
  assert.equal(cellAt(cells, 3)?.index, 0);
  assert.equal(cellAt(cells, 10)?.index, 3);
  assert.deepEqual(cellsFrom(cells, 1).map((c) => c.index), [1, 3]);
  assert.deepEqual(cellsAbove(cells, 3).map((c) => c.index), [0, 1]);
  assert.deepEqual(cellsAbove(cells, 0), []);
});

test('cells: the first look (mayHaveCells) is true wherever splitCells finds a cell, false for text without markers', () => {
  for (const [lines, lang] of [[js, 'typescript'], [['x = 1', '  #%% one', 'y = 2'], 'python'], [['# %%'], 'shellscript']] as const) {
    assert.ok(splitCells(lines, lang).length > 0);
    assert.equal(mayHaveCells(lines.join('\n')), true, lines.join('|'));
  }
  assert.equal(mayHaveCells(['const a = 1; // %% not at the start', 'let b = "%%";'].join('\n')), false);
});
