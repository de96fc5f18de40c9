/**
 * Registers the commands of runs that know the code: cells, Markdown blocks, the notebook and
 * screenshots; their code loads on first use. Handlers are wrapped like the other commands': an unexpected throw becomes a
 * readable notification.
 */
import type * as vscode from 'vscode';
import { CMD } from '../ids';
import type { NotebookRunner } from '../ui/notebook-controller';
import type { CodeServices } from './code-services';
import { loadCodeRuns } from '../host/code-runs-lazy';
import { reportError } from './report-error';
import type { CellArgs } from './run-cell';

const objectArg = <T>(value: unknown): T | undefined => (typeof value === 'object' && value !== null ? (value as T) : undefined);

export function registerCodeCommands(svc: CodeServices, notebooks: NotebookRunner): vscode.Disposable[] {
  const handlers: Record<string, (arg: unknown) => unknown> = {
    [CMD.runCell]: (a) => loadCodeRuns().runCell(svc, objectArg<CellArgs>(a)),
    [CMD.runCellAndBelow]: (a) => loadCodeRuns().runCellAndBelow(svc, objectArg<CellArgs>(a)),
    [CMD.runAbove]: (a) => loadCodeRuns().runAbove(svc, objectArg<CellArgs>(a)),
    [CMD.runCellAndAdvance]: () => loadCodeRuns().runCellAndAdvance(svc),
    [CMD.runBlock]: (a) => loadCodeRuns().runBlock(svc, objectArg(a)),
    [CMD.screenshot]: (a) => {
      // From the notebook toolbar: the notebook's job; from a session's menu: that session's.
      const { jobId, apiUrl } = objectArg<{ jobId?: unknown; apiUrl?: unknown }>(a) ?? {};
      if (typeof jobId === 'string') return loadCodeRuns().screenshotPage(svc, { jobId, apiUrl: typeof apiUrl === 'string' ? apiUrl : undefined });
      return loadCodeRuns().screenshotPage(svc, { jobId: notebooks.activeJob() });
    },
    [CMD.notebookChooseJob]: () => loadCodeRuns().chooseNotebookJob(svc, notebooks),
    [CMD.notebookExport]: () => loadCodeRuns().exportNotebookScripts(svc),
    [CMD.newNotebook]: () => loadCodeRuns().newNotebook(svc),
  };
  return Object.entries(handlers).map(([id, handler]) =>
    svc.vscode.commands.registerCommand(id, async (arg: unknown) => {
      try {
        return await handler(arg);
      } catch (err) {
        reportError(svc, err, { what: id.replace('firecrawlInteract.', '') });
        return undefined;
      }
    }),
  );
}
