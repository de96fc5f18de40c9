/**
 * `// %%` and `# %%` cells in code files, the marker Jupyter's interactive window and VS Code's
 * Python extension use. A cell starts at its marker line and runs to the line before the next
 * marker; text above the first marker belongs to no cell (as in those tools). Pure: no vscode.
 */

/** Editor language ids that have cells, with the comment that starts their marker. */
const MARKER_COMMENT: Record<string, string> = {
  javascript: '//',
  javascriptreact: '//',
  typescript: '//',
  typescriptreact: '//',
  python: '#',
  shellscript: '#',
};

export interface CodeCell {
  /** 0-based position among the file's cells. */
  index: number;
  /** 0-based line of the `%%` marker. */
  markerLine: number;
  /** 0-based lines of the cell's code (the lines after the marker), inclusive; endLine < startLine when empty. */
  startLine: number;
  endLine: number;
  /** Text after `%%` on the marker line (e.g. `// %% Log in`). */
  title: string;
  /** `# %% [markdown]` cells hold prose, not code: they get no lens and never run. */
  markdown: boolean;
}

export function hasCells(languageId: string): boolean {
  return Object.hasOwn(MARKER_COMMENT, languageId);
}

/** A line that may be a marker, in any of the comment styles; splitCells decides, per language. */
const MAY_BE_MARKER = /^\s*(\/\/|#)\s*%%/m;

/** A cheap first look at a whole text: false means splitCells finds no cell in it. */
export function mayHaveCells(text: string): boolean {
  return MAY_BE_MARKER.test(text);
}

/** The file's cells, in order; none when the language has no cells or the file has no markers. */
export function splitCells(lines: readonly string[], languageId: string): CodeCell[] {
  if (!hasCells(languageId)) return [];
  const comment = MARKER_COMMENT[languageId];
  const cells: CodeCell[] = [];
  lines.forEach((line, i) => {
    const title = markerTitle(line, comment);
    if (title === undefined) return;
    const prev = cells[cells.length - 1];
    if (prev) prev.endLine = i - 1;
    cells.push({ index: cells.length, markerLine: i, startLine: i + 1, endLine: lines.length - 1, title: title.replace(/^\[markdown\]\s*/i, ''), markdown: /^\[markdown\]/i.test(title) });
  });
  // Trailing blank lines are not part of what a cell sends or its range.
  for (const c of cells) while (c.endLine >= c.startLine && lines[c.endLine].trim() === '') c.endLine--;
  return cells;
}

/** undefined when the line is not a marker, else the marker's title (possibly ''). */
function markerTitle(line: string, comment: string): string | undefined {
  const t = line.trimStart();
  if (!t.startsWith(comment)) return undefined;
  const rest = t.slice(comment.length).trimStart();
  if (!rest.startsWith('%%')) return undefined;
  return rest.slice(2).trim();
}

/** The runnable cell containing 0-based `line` (its marker line included); undefined above the first marker. */
export function cellAt(cells: readonly CodeCell[], line: number): CodeCell | undefined {
  let found: CodeCell | undefined;
  for (const c of cells) if (c.markerLine <= line) found = c;
  return found;
}

/** Cells to run for "Run cell and below" (from `index`) and "Run above" (before `index`): code cells only. */
export function cellsFrom(cells: readonly CodeCell[], index: number): CodeCell[] {
  return cells.filter((c) => c.index >= index && !c.markdown);
}

export function cellsAbove(cells: readonly CodeCell[], index: number): CodeCell[] {
  return cells.filter((c) => c.index < index && !c.markdown);
}

/** The code of a cell, lines joined; '' for an empty cell. */
export function cellText(lines: readonly string[], cell: CodeCell): string {
  return cell.endLine < cell.startLine ? '' : lines.slice(cell.startLine, cell.endLine + 1).join('\n');
}
