/**
 * Stop session: DELETE /v2/scrape/{jobId}/interact, then the server's duration and billed
 * credits in the output channel and a notification. Several sessions: asks which, or all.
 * With no session known to this window, the current job is stopped (it may have one that
 * was started before a reload or by another client).
 */
import type * as vscode from 'vscode';
import type { CommandArgs } from '../extension-api';
import { ApiError } from '../api/errors';
import type { StopResponse } from '../shared/api-types';
import { credits, formatDuration, formatStopReport, stopError } from '../ui/run-report';
import { describeSession } from './pick-session';
import { reportError } from './report-error';
import { short } from './run-interact';
import type { Services } from './services';

export async function stopSession(svc: Services, args?: CommandArgs['stopSession']): Promise<void> {
  const targets = await chooseTargets(svc, args);
  if (!targets || targets.length === 0) return;
  const results = await Promise.all(targets.map((jobId) => stopOne(svc, jobId)));
  const stopped = results.filter((r): r is StopResponse => r !== undefined && r.success);
  svc.output.show();
  if (targets.length === 1) {
    const r = stopped[0];
    if (r) svc.notifier.info(`Session of job ${short(targets[0])} stopped${billText(r)}.`);
  } else if (stopped.length > 0) {
    const credits = stopped.reduce((sum, r) => sum + (r.creditsBilled ?? 0), 0);
    svc.notifier.info(`Stopped ${stopped.length} of ${targets.length} sessions; the server billed ${credits} credits in total.`);
  }
}

async function chooseTargets(svc: Services, args?: CommandArgs['stopSession']): Promise<string[] | undefined> {
  const sessions = svc.sessions.list();
  if (args?.all) return sessions.map((s) => s.jobId);
  if (args?.jobId) return [args.jobId.trim()];
  if (sessions.length === 1) return [sessions[0].jobId];
  if (sessions.length === 0) {
    const current = svc.jobs.current();
    if (current) return [current];
    svc.notifier.info('There is no browser session to stop: nothing has run in this window yet.');
    return undefined;
  }
  type Item = vscode.QuickPickItem & { jobIds: string[] };
  const items: Item[] = [
    ...sessions.map((s) => ({ ...describeSession(svc, s), jobIds: [s.jobId] })),
    { label: '', kind: svc.vscode.QuickPickItemKind.Separator, jobIds: [] },
    { label: `$(debug-stop) Stop all ${sessions.length} sessions`, jobIds: sessions.map((s) => s.jobId) },
  ];
  const picked = await svc.vscode.window.showQuickPick(items, { title: 'Firecrawl: Stop session', placeHolder: 'Which browser session should be stopped?', matchOnDetail: true });
  return picked?.jobIds;
}

async function stopOne(svc: Services, jobId: string): Promise<StopResponse | undefined> {
  const log = svc.log.for('stop');
  const controller = svc.requests.start();
  const end = svc.activity.begin('Stopping session…');
  try {
    const res = await svc.vscode.window.withProgress(
      { location: svc.vscode.ProgressLocation.Window, title: `Stopping the session of job ${short(jobId)}` },
      () => svc.client.stop(jobId, controller.signal),
    );
    log.info(`job ${jobId}: ${res.success ? 'stopped' : 'stop failed'}, ${String(res.sessionDurationMs ?? '-')} ms, ${String(res.creditsBilled ?? '-')} credits`);
    svc.output.appendLine(formatStopReport(jobId, res));
    if (res.success) svc.sessions.end(jobId);
    else svc.notifier.warn(`Stopping the session of job ${short(jobId)} failed: ${stopError(res)}. Try again in a moment.`);
    return res;
  } catch (err) {
    // 404: nothing to stop on the server (already ended); reportError forgets it here too.
    if (err instanceof ApiError && err.kind === 'http' && err.status === 404) {
      svc.sessions.end(jobId);
      svc.output.appendLine(`■ ${err.message}`);
      svc.notifier.info(err.message);
      return undefined;
    }
    reportError(svc, err, { what: 'stop', jobId, retry: () => stopSession(svc, { jobId }) });
    return undefined;
  } finally {
    end();
    svc.requests.finish(controller);
  }
}

function billText(r: StopResponse): string {
  const parts: string[] = [];
  if (typeof r.sessionDurationMs === 'number') parts.push(`after ${formatDuration(r.sessionDurationMs)}`);
  if (typeof r.creditsBilled === 'number') parts.push(`the server billed ${credits(r.creditsBilled)}`);
  return parts.length ? `: ${parts.join('; ')}` : '';
}
