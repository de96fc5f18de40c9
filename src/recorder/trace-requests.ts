/**
 * The helper's trace requests (protocol.ts TraceRequest): the trace viewer's server, and the
 * recordings made through sessions' cdpUrls. While a viewer is open or a recording runs, the
 * helper stays up (`busy`).
 */
import { messageOf } from './errors';
import type { HelperAnswer, HelperRequest, HelperRoute, TraceRequest } from './protocol';
import { TraceRecording } from './trace-recording';
import { TraceViewer } from './trace-viewer';

const viewer = new TraceViewer();
const recordings = new Map<string, Promise<TraceRecording>>();

const TYPES = new Set<string>(['view-trace', 'viewer-closed', 'record-trace', 'stop-trace'] satisfies TraceRequest['type'][]);

export function isTraceRequest(req: HelperRequest): req is TraceRequest {
  return TYPES.has(req.type);
}

/** A viewer is open or a recording runs: the helper must not stop itself. */
export function traceBusy(): boolean {
  return viewer.running || recordings.size > 0;
}

/** `route`: VS Code's proxy to the request's cdpUrl, when it goes through one. */
export async function handleTraceRequest(req: TraceRequest, route?: HelperRoute): Promise<HelperAnswer> {
  const cdpUrl = 'cdpUrl' in req ? req.cdpUrl : undefined;
  try {
    switch (req.type) {
      case 'view-trace':
        return { id: req.id, ok: true, url: await viewer.open(req.path, req.run) };
      case 'viewer-closed':
        await viewer.stop();
        return { id: req.id, ok: true };
      case 'record-trace': {
        const known = await recordings.get(req.cdpUrl)?.catch(() => undefined);
        if (known?.connected) return { id: req.id, ok: true, path: TraceRecording.viewerPath(known.dir) };
        const started = TraceRecording.start(req.cdpUrl, req.dir, () => recordings.delete(req.cdpUrl), route);
        recordings.set(req.cdpUrl, started);
        started.catch(() => recordings.delete(req.cdpUrl));
        return { id: req.id, ok: true, path: TraceRecording.viewerPath((await started).dir) };
      }
      case 'stop-trace': {
        const found = recordings.get(req.cdpUrl);
        recordings.delete(req.cdpUrl);
        const recording = await found?.catch(() => undefined);
        await recording?.stop();
        return { id: req.id, ok: true, ...(recording ? { path: TraceRecording.viewerPath(recording.dir) } : {}) };
      }
    }
  } catch (err) {
    return { id: req.id, ok: false, error: messageOf(err, cdpUrl) };
  }
}

/** The helper ends: recordings stop (their folders keep what was recorded), the viewer's server closes. */
export async function stopTraces(): Promise<void> {
  const all = [...recordings.values()];
  recordings.clear();
  await Promise.all(all.map(async (r) => (await r.catch(() => undefined))?.stop()));
  await viewer.stop();
}
