import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { VIEWER_SCRIPT_PATH, viewerPage } from './page';
import type { ClientMessage } from './protocol';
import { SessionStream, type Viewer } from './session-stream';
import { accessFor, type LiveAccess } from './tokens';
import type { LiveSessionHandle, LiveViewRoutes } from './types';

export { liveUrls } from './tokens';

const PAGE_PATH = /^\/live\/([A-Za-z0-9_-]{1,128})$/;
const SOCKET_PATH = /^\/live\/([A-Za-z0-9_-]{1,128})\/ws$/;
/** A viewer further behind than this skips frames rather than queueing them. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const MAX_INPUT_MESSAGE_BYTES = 64 * 1024;
/** Remembered ended sessions, so their links say "ended" rather than "unknown". */
const MAX_ENDED_REMEMBERED = 1_000;

export interface LiveViewOptions {
  log?: (msg: string) => void;
  /** Where the bundled viewer script is; defaults to dist/live-viewer.js. */
  viewerScriptPath?: string;
}

type Access = { ok: true; handle: LiveSessionHandle; interactive: boolean } | { ok: false; status: number; message: string };

/**
 * The engine's live view: GET /live/:id?token=… (page), GET /live-assets/viewer.js (script),
 * WebSocket /live/:id/ws?token=… (frames out, input in when interactive). Tokens never reach logs.
 */
export function createLiveView(lookup: (sessionId: string) => LiveSessionHandle | undefined, opts: LiveViewOptions = {}): LiveViewRoutes {
  const log = opts.log ?? (() => undefined);
  const streams = new Map<string, SessionStream>();
  const ended = new Set<string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INPUT_MESSAGE_BYTES });
  let script: Buffer | undefined;

  function authorize(sessionId: string, params: URLSearchParams): Access {
    const handle = lookup(sessionId);
    if (!handle) {
      return ended.has(sessionId)
        ? { ok: false, status: 410, message: 'This browser session has ended; its live view is gone.' }
        : { ok: false, status: 404, message: 'No browser session with this id.' };
    }
    const access: LiveAccess | undefined = accessFor(params.get('token'), handle.liveToken);
    if (!access) {
      return { ok: false, status: 401, message: 'Missing or wrong live-view token. Open the liveViewUrl or interactiveLiveViewUrl that the interact answer gave.' };
    }
    const wantsInteractive = params.get('interactive') === '1';
    if (wantsInteractive && access !== 'interactive') {
      return { ok: false, status: 403, message: 'This live-view link is read-only; use the interactive link to control the browser.' };
    }
    return { ok: true, handle, interactive: wantsInteractive };
  }

  function streamFor(handle: LiveSessionHandle): SessionStream {
    let stream = streams.get(handle.id);
    if (!stream) {
      stream = new SessionStream(handle.context, log);
      streams.set(handle.id, stream);
    }
    return stream;
  }

  function attach(ws: WebSocket, handle: LiveSessionHandle, interactive: boolean): void {
    const stream = streamFor(handle);
    const viewer: Viewer = {
      interactive,
      sendFrame(frame) {
        if (ws.readyState === ws.OPEN && ws.bufferedAmount < MAX_BUFFERED_BYTES) ws.send(frame, { binary: true });
      },
      sendMessage(msg) {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
      },
      close(reason) {
        ws.close(4000, reason);
      },
    };
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg: ClientMessage;
      try {
        msg = JSON.parse(data.toString()) as ClientMessage;
      } catch {
        return;
      }
      stream.input(viewer, msg);
    });
    ws.on('close', () => {
      stream.remove(viewer);
      log(`live: viewer left session ${handle.id} (${stream.viewerCount} left)`);
    });
    ws.on('error', () => ws.terminate());
    log(`live: ${interactive ? 'interactive' : 'read-only'} viewer joined session ${handle.id}`);
    stream.add(viewer);
  }

  function serveScript(res: ServerResponse): void {
    script ??= loadViewerScript(opts.viewerScriptPath);
    if (!script) {
      sendText(res, 500, 'The live-view script is not built; run `npm run build`.');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(script);
  }

  return {
    handleRequest(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const isScript = url.pathname === VIEWER_SCRIPT_PATH;
      const page = PAGE_PATH.exec(url.pathname);
      if (!isScript && !page && !url.pathname.startsWith('/live/')) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('allow', 'GET, HEAD');
        sendText(res, 405, 'Method not allowed.');
      } else if (isScript) {
        serveScript(res);
      } else if (!page) {
        sendText(res, 404, 'Not found.');
      } else {
        const access = authorize(page[1], url.searchParams);
        if (!access.ok) {
          sendText(res, access.status, access.message);
        } else {
          const { headers, body } = viewerPage(req.headers.host, access.interactive);
          res.writeHead(200, headers);
          res.end(req.method === 'HEAD' ? undefined : body);
        }
      }
      return true;
    },

    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith('/live/')) return false;
      const match = SOCKET_PATH.exec(url.pathname);
      const access: Access = match ? authorize(match[1], url.searchParams) : { ok: false, status: 404, message: 'Not found.' };
      if (!access.ok) {
        rejectUpgrade(socket, access.status, access.message);
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => attach(ws, access.handle, access.interactive));
      return true;
    },

    closeSession(sessionId) {
      ended.add(sessionId);
      if (ended.size > MAX_ENDED_REMEMBERED) ended.delete(ended.values().next().value as string);
      const stream = streams.get(sessionId);
      streams.delete(sessionId);
      stream?.end('The browser session has ended.');
    },
  };
}

function loadViewerScript(explicit: string | undefined): Buffer | undefined {
  // Bundled: dist/engine.js next to dist/live-viewer.js. From source (tests via tsx): src/engine/live.
  const candidates = explicit ? [explicit] : [join(__dirname, 'live-viewer.js'), join(__dirname, '..', '..', '..', 'dist', 'live-viewer.js')];
  const found = candidates.find((p) => existsSync(p));
  return found ? readFileSync(found) : undefined;
}

function sendText(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${message}\n`);
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone' };

function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
