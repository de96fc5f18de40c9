/**
 * GET /v2/browser/{id}/trace (and /v2/interact/{id}/trace): the session's Playwright trace as a
 * zip for Playwright's trace viewer. During the session it is what was recorded up to now (it
 * waits for a run in progress to end); after it, what was kept.
 */
import { FileAnswer } from '../http/answers';
import { HttpError } from '../http/errors';
import { MESSAGES } from '../messages';
import type { SessionManager } from '../sessions/session-manager';

const FLUSH_TIMEOUT_MS = 30_000;

/** `sessionId` is checked (see api/params.ts). */
export async function sessionTrace(sessions: SessionManager, sessionId: string): Promise<FileAnswer> {
  const session = sessions.get(sessionId);
  if (!session) throw new HttpError(404, MESSAGES.noSession);
  const trace = session.trace;
  if (!trace || !sessions.traces) {
    throw new HttpError(404, 'This session has no trace: the engine records none unless it is started with --trace on (the extension starts it so unless firecrawlInteract.localEngine.trace is off).');
  }
  if (session.status === 'active') {
    await session.exclusive(() => session.flushTrace(FLUSH_TIMEOUT_MS));
  } else if (!sessions.traces.kept(trace)) {
    throw new HttpError(404, "This ended session's trace was removed: the engine keeps the traces of the most recent ended sessions only (--trace-keep, --trace-max-mb).");
  }
  const zip = await trace.zip();
  if (!zip) throw new HttpError(404, `Nothing was recorded for this session${trace.dropped.length ? `: ${trace.dropped.join('; ')}` : ''}.`);
  return new FileAnswer(zip, 'application/zip', `trace-${session.id}.zip`);
}
