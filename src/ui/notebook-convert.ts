/**
 * `.fcnb` file ⇄ VS Code NotebookData (loaded when a notebook is first opened or saved, not at
 * activation). The notebook's job lives in its metadata; `prompt` cells use the prompt language.
 */
import type * as vscode from 'vscode';
import type { ComponentLog } from '../host/log';
import type { VSCode } from '../host/vscode-types';
import { parseNotebook, serializeNotebook, type NotebookCell, type NotebookJob } from '../notebook/format';
import { outputMetadata } from '../notebook/outputs';
import { PROMPT_LANGUAGE_ID } from '../run/code-input';

const toFile = (language: string): string => (language === PROMPT_LANGUAGE_ID ? 'prompt' : language);
const fromFile = (language: string): string => (language === 'prompt' ? PROMPT_LANGUAGE_ID : language);

export function deserializeFcnb(vscode: VSCode, content: Uint8Array, log?: ComponentLog): vscode.NotebookData {
  const { NotebookCellData, NotebookCellKind, NotebookCellOutput, NotebookCellOutputItem, NotebookData } = vscode;
  const nb = parseNotebook(new TextDecoder().decode(content), (note) => log?.warn(note));
  const data = new NotebookData(
    nb.cells.map((c) => {
      const cell = new NotebookCellData(c.kind === 'markup' ? NotebookCellKind.Markup : NotebookCellKind.Code, c.source, fromFile(c.language));
      // The tree's words are not saved: an opened notebook gets them in today's display language.
      cell.outputs = c.outputs.map((o) => new NotebookCellOutput(o.items.map((i) => new NotebookCellOutputItem(i.data, i.mime)), outputMetadata(o.items)));
      if (c.executionOrder !== undefined) cell.executionSummary = { executionOrder: c.executionOrder, success: c.success, timing: c.durationMs !== undefined ? { startTime: 0, endTime: c.durationMs } : undefined };
      return cell;
    }),
  );
  data.metadata = nb.job ? { job: nb.job } : {};
  return data;
}

export function serializeFcnb(vscode: VSCode, data: vscode.NotebookData): Uint8Array {
  const { NotebookCellKind } = vscode;
  const job = data.metadata?.job as NotebookJob | undefined;
  const cells: NotebookCell[] = data.cells.map((c) => {
    const summary = c.executionSummary;
    const timing = summary?.timing;
    return {
      kind: c.kind === NotebookCellKind.Markup ? 'markup' : 'code',
      language: toFile(c.languageId),
      source: c.value,
      outputs: (c.outputs ?? []).map((o) => ({ items: o.items.map((i) => ({ mime: i.mime, data: i.data })) })),
      executionOrder: summary?.executionOrder,
      success: summary?.success,
      durationMs: timing ? Math.round(timing.endTime - timing.startTime) : undefined,
    };
  });
  return new TextEncoder().encode(serializeNotebook({ job: job && typeof job.id === 'string' ? job : undefined, cells }));
}
