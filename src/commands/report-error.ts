/**
 * Shows a failed request: the ApiError's message (which already says what to do) in a
 * notification whose buttons run the suggested actions, a line in the output channel, and
 * a log entry. Sessions the server says are gone are forgotten here.
 */
import { ApiError } from '../api/errors';
import { TypeStripError } from '../api/language';
import { buttonsFor, type ActionHandlers } from '../ui/error-actions';
import type { VSCode } from '../ui/vscode-types';
import { rescrape } from './choose-job';
import { CMD, type Services } from './services';

export interface ErrorContext {
  /** The job the request was about. */
  jobId?: string;
  /** What Retry does (absent: no Retry button). */
  retry?: () => unknown;
  /** For the log, e.g. "run", "stop", "scrape". */
  what: string;
}

export function reportError(svc: Services, err: unknown, ctx: ErrorContext): void {
  const log = svc.log.for(ctx.what);
  if (err instanceof ApiError) {
    log.warn(`${err.kind}${err.status ? ` ${err.status}` : ''}: ${err.message}`);
    // 404/410 on a job: the server has no session for it any more.
    if (ctx.jobId && err.kind === 'http' && (err.status === 404 || err.status === 410)) svc.sessions.end(ctx.jobId);
    if (err.kind === 'cancelled') {
      svc.output.appendLine(`■ ${err.message}`);
      svc.notifier.info(err.message);
      return;
    }
    svc.output.appendLine(`✗ ${err.message}`);
    svc.notifier.error(err.message, ...buttonsFor(err.actions, handlers(svc, ctx)));
    return;
  }
  if (err instanceof TypeStripError) {
    log.warn(err.message);
    svc.notifier.error(err.message);
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  log.error(`unexpected: ${err instanceof Error && err.stack ? err.stack : message}`);
  svc.notifier.error(`Firecrawl Interact hit an unexpected error: ${svc.log.mask(message)}. Details are in "Firecrawl Interact (log)".`);
}

function handlers(svc: Services, ctx: ErrorContext): ActionHandlers {
  const run = (command: string) => () => svc.vscode.commands.executeCommand(command);
  return {
    setApiKey: run(CMD.setApiKey),
    chooseJob: run(CMD.chooseJob),
    rescrape: ctx.jobId ? () => rescrape(svc, ctx.jobId as string) : undefined,
    stopSessions: run(CMD.stopSession),
    retry: ctx.retry,
    openSettings: () => openSettings(svc.vscode, svc.extensionId),
    // Offered only when it would change something: the engine may be the server that answered.
    startLocalEngine: svc.engine.snapshot().running ? undefined : run(CMD.startLocalEngine),
  };
}

/** The Settings editor filtered to this extension's settings. */
export function openSettings(vscode: VSCode, extensionId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`);
}
