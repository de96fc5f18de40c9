/**
 * The recorder helper (dist/recorder.js): a Node process the extension forks on the first pick
 * and talks to over IPC (protocol.ts); a pick's progress comes back as events. It holds one Playwright connection per session, made
 * over the session's cdpUrl, and exits when the extension says so, when its IPC channel
 * closes, or after IDLE_MS without a request, so Playwright never loads into the extension host.
 */
import { isCancelled, messageOf } from './errors';
import type { HelperAnswer, HelperMessage, HelperRoute } from './protocol';
import { SessionLink } from './session-link';

const IDLE_MS = Number(process.env.FIRECRAWL_RECORDER_IDLE_MS) || 10 * 60_000;

const links = new Map<string, Promise<SessionLink>>();
let idleTimer: NodeJS.Timeout | undefined;
let busy = 0;

function send(answer: HelperAnswer): void {
  process.send?.(answer);
}

function link(cdpUrl: string, route: HelperRoute | undefined): Promise<SessionLink> {
  let found = links.get(cdpUrl);
  if (!found) {
    found = SessionLink.connect(cdpUrl, () => links.delete(cdpUrl), route);
    links.set(cdpUrl, found);
    found.catch(() => links.delete(cdpUrl));
  }
  return found;
}

async function handle(req: HelperMessage): Promise<HelperAnswer> {
  if (req.type === 'close') {
    const found = links.get(req.cdpUrl);
    links.delete(req.cdpUrl);
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
    return { id: req.id, ok: true, picked: await session.pick(() => process.send?.({ type: 'armed', request: req.id })) };
  } catch (err) {
    return { id: req.id, ok: false, error: messageOf(err, req.cdpUrl), code: isCancelled(err) ? 'cancelled' : session.connected ? undefined : 'unreachable' };
  }
}

function armIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = busy > 0 ? undefined : setTimeout(() => void shutdown(), IDLE_MS);
}

async function shutdown(): Promise<void> {
  const all = [...links.values()];
  links.clear();
  await Promise.all(all.map(async (l) => (await l.catch(() => undefined))?.close()));
  process.exit(0);
}

process.on('message', (msg: unknown) => {
  const req = msg as HelperMessage;
  if (typeof req?.id !== 'number' || typeof (req as { cdpUrl?: unknown }).cdpUrl !== 'string') return;
  busy++;
  armIdle();
  void handle(req)
    .catch((err: unknown): HelperAnswer => ({ id: req.id, ok: false, error: messageOf(err, req.cdpUrl) }))
    .then((answer) => {
      busy--;
      armIdle();
      send(answer);
    });
});
process.on('disconnect', () => void shutdown());
armIdle();
