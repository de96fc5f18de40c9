/**
 * Firecrawl: Open trace: a session's Playwright trace in Playwright's trace viewer inside VS Code,
 * opened at a run. The trace is the one the helper recorded through the session's cdpUrl (Record
 * a trace of this session) when there is one, else the local engine's own (downloaded with the
 * api client). The recorder helper serves the viewer; the trace panel frames it.
 */
import { ApiError } from '../api/errors';
import type { Server } from '../sessions/server';
import type { SessionState } from '../sessions/session-store';
import { CMD } from '../ids';
import { l10n } from '../shared/l10n';
import type { TracePanelSnapshot } from '../ui/trace-panel';
import { sessionFor } from '../ui/pick-session';
import { serverFor } from '../host/servers';
import type { Services } from '../wiring/services';

/** What a trace is opened for: a session, and the run to show (its number there). */
interface TraceTarget {
  jobId: string;
  apiUrl: string;
  /** The session as its server names it (the job id when it names none). */
  sessionId: string;
  run?: number;
  /** The session is still open in this window (a recording can still be made). */
  open?: SessionState;
}

export async function openTrace(svc: Services, args?: { id?: string; jobId?: string; apiUrl?: string }): Promise<TracePanelSnapshot | undefined> {
  const target = await targetOf(svc, args);
  if (!target) return undefined;
  const short = target.jobId.slice(0, 8);
  // The local engine's own trace has the runs' actions; a recording is the filmstrip, network and console.
  const recorded = svc.traceFiles.recorded(target.sessionId);
  const server = await serverFor(svc, target.apiUrl);
  const path = server?.kind === 'local' ? await download(svc, server, target, recorded) : recorded;
  if (!path) {
    if (server?.kind !== 'local') noTrace(svc, target, server);
    return undefined;
  }
  const answer = await svc.recorder.call({ type: 'view-trace', path, ...(target.run ? { run: target.run } : {}) });
  if (!answer.ok || !answer.url) {
    svc.notifier.error(l10n.t('The trace viewer could not start: {0}. Try again; the "Firecrawl Interact" log has the helper\'s output.', answer.ok ? l10n.t('it gave no address') : answer.error));
    return undefined;
  }
  const title = target.run ? l10n.t('Trace: job {0}, run {1}', short, target.run) : l10n.t('Trace: job {0}', short);
  const label = target.run ? l10n.t('Playwright trace of job {0}, run {1}', short, target.run) : l10n.t('Playwright trace of job {0}', short);
  svc.tracePanel.show(answer.url, title, label);
  return svc.tracePanel.snapshot();
}

async function targetOf(svc: Services, args?: { id?: string; jobId?: string; apiUrl?: string }): Promise<TraceTarget | undefined> {
  if (typeof args?.id === 'string') {
    const entry = svc.history.get(args.id);
    if (!entry) {
      svc.notifier.info(l10n.t('That run is no longer in the history.'));
      return undefined;
    }
    const open = svc.sessions.get(entry.jobId, entry.server.apiUrl);
    const same = open && (open.sessionId ?? open.jobId) === (entry.sessionId ?? entry.jobId);
    return { jobId: entry.jobId, apiUrl: entry.server.apiUrl, sessionId: entry.sessionId ?? entry.jobId, run: entry.sessionRun, open: same ? open : undefined };
  }
  const session = await sessionFor(svc, l10n.t('Firecrawl: Open trace'), args, () => true);
  if (session) {
    // Its newest run: as the history knows it (the engine's number), else as this window counted.
    const newest = session.sessionId ? svc.history.list().find((e) => e.sessionId === session.sessionId) : undefined;
    return { jobId: session.jobId, apiUrl: session.server.apiUrl, sessionId: session.sessionId ?? session.jobId, run: newest?.sessionRun ?? session.runs, open: session };
  }
  // No open session: the newest run's.
  const last = args?.jobId ? undefined : svc.history.list()[0];
  if (last) return { jobId: last.jobId, apiUrl: last.server.apiUrl, sessionId: last.sessionId ?? last.jobId, run: last.sessionRun };
  svc.notifier.info(l10n.t('There is no session to open a trace of: run code in a job first (Firecrawl: Run in scrape session), then open its trace.'));
  return undefined;
}

/** The engine's trace, saved; a recording of the session instead when the engine has none. */
async function download(svc: Services, server: Server, target: TraceTarget, recorded: string | undefined): Promise<string | undefined> {
  try {
    const { value: zip } = await svc.requests.send({
      label: l10n.t('Downloading the trace…'),
      title: l10n.t('Firecrawl: downloading the trace of job {0}…', target.jobId.slice(0, 8)),
      location: 'notification',
      server,
      send: (client, settings, signal) => client.trace(settings, target.sessionId, signal),
    });
    return svc.traceFiles.saveEngineTrace(target.sessionId, zip);
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'cancelled') return undefined;
    if (recorded && err instanceof ApiError && err.status === 404) return recorded;
    svc.notifier.error(l10n.t('The trace of job {0} could not be opened: {1}', target.jobId.slice(0, 8), (err as Error).message));
    return undefined;
  }
}

function noTrace(svc: Services, target: TraceTarget, server: Server | undefined): void {
  const where = server?.label ?? target.apiUrl;
  const why = l10n.t('{0} keeps no trace of its sessions (only the local engine records one).', where);
  const open = target.open;
  if (open?.cdpUrl) {
    svc.notifier.info(`${why} ${l10n.t("Record one through the session's CDP URL from now on: the filmstrip, the network and the console.")}`, {
      label: l10n.t('Record a trace'),
      run: () => svc.vscode.commands.executeCommand(CMD.recordTrace, { jobId: open.jobId, apiUrl: open.server.apiUrl }),
    });
    return;
  }
  svc.notifier.info(`${why} ${l10n.t('While a session is open, Firecrawl: Record a trace of this session records one through its CDP URL.')}`);
}
