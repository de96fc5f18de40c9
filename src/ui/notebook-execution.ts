/**
 * One notebook cell's run (loaded on the first run, not at activation): an execution with its
 * order and interrupt, the run through the run path (quiet: the cell shows the outcome), and the
 * outputs (src/notebook/outputs.ts). A 404/410 offers to choose or scrape a job.
 */
import type * as vscode from 'vscode';
import { outputMetadata, pageOutputs, runOutputs, type Item } from '../notebook/outputs';
import type { PageFormat, PageNow } from '../run/page-now';
import { pieceInput } from '../run/code-input';
import { TypeStripError } from '../run/language';
import type { RunRecord } from '../run/types';
import type { CellRunContext } from './code-runs-view';
import { notebookJob } from './notebook-serializer';
import { l10n } from '../shared/l10n';

/** false: stop the remaining cells (a failure, an interrupt, or no run). */
export async function runNotebookCell(ctx: CellRunContext, cell: vscode.NotebookCell, nb: vscode.NotebookDocument, jobId: string): Promise<boolean> {
  const { NotebookCellOutput, NotebookCellOutputItem } = ctx.vscode;
  const exec = ctx.controller.createNotebookCellExecution(cell);
  exec.executionOrder = ctx.nextOrder(nb);
  exec.start(Date.now());
  await exec.clearOutput();
  const abort = new AbortController();
  const sub = exec.token.onCancellationRequested(() => abort.abort());
  let record: RunRecord | undefined;
  try {
    const text = cell.document.getText();
    const name = nb.uri.path.split('/').pop() ?? 'notebook';
    const source = { uri: cell.document.uri.toString(), label: l10n.t('{0}, cell {1}', name, cell.index + 1), startLine: 0, endLine: Math.max(0, cell.document.lineCount - 1), cell: cell.index };
    let input;
    try {
      input = pieceInput(cell.document.languageId, text, source);
    } catch (err) {
      if (!(err instanceof TypeStripError)) throw err;
      await exec.replaceOutput(new NotebookCellOutput([NotebookCellOutputItem.error({ name: l10n.t('TypeScript syntax error'), message: err.message })]));
      exec.end(false, Date.now());
      return false;
    }
    if (!input || text.trim() === '') {
      exec.end(undefined, Date.now());
      return true;
    }
    const allowedDomains = notebookJob(nb)?.allowedDomains;
    record = await ctx.runs.run(input, { jobId, quiet: true, signal: abort.signal, ...(allowedDomains ? { allowedDomains } : {}) });
  } finally {
    sub.dispose();
  }
  if (!record || record.status === 'cancelled') {
    exec.end(undefined, Date.now());
    return false;
  }
  const outputs = await runOutputs(record);
  await exec.replaceOutput(cellOutputs(ctx, outputs));
  exec.end(record.status === 'ok', Date.now());
  const status = (record.error as { status?: unknown } | undefined)?.status;
  if (record.status === 'error' && (status === 404 || status === 410)) {
    ctx.offerJob(nb, notebookJob(nb) ?? { id: jobId }, status);
  }
  return record.status === 'ok';
}

/**
 * Scrape the page as it is now, in a notebook: outputs added under the selected code cell (or the
 * nearest one above it, else below), after what it shows, as Jupyter shows what a cell made.
 * The cell keeps its execution order. False when there is no code cell or the cell is running.
 */
export async function showPageInCell(ctx: CellRunContext, editor: vscode.NotebookEditor, page: PageNow, formats: PageFormat[]): Promise<boolean> {
  const cells = editor.notebook.getCells();
  const at = Math.min(editor.selection.start, cells.length - 1);
  const isCode = (c: vscode.NotebookCell) => c.kind === ctx.vscode.NotebookCellKind.Code;
  const cell = cells.slice(0, at + 1).reverse().find(isCode) ?? cells.slice(at + 1).find(isCode);
  if (!cell) return false;
  let exec: vscode.NotebookCellExecution;
  try {
    exec = ctx.controller.createNotebookCellExecution(cell);
  } catch {
    // Running already, or the notebook uses another kernel: the page opens beside instead.
    return false;
  }
  exec.executionOrder = cell.executionSummary?.executionOrder;
  exec.start(Date.now());
  await exec.appendOutput(cellOutputs(ctx, await pageOutputs(page, formats)));
  exec.end(cell.executionSummary?.success ?? true, Date.now());
  return true;
}

function cellOutputs(ctx: CellRunContext, outputs: Item[][]): vscode.NotebookCellOutput[] {
  const { NotebookCellOutput, NotebookCellOutputItem } = ctx.vscode;
  return outputs.map((items) => new NotebookCellOutput(items.map((i) => new NotebookCellOutputItem(i.data, i.mime)), outputMetadata(items)));
}
