/**
 * Registers the `.fcnb` notebook type. The conversion itself (src/ui/notebook-convert.ts) is
 * loaded on the first open or save, so activation stays cheap.
 */
import type * as vscode from 'vscode';
import { NOTEBOOK_TYPE } from '../ids';
import { loadCodeRuns } from '../host/code-runs-lazy';
import type { ComponentLog } from '../host/log';
import type { VSCode } from '../host/vscode-types';
import type { NotebookJob } from '../notebook/format';

export function notebookJob(nb: vscode.NotebookDocument): NotebookJob | undefined {
  const job = nb.metadata.job as NotebookJob | undefined;
  return job && typeof job.id === 'string' ? job : undefined;
}

export class FcnbSerializer implements vscode.NotebookSerializer {
  constructor(
    private readonly vscode: VSCode,
    private readonly log?: ComponentLog,
  ) {}

  register(): vscode.Disposable {
    // Outputs are saved: they are the point of the notebook.
    return this.vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, this, { transientOutputs: false });
  }

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    return loadCodeRuns().deserializeFcnb(this.vscode, content, this.log);
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    return loadCodeRuns().serializeFcnb(this.vscode, data);
  }
}
