/**
 * The recorder helper (dist/recorder.js): a Node process the extension forks on the first pick
 * and talks to over IPC (protocol.ts); a pick's progress and a recording's steps come back as events. It holds one Playwright connection per session, made
 * over the session's cdpUrl, and exits when the extension says so, when its IPC channel
 * closes, or after IDLE_MS without a request (and no trace viewer or recording open), so
 * Playwright never loads into the extension host. Trace requests: trace-requests.ts.
 */
import { isCancelled, messageOf } from './errors';
import type { HelperAnswer, HelperMessage, HelperRoute } from './protocol';
import { SessionLink } from './session-link';
import { handleTraceRequest, isTraceRequest, stopTraces, traceBusy } from './trace-requests';

const IDLE_MS = Number(process.env.FIRECRAWL_RECORDER_IDLE_MS) || 10 * 60_000;

const links = new Map<string, Promise<SessionLink>>();
/** The `record` request of each session being recorded (its steps' events carry that id). */
const recordings = new Map<string, number>();
let idleTimer: NodeJS.Timeout | undefined;
let busy = 0;

function send(answer: HelperAnswer): void {
  process.send?.(answer);
}

function link(cdpUrl: string, route: HelperRoute | undefined): Promise<SessionLink> {
  let found = links.get(cdpUrl);
  if (!found) {
    found = SessionLink.connect(cdpUrl, () => {
      links.delete(cdpUrl);
      const request = recordings.get(cdpUrl);
      recordings.delete(cdpUrl);
      if (request !== undefined) process.send?.({ type: 'recordEnded', request, reason: 'the browser closed the connection' });
      armIdle();
    }, route);
    links.set(cdpUrl, found);
    found.catch(() => links.delete(cdpUrl));
  }
  return found;
}

async function handle(req: HelperMessage): Promise<HelperAnswer> {
  if (isTraceRequest(req)) return handleTraceRequest(req, req.route);
  if (req.type === 'close') {
    const found = links.get(req.cdpUrl);
    links.delete(req.cdpUrl);
    const recording = recordings.get(req.cdpUrl);
    recordings.delete(req.cdpUrl);
    if (recording !== undefined) process.send?.({ type: 'recordEnded', request: recording, reason: 'the session ended' });
    await (await found?.catch(() => undefined))?.close();
    return { id: req.id, ok: true };
  }
  if (req.type === 'cancel') {
    await (await links.get(req.cdpUrl)?.catch(() => undefined))?.cancelPick();
    return { id: req.id, ok: true };
  }
  let session: SessionLink;
  try {
    session = await link(req.cdpUrl, req.route);
  } catch (err) {
    return { id: req.id, ok: false, code: 'unreachable', error: messageOf(err, req.cdpUrl) };
  }
  try {
    switch (req.type) {
      case 'pick':
        return { id: req.id, ok: true, picked: await session.pick(() => process.send?.({ type: 'armed', request: req.id })) };
      case 'record':
        await session.record(req.language, (step) => process.send?.({ type: 'recorded', request: req.id, ...step }));
        recordings.set(req.cdpUrl, req.id);
        return { id: req.id, ok: true };
      case 'stopRecord':
        recordings.delete(req.cdpUrl);
        await session.stopRecording();
        return { id: req.id, ok: true };
      case 'assert':
        await session.assert(req.kind);
        return { id: req.id, ok: true };
      case 'pauseRecord':
        await session.pauseRecording(req.paused);
        return { id: req.id, ok: true };
    }
  } catch (err) {
    return { id: req.id, ok: false, error: messageOf(err, req.cdpUrl), code: isCancelled(err) ? 'cancelled' : session.connected ? undefined : 'unreachable' };
  }
}

function armIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  // A recording is never idle: a new helper's connection would revive the old in-page recorder.
  // An open trace viewer or trace recording keeps the helper up too.
  idleTimer = busy > 0 || recordings.size > 0 ? undefined : setTimeout(() => (traceBusy() ? armIdle() : void shutdown()), IDLE_MS);
}

async function shutdown(): Promise<void> {
  const all = [...links.values()];
  links.clear();
  await Promise.all([...all.map(async (l) => (await l.catch(() => undefined))?.close()), stopTraces()]);
  process.exit(0);
}

process.on('message', (msg: unknown) => {
  const req = msg as HelperMessage;
  if (typeof req?.id !== 'number' || !validRequest(req)) return;
  busy++;
  armIdle();
  void handle(req)
    .catch((err: unknown): HelperAnswer => ({ id: req.id, ok: false, error: messageOf(err, 'cdpUrl' in req ? req.cdpUrl : undefined) }))
    .then((answer) => {
      busy--;
      armIdle();
      send(answer);
    });
});
process.on('disconnect', () => void shutdown());

/** Requests come from the extension; their strings are checked before anything uses them. */
function validRequest(req: HelperMessage): boolean {
  const r = req as { type?: unknown; cdpUrl?: unknown; path?: unknown; dir?: unknown; run?: unknown };
  if (r.type === 'viewer-closed') return true;
  if (r.type === 'view-trace') return typeof r.path === 'string' && (r.run === undefined || Number.isInteger(r.run));
  if (typeof r.cdpUrl !== 'string') return false;
  return r.type !== 'record-trace' || typeof r.dir === 'string';
}
armIdle();
