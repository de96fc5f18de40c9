/** Open live view, Copy CDP URL and Run here: all read the session's own state, on its own server. */
import type { CommandArgs } from '../extension-api';
import type { Services } from '../wiring/services';
import { sessionFor } from '../ui/pick-session';
import { runSelection } from './run-selection';
import { l10n } from '../shared/l10n';

const noSession = (): string => l10n.t('There is no browser session in this window yet: run code or a prompt in a job first (Firecrawl: Run in scrape session); the session brings its live view and CDP URL.');

export async function openLiveView(svc: Services, args?: CommandArgs['openLiveView']): Promise<void> {
  const session = await sessionFor(svc, l10n.t('Firecrawl: Open live view'), args, (s) => Boolean(s.liveViewUrl));
  if (!session) {
    if (args?.jobId) svc.liveView.open(args.jobId.trim(), args.apiUrl, args.interactive);
    else svc.notifier.info(noSession());
    return;
  }
  if (!session.liveViewUrl) {
    svc.notifier.info(l10n.t('The server gave no live view URL for the session of job {0}.', session.jobId.slice(0, 8)));
    return;
  }
  svc.liveView.open(session.jobId, session.server.apiUrl, args?.interactive);
}

export async function copyCdpUrl(svc: Services, args?: CommandArgs['copyCdpUrl']): Promise<void> {
  const session = await sessionFor(svc, l10n.t('Firecrawl: Copy CDP URL'), args, (s) => Boolean(s.cdpUrl));
  if (!session?.cdpUrl) {
    svc.notifier.info(session ? l10n.t('The server gave no CDP URL for the session of job {0}.', session.jobId.slice(0, 8)) : noSession());
    return;
  }
  await svc.vscode.env.clipboard.writeText(session.cdpUrl);
  // The URL itself is a capability: it is never logged or shown.
  svc.log.for('cdp').info(`CDP URL of job ${session.jobId} (${session.server.label}) copied to the clipboard`);
  svc.notifier.info(l10n.t('CDP URL of job {0} copied. It gives full control of the browser (e.g. chromium.connectOverCDP(url) in Playwright): keep it private.', session.jobId.slice(0, 8)));
}

/** "Run here": the active editor's selection (or file) in this session's job, on its server. */
export async function runInSession(svc: Services, args?: { jobId?: string; apiUrl?: string }): Promise<void> {
  const session = await sessionFor(svc, l10n.t('Firecrawl: Run in this session'), args, () => true);
  if (!session) {
    svc.notifier.info(noSession());
    return;
  }
  await runSelection(svc, { jobId: session.jobId, apiUrl: session.server.apiUrl });
}
