/**
 * What ui/ calls in the code-runs bundle (dist/code-runs.js, src/code-runs.ts), which loads on
 * first use: the lenses, the notebook's conversion and cell runs, and the mapping of a failed
 * run's frames to the sent code. Its owners pass a loader of it (activation makes the one
 * loader), so ui/ names the functions it needs rather than the bundle's entry.
 */
import type * as vscode from 'vscode';
import type { ComponentLog } from '../host/log';
import type { VSCode } from '../host/vscode-types';
import type { NotebookJob } from '../notebook/format';
import type { PageFormat, PageNow } from '../run/page-now';
import type { RunPath } from '../run/run-path';
import type { RunFailure } from '../run/stack-map';

/** What a notebook's cell runs need from its controller. */
export type JobGone = 'elsewhere' | 404 | 410;

export interface CellRunContext {
  vscode: VSCode;
  controller: vscode.NotebookController;
  runs: RunPath;
  /** The next execution order of this notebook. */
  nextOrder(nb: vscode.NotebookDocument): number;
  /** `why`: the job was made elsewhere, or the server answered 404 / 410 for it. */
  offerJob(nb: vscode.NotebookDocument, job: NotebookJob, why: JobGone): void;
}

export interface CodeRunsView {
  cellLenses(vscode: VSCode, doc: vscode.TextDocument): vscode.CodeLens[];
  markdownLenses(vscode: VSCode, doc: vscode.TextDocument): vscode.CodeLens[];
  deserializeFcnb(vscode: VSCode, content: Uint8Array, log?: ComponentLog): vscode.NotebookData;
  serializeFcnb(vscode: VSCode, data: vscode.NotebookData): Uint8Array;
  /** false: stop the remaining cells (a failure, an interrupt, or no run). */
  runNotebookCell(ctx: CellRunContext, cell: vscode.NotebookCell, nb: vscode.NotebookDocument, jobId: string): Promise<boolean>;
  showPageInCell(ctx: CellRunContext, editor: vscode.NotebookEditor, page: PageNow, formats: PageFormat[]): Promise<boolean>;
  nodeFailure(text: string, sentLines: number): RunFailure | undefined;
  pythonFailure(text: string, sentLines: number): RunFailure | undefined;
}

/** Loads the bundle on its first call; later calls return the same module. */
export type LoadCodeRuns = () => CodeRunsView;
