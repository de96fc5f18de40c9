import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
export class LiveView implements LiveViewRoutes {
  private readonly log: (msg: string) => void;
  private readonly streams = new Map<string, SessionStream>();
  private readonly ended = new Set<string>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_INPUT_MESSAGE_BYTES });
  private script: Buffer | undefined;

  constructor(
    /** The active session with this id, if any. */
    private readonly lookup: (sessionId: string) => LiveSessionHandle | undefined,
    private readonly opts: LiveViewOptions = {},
  ) {
    this.log = opts.log ?? (() => undefined);
  }

  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isScript = url.pathname === VIEWER_SCRIPT_PATH;
    const page = PAGE_PATH.exec(url.pathname);
    if (!isScript && !page && !url.pathname.startsWith('/live/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed.');
    } else if (isScript) {
      this.serveScript(res);
    } else if (!page) {
      sendText(res, 404, 'Not found.');
    } else {
      const access = this.authorize(page[1], url.searchParams);
      if (!access.ok) {
        sendText(res, access.status, access.message);
      } else {
        const { headers, body } = viewerPage(req.headers.host, access.interactive);
        res.writeHead(200, headers);
        res.end(req.method === 'HEAD' ? undefined : body);
      }
    }
    return true;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/live/')) return false;
    const match = SOCKET_PATH.exec(url.pathname);
    const access: Access = match ? this.authorize(match[1], url.searchParams) : { ok: false, status: 404, message: 'Not found.' };
    if (!access.ok) {
      rejectUpgrade(socket, access.status, access.message);
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, access.handle, access.interactive));
    return true;
  }

  closeSession(sessionId: string): void {
    this.ended.add(sessionId);
    if (this.ended.size > MAX_ENDED_REMEMBERED) this.ended.delete(this.ended.values().next().value as string);
    const stream = this.streams.get(sessionId);
    this.streams.delete(sessionId);
    stream?.end('The browser session has ended.');
  }

  private authorize(sessionId: string, params: URLSearchParams): Access {
    const handle = this.lookup(sessionId);
    if (!handle) {
      return this.ended.has(sessionId)
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

  private streamFor(handle: LiveSessionHandle): SessionStream {
    let stream = this.streams.get(handle.id);
    if (!stream) {
      stream = new SessionStream(handle.context, this.log);
      this.streams.set(handle.id, stream);
    }
    return stream;
  }

  private attach(ws: WebSocket, handle: LiveSessionHandle, interactive: boolean): void {
    const stream = this.streamFor(handle);
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
      this.log(`live: viewer left session ${handle.id} (${stream.viewerCount} left)`);
    });
    ws.on('error', () => ws.terminate());
    this.log(`live: ${interactive ? 'interactive' : 'read-only'} viewer joined session ${handle.id}`);
    stream.add(viewer);
  }

  private serveScript(res: ServerResponse): void {
    this.script ??= loadViewerScript(this.opts.viewerScriptPath);
    if (!this.script) {
      sendText(res, 500, 'The live-view script is not built; run `npm run build`.');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(this.script);
  }
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
