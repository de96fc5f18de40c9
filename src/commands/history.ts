/**
 * Run again, and the actions on entries of the run history (the Runs view): run again in its
 * own job, run in the current job, open its report or full result, copy its code, clear.
 * Entries come as `{ id }` (from links, keybindings, other extensions) or as the view's node.
 */
import type { HistoryEntry } from '../run/history';
import { inputText } from '../run/types';
import { scrapeAndUse } from './choose-job';
import { openLiveView } from './live-view';
import { serverFor, unreachable } from '../host/servers';
import type { Services } from '../wiring/services';
import { l10n } from '../shared/l10n';

function entryOf(svc: Services, arg: unknown): HistoryEntry | undefined {
  const id = typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string' ? (arg as { id: string }).id : undefined;
  const entry = id ? svc.history.get(id) : svc.history.list()[0];
  if (!entry) svc.notifier.info(id ? l10n.t('That run is no longer in the history.') : l10n.t('Nothing has run in this workspace yet: select code and run it (Firecrawl: Run in scrape session).'));
  return entry;
}

/** "Run again": the last run of this window (or, after a reload, of the history), in its job. */
export async function runAgain(svc: Services): Promise<void> {
  const last = svc.executor.lastRun();
  if (last) {
    await svc.executor.run(last.input, { jobId: last.jobId, server: last.server });
    return;
  }
  await rerun(svc, undefined);
}

export async function rerun(svc: Services, arg: unknown): Promise<void> {
  const entry = entryOf(svc, arg);
  if (!entry) return;
  const server = await serverFor(svc, entry.server.apiUrl);
  if (!server) {
    unreachable(svc, entry.server.apiUrl, `Job ${entry.jobId.slice(0, 8)} of that run`);
    return;
  }
  warnMasked(svc, entry);
  await svc.executor.run(entry.input, { jobId: entry.jobId, server });
}

export async function rerunInCurrentJob(svc: Services, arg: unknown): Promise<void> {
  const entry = entryOf(svc, arg);
  if (!entry) return;
  warnMasked(svc, entry);
  await svc.executor.run(entry.input);
}

export async function openOutput(svc: Services, arg: unknown): Promise<void> {
  const entry = entryOf(svc, arg);
  if (entry) await svc.results.openReport(entry.id);
}

export async function openFullResult(svc: Services, arg: unknown): Promise<void> {
  const id = typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string' ? (arg as { id: string }).id : svc.results.latest();
  if (id && (await svc.results.openResult(id))) return;
  svc.notifier.info(id ? l10n.t('The full result of that run is no longer kept (only the last few are); its report is in the Runs view, or run it again.') : l10n.t('There is no cut result to open: results that fit in the output are shown there in full.'));
}

/** The live view of the session the run went to (on that run's server). */
export async function openRunLiveView(svc: Services, arg: unknown): Promise<void> {
  const entry = entryOf(svc, arg);
  if (entry) await openLiveView(svc, { jobId: entry.jobId, apiUrl: entry.server.apiUrl });
}

/** A new scrape of the run's job URL, replacing the job (its session cannot be restarted). */
export async function rescrapeRun(svc: Services, arg: unknown): Promise<void> {
  const entry = entryOf(svc, arg);
  if (entry) await scrapeAndUse(svc, { replacing: entry.jobId, apiUrl: entry.server.apiUrl });
}

export async function copyCode(svc: Services, arg: unknown): Promise<void> {
  const entry = entryOf(svc, arg);
  if (!entry) return;
  await svc.vscode.env.clipboard.writeText(inputText(entry.input));
  svc.vscode.window.setStatusBarMessage(entry.input.kind === 'code' ? l10n.t('Firecrawl: code copied') : l10n.t('Firecrawl: prompt copied'), 3000);
}

/** Asks first, unless called with `{ confirmed: true }`. */
export async function clearHistory(svc: Services, arg: unknown): Promise<void> {
  const n = svc.history.list().length;
  if (n === 0) return;
  const yes = l10n.t('Clear');
  const confirmed = (arg as { confirmed?: unknown } | undefined)?.confirmed === true;
  if (confirmed || (await svc.vscode.window.showWarningMessage(l10n.t("Clear the {0} runs of this workspace's history?", n), { modal: true }, yes)) === yes) await svc.history.clear();
}

function warnMasked(svc: Services, entry: HistoryEntry): void {
  if (entry.masked) svc.notifier.warn(l10n.t('Secrets in this run were masked when it was saved (shown as ***); the run is sent as saved. Edit the code in its file and run that instead if it needs them.'));
}
