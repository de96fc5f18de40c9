/** The engine's HTTP server: bearer auth, routing, every body read and parsed by its route's schema, JSON errors, WebSocket upgrades. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { bearerMatches } from './auth';
import type { CdpProxy } from '../cdp/proxy';
import { FileAnswer, sendError, sendFile, sendJson, ServerTiming } from './answers';
import { HttpError, resourceShortage } from './errors';
import type { LiveViewRoutes } from '../live/types';
import { parseBody } from '../schemas/validate';
import { readJsonObject } from './body';
import { matchRoute, type Route } from './router';

export interface ServerDeps {
  apiKey: string;
  routes: Route[];
  cdp: CdpProxy;
  live: LiveViewRoutes;
  log: (msg: string) => void;
  /** The engine's public base URL, known once it listens (see publicOrigin). */
  origin: () => string;
  /** --max-connections: open connections of all clients together (HTTP and WebSocket). */
  maxConnections: number;
  /** --max-client-connections: open connections from one address. */
  maxClientConnections: number;
  /** --headers-timeout: a client has this long to send a request's headers, so idle sockets cannot hold descriptors. */
  headersTimeoutMs: number;
  /** --request-timeout: ... and this long for the whole request, its body included. */
  requestTimeoutMs: number;
}

export function createEngineServer(deps: ServerDeps): Server {
  // Timeouts are checked every few seconds (Node's default is 30 s).
  const server = createServer({ connectionsCheckingInterval: 2_000 }, (req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      const httpErr = err instanceof HttpError ? err : (resourceShortage(err) ?? new HttpError(500, `Internal engine error: ${firstLine(err)}`));
      // One line per failure: a stack trace per request would let any client flood the log.
      if (httpErr.status >= 500 && !(err instanceof HttpError)) deps.log(`error: ${firstLine(err)}`);
      if (!res.headersSent) sendError(res, httpErr);
      else res.end();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    if (deps.cdp.handleUpgrade(req, socket, head)) return;
    if (deps.live.handleUpgrade(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  limitConnections(server, deps);
  // requestTimeout bounds receiving a request (headers and body), not answering it: a client
  // that declares a body and never sends it is cut off, while interact runs may still take
  // minutes to answer.
  server.requestTimeout = deps.requestTimeoutMs;
  server.headersTimeout = deps.headersTimeoutMs;
  server.keepAliveTimeout = 65_000;
  return server;
}

const firstLine = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0].slice(0, 300);

/**
 * Bounds the descriptors that clients can hold: past --max-connections the server drops new
 * connections; past --max-client-connections one address gets a 503 and its new connection closed.
 */
function limitConnections(server: Server, deps: ServerDeps): void {
  server.maxConnections = deps.maxConnections;
  const open = new Map<string, number>();
  // Before the HTTP parser sees the socket: a refused connection's request is never handled.
  server.prependListener('connection', (socket: Socket) => {
    const who = socket.remoteAddress ?? '';
    const count = (open.get(who) ?? 0) + 1;
    if (count > deps.maxClientConnections) {
      socket.on('error', () => undefined);
      // Usually sent at once (a fresh socket's buffer is empty); a client that already sent its request may see a reset instead.
      socket.write(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nToo many open connections from this address (${deps.maxClientConnections}, --max-client-connections): close some and try again.\n`);
      socket.destroy();
      return;
    }
    open.set(who, count);
    socket.once('close', () => {
      const left = (open.get(who) ?? 1) - 1;
      if (left > 0) open.set(who, left);
      else open.delete(who);
    });
  });
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const timing = new ServerTiming();
  // Live-view pages and assets carry their own per-session token.
  if (deps.live.handleRequest(req, res)) return;
  const url = new URL(req.url ?? '/', 'http://engine');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const found = matchRoute(deps.routes, method, path);
  const open = found && 'route' in found && found.route.open;
  if (!open) {
    if (!path.startsWith('/v2/')) throw new HttpError(404, `Not found: ${method} ${path}`);
    const auth = req.headers.authorization;
    if (!auth) throw new HttpError(401, 'Unauthorized: Token missing');
    if (!bearerMatches(auth, deps.apiKey)) throw new HttpError(401, 'Unauthorized: Invalid token');
  }
  if (!found) throw new HttpError(404, `Not found: ${method} ${path}`);
  if (!('route' in found)) throw new HttpError(405, `Method ${method} is not allowed on ${path}: use ${found.allowed.join(' or ')}.`);
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  const { route, params } = found;
  // The body is read before the path's ids are checked, then parsed: a client learns of an unreadable body first.
  const json = route.body ? await readJsonObject(req) : undefined;
  const checked = params.map((raw, i) => route.params?.[i]?.(raw) ?? raw);
  const body = route.body ? parseBody(route.body, json) : undefined;
  const answer = await route.handle({ req, url, params: checked, origin: deps.origin(), body, clientGone: gone.signal, timing });
  if (answer instanceof FileAnswer) sendFile(res, answer, timing);
  else sendJson(res, 200, answer, timing);
}

/**
 * The base URL of the capability URLs a session hands out: --public-url, else the engine's own
 * host and port (an all-interfaces host becomes loopback). Never the request's Host header: a
 * client may send anything there.
 */
export function publicOrigin(publicUrl: string | undefined, host: string, port: number): string {
  if (publicUrl) return publicUrl;
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}
