/**
 * Run cell / Run cell and below / Run above (CodeLens arguments, or the cell at the cursor),
 * and Shift+Enter: run the cell at the cursor and move to the next. Several cells run one
 * after another and stop at the first that does not succeed.
 */
import { cellAt, cellsAbove, cellsFrom, cellText, splitCells, type CodeCell } from '../run/cells';
import { documentLines } from '../ui/code-lenses';
import type { CodeServices } from '../wiring/code-services';
import { documentFor, runPiece } from '../ui/run-piece';
import { l10n } from '../shared/l10n';

export interface CellArgs {
  uri?: string;
  cell?: number;
}

type Pick = (cells: CodeCell[], index: number) => CodeCell[];

export const runCell = (svc: CodeServices, args?: CellArgs): Promise<void> => runCells(svc, args, (cells, i) => cells.filter((c) => c.index === i));
export const runCellAndBelow = (svc: CodeServices, args?: CellArgs): Promise<void> => runCells(svc, args, cellsFrom);
export const runAbove = (svc: CodeServices, args?: CellArgs): Promise<void> => runCells(svc, args, cellsAbove);

export async function runCellAndAdvance(svc: CodeServices): Promise<void> {
  const editor = svc.vscode.window.activeTextEditor;
  if (!editor) return;
  const cells = splitCells(documentLines(editor.document), editor.document.languageId);
  const cell = cellAt(cells, editor.selection.active.line);
  if (!cell) return noCell(svc);
  // Move first, as Jupyter does: the next cell can be read (or edited) while this one runs.
  const next = cells.find((c) => c.index > cell.index && !c.markdown);
  if (next) {
    const at = new svc.vscode.Position(Math.min(next.startLine, editor.document.lineCount - 1), 0);
    editor.selection = new svc.vscode.Selection(at, at);
    editor.revealRange(new svc.vscode.Range(at, at));
  }
  await runCells(svc, { uri: editor.document.uri.toString(), cell: cell.index }, (all, i) => all.filter((c) => c.index === i));
}

async function runCells(svc: CodeServices, args: CellArgs | undefined, pick: Pick): Promise<void> {
  const doc = await documentFor(svc, args?.uri);
  if (!doc) return noCell(svc);
  const lines = documentLines(doc);
  const cells = splitCells(lines, doc.languageId);
  const editor = svc.vscode.window.activeTextEditor;
  const index = args?.cell ?? (editor?.document === doc ? cellAt(cells, editor.selection.active.line)?.index : undefined);
  if (index === undefined || !cells[index]) return noCell(svc);
  const todo = pick(cells, index);
  if (todo.length === 0) {
    svc.notifier.info(l10n.t('There are no cells above this one to run.'));
    return;
  }
  for (const c of todo) {
    const record = await runPiece(svc, { doc, languageId: doc.languageId, text: cellText(lines, c), startLine: c.startLine, endLine: c.endLine, cell: c.index });
    if (!record || record.status !== 'ok') return;
  }
}

function noCell(svc: CodeServices): void {
  svc.notifier.info(l10n.t('Put the cursor in a cell to run it: a `// %%` line (JavaScript, TypeScript) or `# %%` line (Python, shell) starts a cell.'));
}
