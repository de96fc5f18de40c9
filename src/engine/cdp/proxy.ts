/**
 * The session's public cdpUrl: ws://<engine>/cdp/<sessionId>?token=<cdpToken>, relayed to that
 * session's own browser (browser-level DevTools endpoint) and to nothing else.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { sameSecret } from '../http/auth';
import { MESSAGES } from '../messages';
import type { Session } from '../sessions/session';

const PATH = /^\/cdp\/([0-9a-f-]{36})$/i;
const MAX_PAYLOAD = 256 * 1024 * 1024;

export class CdpProxy {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_PAYLOAD });
  private readonly open = new Map<string, Set<WebSocket>>();

  constructor(private readonly lookup: (sessionId: string) => Session | undefined) {}

  /** Handles /cdp/... upgrades; returns false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://engine');
    const m = PATH.exec(url.pathname);
    if (!m) return false;
    const session = this.lookup(m[1].toLowerCase());
    if (!session || session.status !== 'active') {
      refuse(socket, session ? 410 : 404, session ? MESSAGES.destroyed : MESSAGES.noSession);
      return true;
    }
    if (!sameSecret(url.searchParams.get('token') ?? '', session.cdpToken)) {
      refuse(socket, 401, 'Unauthorized: missing or wrong cdpUrl token.');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (client) => this.relay(session, client));
    return true;
  }

  /** Disconnects every client of a session (called when it is destroyed). */
  closeSession(sessionId: string): void {
    for (const ws of this.open.get(sessionId) ?? []) ws.terminate();
    this.open.delete(sessionId);
  }

  private relay(session: Session, client: WebSocket): void {
    const set = this.open.get(session.id) ?? new Set<WebSocket>();
    this.open.set(session.id, set);
    set.add(client);
    const upstream = new WebSocket(session.browser.process.wsEndpoint, { perMessageDeflate: false, maxPayload: MAX_PAYLOAD });
    const pending: { data: RawData; binary: boolean }[] = [];
    client.on('message', (data, binary) => {
      session.lastActivity = Date.now();
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
      else pending.push({ data, binary });
    });
    upstream.on('open', () => {
      for (const p of pending.splice(0)) upstream.send(p.data, { binary: p.binary });
    });
    upstream.on('message', (data, binary) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary });
    });
    const closeBoth = (): void => {
      set.delete(client);
      if (client.readyState !== WebSocket.CLOSED) client.close();
      if (upstream.readyState !== WebSocket.CLOSED) upstream.terminate();
    };
    client.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('close', closeBoth);
    upstream.on('error', closeBoth);
  }
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ success: false, error: message });
  const reason = { 401: 'Unauthorized', 404: 'Not Found', 410: 'Gone' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
