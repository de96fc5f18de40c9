/** Which session a command is about: the given job, the only one, the current job's, or asked. */
import type * as vscode from 'vscode';
import { jobLabel, sessionDescription } from './labels';
import { l10n } from '../shared/l10n';
import type { SessionState } from '../sessions/session-store';
import type { Services } from '../wiring/services';

export function describeSession(svc: Services, s: SessionState): { label: string; description: string; detail: string } {
  const job = svc.jobs.get(s.jobId, s.server.apiUrl);
  return {
    label: job ? jobLabel(job) : l10n.t('Job {0}', s.jobId),
    description: sessionDescription(s, svc.settings.rates()),
    detail: `${job?.url ? `${job.url} · ` : ''}${s.jobId}`,
  };
}

export async function pickSession(svc: Services, title: string, filter: (s: SessionState) => boolean = () => true): Promise<SessionState | undefined> {
  const sessions = svc.sessions.list().filter(filter);
  if (sessions.length <= 1) return sessions[0];
  const backend = svc.backend.snapshot().apiUrl;
  const current = svc.jobs.current(backend)?.jobId;
  const items: (vscode.QuickPickItem & { state: SessionState })[] = sessions.map((s) => ({ ...describeSession(svc, s), state: s, picked: s.jobId === current && s.server.apiUrl === backend }));
  const picked = await svc.vscode.window.showQuickPick(items, { title, placeHolder: l10n.t('Choose the session'), matchOnDetail: true });
  return picked?.state;
}

/**
 * The session a command names (`jobId`, optionally with `apiUrl`), else the current job's on
 * the current backend, else one chosen among those that `has` what the command needs.
 */
export async function sessionFor(svc: Services, title: string, args: { jobId?: string; apiUrl?: string } | undefined, has: (s: SessionState) => boolean): Promise<SessionState | undefined> {
  if (args?.jobId) return svc.sessions.get(args.jobId.trim(), args.apiUrl);
  const backend = svc.backend.snapshot().apiUrl;
  const current = svc.jobs.current(backend)?.jobId;
  const currentSession = current ? svc.sessions.get(current, backend) : undefined;
  if (currentSession && has(currentSession)) return currentSession;
  return pickSession(svc, title, has);
}
