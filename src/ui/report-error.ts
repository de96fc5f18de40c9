/**
 * Shows a failed request that is not a run (scrape, stop, list): the ApiError's message (which
 * already says what to do) with buttons for the suggested actions, a line in the output, and a
 * log entry. Runs are shown by the run presenter instead.
 */
import { ApiError } from '../api/errors';
import { TypeStripError } from '../run/language';
import { errorLinks } from './error-actions';
import { l10n } from '../shared/l10n';
import type { NoticeLink } from './notifier';
import type { Services } from '../wiring/services';

export interface ErrorContext {
  /** The job and server the request was about. */
  jobId?: string;
  apiUrl?: string;
  /** The URL a scrape asked for. */
  url?: string;
  /** What Retry runs (absent: no Retry button). */
  retry?: { command: string; arg?: unknown };
  /** For the log, e.g. "stop", "scrape". */
  what: string;
}

export function reportError(svc: Services, err: unknown, ctx: ErrorContext): void {
  const log = svc.log.for(ctx.what);
  if (err instanceof ApiError) {
    log.warn(`${err.kind}${err.status ? ` ${err.status}` : ''}: ${err.message}`);
    if (err.kind === 'cancelled') {
      svc.output.appendLine(`■ ${err.message}`);
      svc.notifier.info(err.message);
      return;
    }
    svc.output.appendLine(`✗ ${err.message}`);
    const links = errorLinks(err.actions, { extensionId: svc.extensionId, jobId: ctx.jobId, apiUrl: ctx.apiUrl, url: ctx.url, retry: ctx.retry, engineRunning: svc.engine.snapshot().running });
    svc.notifier.error(err.message, ...links.map((l) => buttonFor(svc, l)));
    return;
  }
  if (err instanceof TypeStripError) {
    log.warn(err.message);
    svc.notifier.error(err.message);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  log.error(`unexpected: ${err instanceof Error && err.stack ? err.stack : message}`);
  svc.notifier.error(l10n.t('Firecrawl Interact hit an unexpected error: {0}. Details are in "Firecrawl Interact (log)".', svc.log.mask(message)));
}

function buttonFor(svc: Services, link: NoticeLink): { label: string; run(): unknown } {
  return { label: link.label, run: () => (link.arg === undefined ? svc.vscode.commands.executeCommand(link.command) : svc.vscode.commands.executeCommand(link.command, link.arg)) };
}
