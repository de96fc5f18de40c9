/** Which session a command is about: the given job, the only one, the current job's, or asked. */
import type * as vscode from 'vscode';
import { estimate, formatElapsed } from '../sessions/cost-meter';
import type { SessionState } from '../sessions/session-store';
import type { Services } from './services';

export function describeSession(svc: Services, s: SessionState): { label: string; description: string; detail: string } {
  const job = svc.jobs.get(s.jobId);
  const e = estimate(s, Date.now(), svc.settings.read().rates);
  return {
    label: job?.title?.trim() || job?.url || `Job ${s.jobId}`,
    description: `${formatElapsed(e.elapsedMs)} · ~${e.credits} credits`,
    detail: `${job?.url ? `${job.url} · ` : ''}${s.jobId}`,
  };
}

export async function pickSession(svc: Services, title: string, filter: (s: SessionState) => boolean = () => true): Promise<SessionState | undefined> {
  const sessions = svc.sessions.list().filter(filter);
  if (sessions.length <= 1) return sessions[0];
  const current = svc.jobs.current();
  const preferred = sessions.find((s) => s.jobId === current);
  const items: (vscode.QuickPickItem & { state: SessionState })[] = sessions.map((s) => ({ ...describeSession(svc, s), state: s, picked: s === preferred }));
  const picked = await svc.vscode.window.showQuickPick(items, { title, placeHolder: 'Choose the session', matchOnDetail: true });
  return picked?.state;
}
