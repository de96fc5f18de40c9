/** Open live view and Copy CDP URL: both read the session's capability URLs from the store. */
import type { CommandArgs } from '../extension-api';
import type { SessionState } from '../sessions/session-store';
import { pickSession } from './pick-session';
import { short } from './run-interact';
import type { Services } from './services';

const NO_SESSION = 'There is no browser session in this window yet: run code or a prompt in a job first (Firecrawl: Run in scrape session); the session brings its live view and CDP URL.';

async function sessionFor(svc: Services, title: string, jobId: string | undefined, has: (s: SessionState) => boolean): Promise<SessionState | undefined> {
  if (jobId) return svc.sessions.get(jobId.trim());
  const current = svc.jobs.current();
  const currentSession = current ? svc.sessions.get(current) : undefined;
  if (currentSession && has(currentSession)) return currentSession;
  return pickSession(svc, title, has);
}

export async function openLiveView(svc: Services, args?: CommandArgs['openLiveView']): Promise<void> {
  const session = await sessionFor(svc, 'Firecrawl: Open live view', args?.jobId, (s) => Boolean(s.liveViewUrl));
  if (!session) {
    if (args?.jobId) svc.liveView.open(args.jobId.trim(), args.interactive === true);
    else svc.notifier.info(NO_SESSION);
    return;
  }
  if (!session.liveViewUrl) {
    svc.notifier.info(`The server gave no live view URL for the session of job ${short(session.jobId)}.`);
    return;
  }
  svc.liveView.open(session.jobId, args?.interactive === true);
}

export async function copyCdpUrl(svc: Services, args?: CommandArgs['copyCdpUrl']): Promise<void> {
  const session = await sessionFor(svc, 'Firecrawl: Copy CDP URL', args?.jobId, (s) => Boolean(s.cdpUrl));
  if (!session?.cdpUrl) {
    svc.notifier.info(session ? `The server gave no CDP URL for the session of job ${short(session.jobId)}.` : NO_SESSION);
    return;
  }
  await svc.vscode.env.clipboard.writeText(session.cdpUrl);
  // The URL itself is a capability: it is never logged or shown.
  svc.log.for('cdp').info(`CDP URL of job ${session.jobId} copied to the clipboard`);
  svc.notifier.info(`CDP URL of job ${short(session.jobId)} copied. It gives full control of the browser (e.g. chromium.connectOverCDP(url) in Playwright): keep it private.`);
}
