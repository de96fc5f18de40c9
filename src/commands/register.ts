/**
 * Registers every contributed command. Each handler is wrapped so an unexpected throw
 * becomes a readable notification (and a log entry) instead of VS Code's generic error.
 */
import type * as vscode from 'vscode';
import type { CommandArgs } from '../extension-api';
import { clearApiKey, setApiKey } from './api-key';
import { askPage } from './ask-page';
import { chooseJob, scrapeAndUse } from './choose-job';
import { openFullResult } from './full-results';
import { copyCdpUrl, openLiveView } from './live-view';
import { startLocalEngine, stopLocalEngine } from './local-engine';
import { reportError } from './report-error';
import { runSelection } from './run-selection';
import { CMD, type Services } from './services';
import { stopSession } from './stop-session';

type Handler = (...args: unknown[]) => unknown;

/** Commands take one optional object argument (see CommandArgs in extension-api.ts). */
function objectArg<T>(value: unknown): T | undefined {
  return typeof value === 'object' && value !== null ? (value as T) : undefined;
}

export function registerCommands(svc: Services): vscode.Disposable[] {
  const handlers: Record<string, Handler> = {
    [CMD.runSelection]: (a) => runSelection(svc, objectArg(a)),
    [CMD.askPage]: (a) => askPage(svc, objectArg(a)),
    [CMD.chooseJob]: (a) => chooseJob(svc, objectArg(a)),
    [CMD.scrapeUrl]: (a) => scrapeAndUse(svc, objectArg<CommandArgs['scrapeUrl']>(a)?.url),
    [CMD.stopSession]: (a) => stopSession(svc, objectArg(a)),
    [CMD.openLiveView]: (a) => openLiveView(svc, objectArg(a)),
    [CMD.copyCdpUrl]: (a) => copyCdpUrl(svc, objectArg(a)),
    [CMD.setApiKey]: (a) => setApiKey(svc, objectArg(a)),
    [CMD.clearApiKey]: () => clearApiKey(svc),
    [CMD.startLocalEngine]: () => startLocalEngine(svc),
    [CMD.stopLocalEngine]: () => stopLocalEngine(svc),
    [CMD.openFullResult]: (a) => openFullResult(svc, typeof a === 'number' ? a : undefined),
    [CMD.cancelRun]: () => {
      if (svc.requests.cancelAll() === 0) svc.notifier.info('No Firecrawl request is running.');
    },
    [CMD.showOutput]: () => svc.output.show(),
  };
  return Object.entries(handlers).map(([id, handler]) =>
    svc.vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        reportError(svc, err, { what: id.replace('firecrawlInteract.', '') });
        return undefined;
      }
    }),
  );
}
