/**
 * Firecrawl: Record a trace of this session: for servers that keep no trace (the cloud), the
 * recorder helper records one through the session's cdpUrl (the filmstrip, the network and the
 * console) into the extension's storage, written as it happens, until the session ends or the
 * command is run again on it. Open trace then opens it.
 */
import { CMD } from '../ids';
import { l10n } from '../shared/l10n';
import type { SessionState } from '../sessions/session-store';
import { sessionFor } from '../ui/pick-session';
import type { Services } from '../wiring/services';

/** Sessions being recorded, by cdpUrl (a capability: kept in memory only, never shown). */
const recording = new Map<string, SessionState>();

export async function recordTrace(svc: Services, args?: { jobId?: string; apiUrl?: string }): Promise<string | undefined> {
  const session = await sessionFor(svc, l10n.t('Firecrawl: Record a trace of this session'), args, (s) => s.cdpUrl !== undefined);
  if (!session) {
    svc.notifier.info(l10n.t('There is no open browser session to record: run code in a job first (Firecrawl: Run in scrape session), then record its trace.'));
    return undefined;
  }
  const short = session.jobId.slice(0, 8);
  const cdpUrl = session.cdpUrl;
  if (!cdpUrl) {
    svc.notifier.warn(l10n.t('The server gave no CDP URL for the session of job {0}, and a recording reaches the browser through it. Stop the session and run code in the job again to get a new one.', short));
    return undefined;
  }
  const openTrace = { label: l10n.t('Open trace'), run: () => svc.vscode.commands.executeCommand(CMD.openTrace, { jobId: session.jobId, apiUrl: session.server.apiUrl }) };
  if (recording.has(cdpUrl)) {
    recording.delete(cdpUrl);
    const stopped = await svc.recorder.call({ type: 'stop-trace', cdpUrl });
    svc.notifier.info(l10n.t('Stopped recording the session of job {0}; the trace is saved.', short), openTrace);
    return stopped.ok ? stopped.path : undefined;
  }
  const dir = svc.traceFiles.prepareRecording(session.sessionId ?? session.jobId);
  const answer = await svc.recorder.call({ type: 'record-trace', cdpUrl, dir });
  if (!answer.ok) {
    svc.notifier.warn(l10n.t('Recording a trace of job {0} could not start: {1}. If the session has ended, run code in the job to start a new one, then record again.', short, answer.error));
    return undefined;
  }
  recording.set(cdpUrl, session);
  svc.notifier.info(l10n.t('Recording a trace of the session of job {0} through its CDP URL: the filmstrip, the network and the console, saved as it goes, until the session ends (run this command again to stop).', short), openTrace);
  return answer.path;
}

/** The session ended: its recording stops (the helper's connection is gone with the browser anyway). */
export function sessionEnded(svc: Services, state: SessionState): void {
  if (!state.cdpUrl || !recording.delete(state.cdpUrl)) return;
  void svc.recorder.call({ type: 'stop-trace', cdpUrl: state.cdpUrl });
}
