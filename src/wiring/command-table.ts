/**
 * The handlers of the contributed commands (but those of code runs: code-register.ts), by id.
 * Activation registers every id with a stub; src/features.ts runs these behind it.
 */
import type { CommandArgs } from '../extension-api';
import { CMD, WALKTHROUGH } from '../ids';
import { clearApiKey, setApiKey, setModelKey } from '../commands/api-key';
import { askPage } from '../commands/ask-page';
import { startLocalEngine, stopLocalEngine, switchBackend } from '../commands/backend';
import { chooseJob, scrapeAndUse } from '../commands/choose-job';
import { clearHistory, copyCode, openFullResult, openOutput, openRunLiveView, rerun, rerunInCurrentJob, rescrapeRun, runAgain } from '../commands/history';
import { removeJob } from '../commands/jobs';
import { copyCdpUrl, openLiveView, runInSession } from '../commands/live-view';
import { openTrace } from '../commands/open-trace';
import { pickLocator } from '../commands/pick-locator';
import { recordAtCursor } from '../commands/record-at-cursor';
import { recordTrace } from '../commands/record-trace';
import { changeLanguage, runSelection } from '../commands/run-selection';
import type { Services } from './services';
import { sessionMenu } from '../commands/session-menu';
import { setupPython } from '../commands/python-setup';
import { stopSession } from '../commands/stop-session';
import { l10n } from '../shared/l10n';

export type Handler = (arg: unknown) => unknown;

/** Commands take one optional object argument (see CommandArgs in extension-api.ts). */
export function objectArg<T>(value: unknown): T | undefined {
  return typeof value === 'object' && value !== null ? (value as T) : undefined;
}

// The return type is inferred: its keys let features.ts check that every command has a handler.
export function commandHandlers(svc: Services) {
  return {
    [CMD.runSelection]: (a) => runSelection(svc, objectArg(a)),
    [CMD.runAgain]: () => runAgain(svc),
    [CMD.askPage]: (a) => askPage(svc, objectArg(a)),
    [CMD.chooseJob]: (a) => chooseJob(svc, objectArg(a)),
    [CMD.scrapeUrl]: (a) => scrapeAndUse(svc, objectArg<CommandArgs['scrapeUrl']>(a) ?? {}),
    [CMD.removeJob]: (a) => removeJob(svc, objectArg(a)),
    [CMD.stopSession]: (a) => stopSession(svc, objectArg(a)),
    [CMD.sessionMenu]: (a) => sessionMenu(svc, objectArg(a)),
    [CMD.openLiveView]: (a) => openLiveView(svc, objectArg(a)),
    [CMD.copyCdpUrl]: (a) => copyCdpUrl(svc, objectArg(a)),
    [CMD.runInSession]: (a) => runInSession(svc, objectArg(a)),
    [CMD.setApiKey]: (a) => setApiKey(svc, objectArg(a)),
    [CMD.clearApiKey]: () => clearApiKey(svc),
    [CMD.switchBackend]: (a) => switchBackend(svc, objectArg(a)),
    [CMD.startLocalEngine]: () => startLocalEngine(svc),
    [CMD.stopLocalEngine]: () => stopLocalEngine(svc),
    [CMD.setModelKey]: (a) => setModelKey(svc, objectArg(a)),
    [CMD.setupPython]: () => setupPython(svc),
    [CMD.openFullResult]: (a) => openFullResult(svc, objectArg(a)),
    [CMD.cancelRun]: () => {
      if (svc.requests.cancel() === 0) svc.notifier.info(l10n.t('No Firecrawl request is running.'));
    },
    [CMD.showOutput]: () => svc.output.show(),
    [CMD.changeLanguage]: (a) => changeLanguage(svc, objectArg(a)),
    [CMD.historyRerun]: (a) => rerun(svc, a),
    [CMD.historyRerunInCurrentJob]: (a) => rerunInCurrentJob(svc, a),
    [CMD.historyOpenOutput]: (a) => openOutput(svc, a),
    [CMD.historyOpenFullResult]: (a) => openFullResult(svc, objectArg(a)),
    [CMD.historyCopyCode]: (a) => copyCode(svc, a),
    [CMD.historyOpenLiveView]: (a) => openRunLiveView(svc, a),
    [CMD.historyRescrape]: (a) => rescrapeRun(svc, a),
    [CMD.historyClear]: (a) => clearHistory(svc, a),
    [CMD.refreshSessions]: () => svc.refreshSessions(),
    [CMD.pickLocator]: (a) => pickLocator(svc, objectArg(a)),
    [CMD.recordAtCursor]: (a) => recordAtCursor(svc, objectArg(a)),
    [CMD.openTrace]: (a) => openTrace(svc, objectArg(a)),
    [CMD.recordTrace]: (a) => recordTrace(svc, objectArg(a)),
    [CMD.openWalkthrough]: () => svc.vscode.commands.executeCommand('workbench.action.openWalkthrough', `${svc.extensionId}#${WALKTHROUGH}`, false),
  } satisfies Record<string, Handler>;
}
