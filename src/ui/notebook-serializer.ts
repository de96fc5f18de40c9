/**
 * Registers the `.fcnb` notebook type. The conversion itself (src/ui/notebook-convert.ts) is
 * loaded on the first open or save, so activation stays cheap.
 */
import type * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../ids';
import type { ComponentLog } from '../host/log';
import type { VSCode } from '../host/vscode-types';
import type { NotebookJob } from '../notebook/format';
import type { LoadCodeRuns } from './code-runs-view';

export function notebookJob(nb: vscode.NotebookDocument): NotebookJob | undefined {
  const job = nb.metadata.job as NotebookJob | undefined;
  return job && typeof job.id === 'string' ? job : undefined;
}

export class FcnbSerializer implements vscode.NotebookSerializer {
  constructor(
    private readonly vscode: VSCode,
    private readonly codeRuns: LoadCodeRuns,
    private readonly log?: ComponentLog,
  ) {}

  register(): vscode.Disposable {
    // Outputs are saved: they are the point of the notebook.
    return this.vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, this, { transientOutputs: false });
  }

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    return this.codeRuns().deserializeFcnb(this.vscode, content, this.log);
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return this.codeRuns().serializeFcnb(this.vscode, data);
  }
}
