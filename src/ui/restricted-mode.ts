/**
 * Restricted Mode (a workspace VS Code does not trust): nothing runs. Commands that send code,
 * prompts or scrapes, start the local engine, or run cells and notebooks say why and offer
 * Workspace Trust; everything that only shows (run history, outputs, notebooks, the view) works.
 */
import { CMD } from '../ids';
import { l10n } from '../shared/l10n';

/** What would run something: refused while the workspace is not trusted. */
export const RUNS_SOMETHING: ReadonlySet<string> = new Set([
  CMD.runSelection,
  CMD.runAgain,
  CMD.askPage,
  CMD.chooseJob,
  CMD.scrapeUrl,
  CMD.scrapeNow,
  CMD.runInSession,
  CMD.startLocalEngine,
  CMD.setupPython,
  CMD.historyRerun,
  CMD.historyRerunInCurrentJob,
  CMD.historyRescrape,
  CMD.runCell,
  CMD.runCellAndBelow,
  CMD.runAbove,
  CMD.runCellAndAdvance,
  CMD.runBlock,
  CMD.screenshot,
  CMD.notebookChooseJob,
]);

export function restrictedMessage(): string {
  return l10n.t('This workspace is in Restricted Mode, so Firecrawl Interact runs nothing here: no code, prompts, cells, notebook runs, scrapes or local engine. Run history and notebooks can still be viewed. Trust the workspace to run.');
}

export function manageTrustLabel(): string {
  return l10n.t('Manage Workspace Trust');
}

export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
