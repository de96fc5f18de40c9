/**
 * Stop session: DELETE /v2/scrape/{jobId}/interact on the session's own server, then the
 * server's duration and billed credits in the output. Interactive use (the status bar's stop
 * button, the view, the palette) asks first; callers naming the session (`{ jobId }`,
 * `{ all }`) do not. A session ends only when its server answered: a stop it confirmed, or a
 * 404 from that same server (it has no such session).
 */
import type * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import type { CommandArgs } from '../extension-api';
import { CMD } from '../ids';
import { formatElapsed } from '../ui/labels';
import { estimate } from '../sessions/cost-meter';
import type { SessionState } from '../sessions/session-store';
import type { StopResponse } from '../shared/api-types';
import { plainText } from '../ui/notifier';
import { credits, formatDuration, formatStopReport, stopError } from '../ui/run-report';
import { describeSession } from '../ui/pick-session';
import { reportError } from '../ui/report-error';
import { formatNumber, l10n } from '../shared/l10n';
import type { Services } from '../wiring/services';

export async function stopSession(svc: Services, args?: CommandArgs['stopSession'] | { type: 'session'; jobId: string; apiUrl: string }): Promise<void> {
  const fromView = args !== undefined && 'type' in args;
  const targets = fromView ? sessionsOf(svc, args.jobId, args.apiUrl) : await chooseTargets(svc, args);
  if (!targets || targets.length === 0) return;
  const ask = fromView || args === undefined || (args as CommandArgs['stopSession']).confirm === true;
  if (ask && !(await confirmStop(svc, targets))) return;
  await stopSessions(svc, targets);
}

/** Stops `targets` on their own servers; resolves with what the servers answered. */
export async function stopSessions(svc: Services, targets: SessionState[]): Promise<(StopResponse | undefined)[]> {
  const results = await Promise.all(targets.map((s) => stopOne(svc, s)));
  const stopped = results.filter((r): r is StopResponse => r !== undefined && r.success);
  svc.output.show();
  if (targets.length === 1) {
    const r = stopped[0];
    if (r) svc.notifier.info(billText(targets[0], r));
  } else if (stopped.length > 0) {
    const billed = stopped.reduce((sum, r) => sum + (r.creditsBilled ?? 0), 0);
    const allFree = targets.every((t) => t.server.free);
    svc.notifier.info(allFree ? l10n.t('Stopped {0} of {1} sessions; free (local engine).', stopped.length, targets.length) : l10n.t('Stopped {0} of {1} sessions; the server billed {2} credits in total.', stopped.length, targets.length, formatNumber(billed)));
  }
  return results;
}

function sessionsOf(svc: Services, jobId: string, apiUrl?: string): SessionState[] {
  const s = apiUrl ? svc.sessions.get(jobId, apiUrl) : undefined;
  return s ? [s] : svc.sessions.list().filter((x) => x.jobId === jobId.trim());
}

async function chooseTargets(svc: Services, args?: CommandArgs['stopSession']): Promise<SessionState[] | undefined> {
  const sessions = svc.sessions.list();
  if (args?.all) return sessions;
  if (args?.jobId) {
    const found = sessionsOf(svc, args.jobId, args.apiUrl);
    if (found.length > 0) return found;
    // Not started by this window (another client, or before a reload): ask the job's server.
    const server = await svc.backend.server();
    return [{ jobId: args.jobId.trim(), server, startedAt: Date.now(), lastActivity: Date.now(), promptUsed: false }];
  }
  if (sessions.length === 1) return sessions;
  if (sessions.length === 0) {
    svc.notifier.info(l10n.t('There is no browser session to stop: nothing has run in this window yet.'));
    return undefined;
  }
  type Item = vscode.QuickPickItem & { targets: SessionState[] };
  const items: Item[] = [
    ...sessions.map((s) => ({ ...describeSession(svc, s), targets: [s] })),
    { label: '', kind: svc.vscode.QuickPickItemKind.Separator, targets: [] },
    { label: `$(debug-stop) ${l10n.t('Stop all {0} sessions', sessions.length)}`, targets: sessions },
  ];
  const picked = await svc.vscode.window.showQuickPick(items, { title: l10n.t('Firecrawl: Stop session'), placeHolder: l10n.t('Which browser session should be stopped?'), matchOnDetail: true });
  return picked?.targets;
}

async function confirmStop(svc: Services, targets: SessionState[]): Promise<boolean> {
  const now = Date.now();
  const rates = svc.settings.rates();
  const lines = targets.map((s) => {
    const e = estimate(s, now, rates);
    const label = plainText(describeSession(svc, s).label);
    return s.server.free ? l10n.t('{0} on {1}: {2}, free', label, s.server.label, formatElapsed(e.elapsedMs)) : l10n.t('{0} on {1}: {2}, ~{3} credits so far', label, s.server.label, formatElapsed(e.elapsedMs), formatNumber(e.credits));
  });
  const yes = targets.length === 1 ? l10n.t('Stop session') : l10n.t('Stop {0} sessions', targets.length);
  const answer = await svc.vscode.window.showWarningMessage(
    targets.length === 1 ? l10n.t('Stop this browser session?') : l10n.t('Stop {0} browser sessions?', targets.length),
    { modal: true, detail: `${lines.join('\n')}\n\n${l10n.t('A stopped session cannot be restarted: the next run of its job needs a new scrape.')}` },
    yes,
  );
  return answer === yes;
}

async function stopOne(svc: Services, s: SessionState): Promise<StopResponse | undefined> {
  const log = svc.log.for('stop');
  try {
    const { value: res } = await svc.requests.send({
      label: l10n.t('Stopping session…'),
      title: l10n.t('Stopping the session of job {0} on {1}', s.jobId.slice(0, 8), s.server.label),
      location: 'window',
      server: s.server,
      send: (client, target, signal) => client.stop(target, s.jobId, signal),
    });
    log.info(`job ${s.jobId} on ${s.server.label}: ${res.success ? 'stopped' : 'stop failed'}, ${String(res.sessionDurationMs ?? '-')} ms, ${String(res.creditsBilled ?? '-')} credits`);
    svc.output.appendLine(`${formatStopReport(s.jobId, res, s.server.free)} · ${s.server.label}`);
    if (res.success) {
      svc.sessions.end(s.server.apiUrl, s.jobId, 'stopped');
      await svc.jobs.setState(s.server.apiUrl, s.jobId, 'stopped');
    } else svc.notifier.warn(l10n.t('Stopping the session of job {0} on {1} failed: {2}. Try again in a moment.', s.jobId.slice(0, 8), s.server.label, stopError(res)));
    return res;
  } catch (err) {
    // 404 from the session's own server: it has no session for the job (already ended).
    if (err instanceof ApiError && err.kind === 'http' && err.status === 404) {
      svc.sessions.end(s.server.apiUrl, s.jobId, 'not-found');
      svc.output.appendLine(`■ ${err.message} (${s.server.label})`);
      return undefined;
    }
    reportError(svc, err, { what: 'stop', jobId: s.jobId, apiUrl: s.server.apiUrl, retry: { command: CMD.stopSession, arg: { jobId: s.jobId, apiUrl: s.server.apiUrl } } });
    return undefined;
  }
}

function billText(s: SessionState, r: StopResponse): string {
  const parts: string[] = [];
  if (typeof r.sessionDurationMs === 'number') parts.push(l10n.t('after {0}', formatDuration(r.sessionDurationMs)));
  if (s.server.free) parts.push(l10n.t('free (local engine)'));
  else if (typeof r.creditsBilled === 'number') parts.push(l10n.t('the server billed {0}', credits(r.creditsBilled)));
  const job = s.jobId.slice(0, 8);
  return parts.length ? l10n.t('Session of job {0} stopped: {1}.', job, parts.join(l10n.t('; '))) : l10n.t('Session of job {0} stopped.', job);
}
