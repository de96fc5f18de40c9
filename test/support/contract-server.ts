/**
 * A scripted HTTP server for CONTRACT and FAULT tests only: it produces what the real local
 * engine cannot (cloud-only statuses 401/402/403/502/503, malformed or non-JSON bodies, a
 * connection dropped mid-body, slow answers). Every request is recorded (method, path,
 * headers, body) so tests can check what the client sent.
 *
 * Routes are keyed "METHOD /path", where a path segment ":name" matches any one segment and
 * the query string is ignored. A route is one reply, or a list of replies used in turn (the
 * last one repeats).
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

export interface ScriptedReply {
  status?: number;
  /** Sent as JSON (content-type application/json). */
  json?: unknown;
  /** Sent as is (for non-JSON or malformed bodies); `json` wins when both are given. */
  body?: string;
  headers?: Record<string, string>;
  /** Waits this long before answering (slow server). */
  delayMs?: number;
  /**
   * 'beforeHeaders': destroy the socket without answering.
   * 'midBody': send the headers (with the full Content-Length) and half of the body, then
   * destroy the socket.
   */
  drop?: 'beforeHeaders' | 'midBody';
}

export type Route = ScriptedReply | ScriptedReply[];

export interface ContractServer {
  url: string;
  requests: RecordedRequest[];
  /** Replaces (or adds) one route while the server runs. */
  setRoute(key: string, route: Route): void;
  close(): Promise<void>;
}

export async function startContractServer(routes: Record<string, Route> = {}): Promise<ContractServer> {
  const table = new Map<string, { route: Route; calls: number }>();
  const setRoute = (key: string, route: Route) => table.set(normalizeKey(key), { route, calls: 0 });
  for (const [key, route] of Object.entries(routes)) setRoute(key, route);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      try {
        recorded.json = body ? JSON.parse(body) : undefined;
      } catch {
        // Not JSON: tests read `body`.
      }
      requests.push(recorded);
      void answer(recorded, res);
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function answer(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const entry = match(table, req);
    let reply: ScriptedReply;
    if (!entry) {
      reply = { status: 599, json: { success: false, error: `contract server: no route for ${req.method} ${req.path}` } };
    } else {
      const i = entry.calls++;
      reply = Array.isArray(entry.route) ? entry.route[Math.min(i, entry.route.length - 1)] : entry.route;
    }
    if (reply.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, reply.delayMs);
        timers.add(t);
      });
    }
    if (res.destroyed || res.socket?.destroyed) return;
    if (reply.drop === 'beforeHeaders') {
      res.socket?.destroy();
      return;
    }
    const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
    const bytes = Buffer.from(payload, 'utf8');
    const headers: Record<string, string> = {
      'content-type': reply.json !== undefined ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-length': String(bytes.length),
      ...reply.headers,
    };
    res.writeHead(reply.status ?? 200, headers);
    if (reply.drop === 'midBody') {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.end(bytes);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setRoute,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function normalizeKey(key: string): string {
  const [method, path] = key.trim().split(/\s+/, 2);
  return `${method.toUpperCase()} ${path ?? '/'}`;
}

function match(table: Map<string, { route: Route; calls: number }>, req: RecordedRequest): { route: Route; calls: number } | undefined {
  const path = req.path.split('?')[0];
  const segs = path.split('/');
  for (const [key, entry] of table) {
    const [method, pattern] = key.split(' ');
    if (method !== req.method) continue;
    const want = pattern.split('/');
    if (want.length !== segs.length) continue;
    if (want.every((w, i) => w.startsWith(':') || w === segs[i])) return entry;
  }
  return undefined;
}
