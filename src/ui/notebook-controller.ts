/**
 * Runs `.fcnb` cells (node, TypeScript, python, bash and prompt) in the notebook's job, through
 * the one run path, quietly: the cell shows the outcome (src/notebook/outputs.ts). The job is
 * chosen once per notebook, kept in its metadata and shown in the kernel picker. Cells of one
 * request run in order and stop at the first that does not succeed; interrupting aborts the
 * running cell's request. A notebook whose job is unknown here (made elsewhere) or answers
 * 404/410 says so and offers to choose or scrape a job.
 */
import type * as vscode from 'vscode';
import { PROMPT_LANGUAGE_ID } from '../run/code-input';
import type { PageFormat, PageNow } from '../run/page-now';
import type { RunPath } from '../run/run-path';
import { CMD, NOTEBOOK_CONTROLLER, NOTEBOOK_TYPE } from '../ids';
import type { NotebookJob } from '../notebook/format';
import { jobLabel } from './labels';
import { Disposable } from '../host/disposable';
import type { CellRunContext, JobGone, LoadCodeRuns } from './code-runs-view';
import { l10n } from '../shared/l10n';
import { notebookJob } from './notebook-serializer';
import type { Notifier } from './notifier';
import { MANAGE_TRUST_COMMAND, manageTrustLabel, restrictedMessage } from './restricted-mode';
import type { VSCode } from '../host/vscode-types';

export interface NotebookPorts {
  runs: RunPath;
  notifier: Notifier;
  codeRuns: LoadCodeRuns;
  /** The workspace's current job, if any. */
  currentJob(): string | undefined;
  /** The scraped URL (and page title) of a job this window knows, or undefined when it does not know the job. */
  knownJob(jobId: string): { url?: string; title?: string } | undefined;
}

export class NotebookRunner extends Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly order = new WeakMap<vscode.NotebookDocument, number>();
  private readonly cellContext: CellRunContext;

  constructor(
    private readonly vscode: VSCode,
    private readonly ports: NotebookPorts,
  ) {
    super();
    this.controller = this._register(vscode.notebooks.createNotebookController(NOTEBOOK_CONTROLLER, NOTEBOOK_TYPE, l10n.t('Firecrawl session')));
    this.controller.supportedLanguages = ['javascript', 'typescript', 'python', 'shellscript', PROMPT_LANGUAGE_ID];
    this.controller.supportsExecutionOrder = true;
    this.controller.executeHandler = (cells, nb) => this.execute(cells, nb);
    this.cellContext = {
      vscode,
      controller: this.controller,
      runs: ports.runs,
      nextOrder: (nb) => {
        const n = (this.order.get(nb) ?? 0) + 1;
        this.order.set(nb, n);
        return n;
      },
      offerJob: (nb, job, why) => this.offerJob(nb, job, why),
    };
    this._register(vscode.workspace.onDidOpenNotebookDocument((nb) => this.opened(nb)));
    this._register(vscode.window.onDidChangeActiveNotebookEditor(() => this.describe()));
    for (const nb of vscode.workspace.notebookDocuments) this.opened(nb);
  }

  /** The job of the active Firecrawl notebook, if one is active and has a job. */
  activeJob(): string | undefined {
    const nb = this.vscode.window.activeNotebookEditor?.notebook;
    return nb?.notebookType === NOTEBOOK_TYPE ? notebookJob(nb)?.id : undefined;
  }

  /** Scrape the page as it is now, in the active Firecrawl notebook: outputs of its selected cell; false when it has none. */
  async showPage(page: PageNow, formats: PageFormat[]): Promise<boolean> {
    const editor = this.vscode.window.activeNotebookEditor;
    if (editor?.notebook.notebookType !== NOTEBOOK_TYPE) return false;
    return this.ports.codeRuns().showPageInCell(this.cellContext, editor, page, formats);
  }

  /** Makes `jobId` (with its URL) this notebook's job; the metadata edit marks the notebook dirty. */
  async setJob(nb: vscode.NotebookDocument, jobId: string): Promise<void> {
    // The notebook's allowedDomains stay with it when its job changes.
    const allowedDomains = notebookJob(nb)?.allowedDomains;
    const job: NotebookJob = { id: jobId, ...(this.ports.knownJob(jobId)?.url ? { url: this.ports.knownJob(jobId)?.url } : {}), ...(allowedDomains ? { allowedDomains } : {}) };
    const edit = new this.vscode.WorkspaceEdit();
    edit.set(nb.uri, [this.vscode.NotebookEdit.updateNotebookMetadata({ ...nb.metadata, job })]);
    await this.vscode.workspace.applyEdit(edit);
    this.describe();
  }

  /** Asks for a job (the usual Choose job, which can also scrape) and makes it the notebook's. */
  async chooseJob(nb: vscode.NotebookDocument, url?: string): Promise<string | undefined> {
    const chosen = await this.vscode.commands.executeCommand<string | undefined>(CMD.chooseJob, url ? { url } : undefined);
    const jobId = typeof chosen === 'string' ? chosen : undefined;
    if (jobId) await this.setJob(nb, jobId);
    return jobId;
  }

  private opened(nb: vscode.NotebookDocument): void {
    if (nb.notebookType !== NOTEBOOK_TYPE) return;
    this.controller.updateNotebookAffinity(nb, this.vscode.NotebookControllerAffinity.Preferred);
    this.describe();
    const job = notebookJob(nb);
    if (job && !this.ports.knownJob(job.id)) this.offerJob(nb, job, 'elsewhere');
  }

  /** The current job comes first: it is the one that works now (a fresh demo's, the last scrape's). */
  private offerJob(nb: vscode.NotebookDocument, job: NotebookJob, why: JobGone): void {
    const name = nb.uri.path.split('/').pop() ?? '';
    const ref = `${job.id.slice(0, 8)}${job.url ? `, ${job.url}` : ''}`;
    const gone =
      why === 'elsewhere'
        ? l10n.t('The job of {0} ({1}) is not one this window has used: it was made elsewhere and may be gone.', name, ref)
        : why === 404
          ? l10n.t('The job of {0} ({1}) was not found by the server (404).', name, ref)
          : l10n.t('The job of {0} ({1}) has ended on the server (410).', name, ref);
    const current = this.ports.currentJob();
    const actions = [];
    let next = l10n.t('Choose a job or scrape the page again to run its cells.');
    if (current && current !== job.id) {
      const known = this.ports.knownJob(current);
      actions.push({ label: l10n.t('Use the current job'), run: () => this.setJob(nb, current) });
      const currentRef = `${known?.title || known?.url ? `${jobLabel({ jobId: current, ...known })}, ` : ''}${current.slice(0, 8)}`;
      next = l10n.t('Use the current job ({0}), choose another or scrape the page again to run its cells.', currentRef);
    }
    actions.push({ label: l10n.t('Choose job'), run: () => this.chooseJob(nb) });
    if (job.url) actions.push({ label: l10n.t('Scrape the URL again'), run: () => this.chooseJob(nb, job.url) });
    this.ports.notifier.warn(`${gone} ${next}`, ...actions);
  }

  /** The kernel picker in the toolbar shows the active notebook's job. */
  private describe(): void {
    const nb = this.vscode.window.activeNotebookEditor?.notebook;
    const job = nb && nb.notebookType === NOTEBOOK_TYPE ? notebookJob(nb) : undefined;
    this.controller.description = job ? `job ${job.id.slice(0, 8)}${job.url ? ` · ${job.url}` : ''}` : 'no job chosen yet';
  }

  private async execute(cells: vscode.NotebookCell[], nb: vscode.NotebookDocument): Promise<void> {
    if (!this.vscode.workspace.isTrusted) {
      this.ports.notifier.warn(restrictedMessage(), { label: manageTrustLabel(), run: () => this.vscode.commands.executeCommand(MANAGE_TRUST_COMMAND) });
      return;
    }
    let jobId = notebookJob(nb)?.id;
    if (!jobId) {
      jobId = this.ports.currentJob() ?? (await this.chooseJob(nb));
      if (!jobId) return;
      await this.setJob(nb, jobId);
    }
    for (const cell of cells) {
      if (cell.kind !== this.vscode.NotebookCellKind.Code) continue;
      const ok = await this.ports.codeRuns().runNotebookCell(this.cellContext, cell, nb, jobId);
      if (!ok) return;
    }
  }
}
