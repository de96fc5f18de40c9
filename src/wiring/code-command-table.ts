/**
 * The handlers of runs that know the code: cells, Markdown blocks, the notebook and
 * screenshots, by command id; their code loads on first use (dist/code-runs.js).
 */
import { CMD } from '../ids';
import type { NotebookRunner } from '../ui/notebook-controller';
import type { CodeServices } from './code-services';
import type { chooseNotebookJob, exportNotebookScripts, newNotebook } from '../commands/notebook';
import type { runBlock } from '../commands/run-block';
import type { CellArgs, runAbove, runCell, runCellAndAdvance, runCellAndBelow } from '../commands/run-cell';
import type { scrapePageNow } from '../commands/scrape-now';
import type { screenshotPage } from '../commands/screenshot';
import { objectArg, type Handler } from './command-table';
import { PAGE_FORMATS, type PageFormat } from '../run/page-now';

/** The commands of code runs, in dist/code-runs.js (src/code-runs.ts): loaded on first use. */
export interface CodeCommands {
  runCell: typeof runCell;
  runCellAndBelow: typeof runCellAndBelow;
  runAbove: typeof runAbove;
  runCellAndAdvance: typeof runCellAndAdvance;
  runBlock: typeof runBlock;
  screenshotPage: typeof screenshotPage;
  scrapePageNow: typeof scrapePageNow;
  chooseNotebookJob: typeof chooseNotebookJob;
  exportNotebookScripts: typeof exportNotebookScripts;
  newNotebook: typeof newNotebook;
}

// The return type is inferred: its keys let features.ts check that every command has a handler.
export function codeCommandHandlers(svc: CodeServices, notebooks: NotebookRunner, loadCodeRuns: () => CodeCommands) {
  return {
    [CMD.runCell]: (a) => loadCodeRuns().runCell(svc, objectArg<CellArgs>(a)),
    [CMD.runCellAndBelow]: (a) => loadCodeRuns().runCellAndBelow(svc, objectArg<CellArgs>(a)),
    [CMD.runAbove]: (a) => loadCodeRuns().runAbove(svc, objectArg<CellArgs>(a)),
    [CMD.runCellAndAdvance]: () => loadCodeRuns().runCellAndAdvance(svc),
    [CMD.runBlock]: (a) => loadCodeRuns().runBlock(svc, objectArg(a)),
    [CMD.screenshot]: (a) => {
      // From the notebook toolbar: the notebook's job; from a session's menu: that session's.
      // From the live view: its group, which the picture opens in (not a third group beside it).
      const { jobId, apiUrl, viewColumn } = objectArg<{ jobId?: unknown; apiUrl?: unknown; viewColumn?: unknown }>(a) ?? {};
      if (typeof jobId === 'string') return loadCodeRuns().screenshotPage(svc, { jobId, apiUrl: typeof apiUrl === 'string' ? apiUrl : undefined, viewColumn: typeof viewColumn === 'number' ? viewColumn : undefined });
      return loadCodeRuns().screenshotPage(svc, { jobId: notebooks.activeJob() });
    },
    [CMD.scrapeNow]: (a) => {
      // A run (Runs view): its job and server; a session's menu: that session's; else the notebook's or current job.
      const { jobId, apiUrl, id, formats: asked } = objectArg<{ jobId?: unknown; apiUrl?: unknown; id?: unknown; formats?: unknown }>(a) ?? {};
      // Formats given by a caller (keybinding args, tests) skip the picker.
      const formats = Array.isArray(asked) ? asked.filter((f): f is PageFormat => PAGE_FORMATS.includes(f)) : undefined;
      const run = typeof id === 'string' ? svc.history.get(id) : undefined;
      if (run) return loadCodeRuns().scrapePageNow(svc, { jobId: run.jobId, apiUrl: run.server.apiUrl, formats });
      if (typeof jobId === 'string') return loadCodeRuns().scrapePageNow(svc, { jobId, apiUrl: typeof apiUrl === 'string' ? apiUrl : undefined, formats });
      // In a notebook the page is an output of the selected cell, as a cell's run would be.
      const nbJob = notebooks.activeJob();
      return loadCodeRuns().scrapePageNow(svc, { jobId: nbJob, formats, ...(nbJob ? { show: (page, f) => notebooks.showPage(page, f) } : {}) });
    },
    [CMD.notebookChooseJob]: () => loadCodeRuns().chooseNotebookJob(svc, notebooks),
    [CMD.notebookExport]: () => loadCodeRuns().exportNotebookScripts(svc),
    [CMD.newNotebook]: () => loadCodeRuns().newNotebook(svc),
  } satisfies Record<string, Handler>;
}
