/** The engine's HTTP server: bearer auth, routing, JSON errors, WebSocket upgrades. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { bearerMatches } from './api-key';
import type { CdpProxy } from './cdp-proxy';
import { HttpError, readJsonObject, sendError, sendJson } from './http-util';
import type { InteractHandler } from './interact';
import type { LiveViewRoutes } from './live/types';
import type { Scraper } from './scrape';
import { parseScrapeRequest } from './scrape-request';

export interface Routes {
  apiKey: string;
  scraper: Scraper;
  interact: InteractHandler;
  cdp: CdpProxy;
  live: LiveViewRoutes;
  log: (msg: string) => void;
}

const INTERACT_PATH = /^\/v2\/scrape\/([^/]+)\/interact\/?$/;

export function createEngineServer(routes: Routes): Server {
  const server = createServer((req, res) => {
    handle(routes, req, res).catch((err: unknown) => {
      const httpErr = err instanceof HttpError ? err : new HttpError(500, `Internal engine error: ${(err as Error).message}`);
      if (httpErr.status >= 500 && !(err instanceof HttpError)) routes.log(`error: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) sendError(res, httpErr);
      else res.end();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    if (routes.cdp.handleUpgrade(req, socket, head)) return;
    if (routes.live.handleUpgrade(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  // Interact runs may last minutes (timeout up to 300 s, prompts longer): no request timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  return server;
}

async function handle(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Live-view pages and assets carry their own per-session token.
  if (routes.live.handleRequest(req, res)) return;
  const url = new URL(req.url ?? '/', 'http://engine');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (method === 'GET' && (path === '/' || path === '/health')) {
    sendJson(res, 200, { success: true, name: 'firecrawl-interact-engine' });
    return;
  }
  if (!path.startsWith('/v2/')) throw new HttpError(404, `Not found: ${method} ${path}`);
  const auth = req.headers.authorization;
  if (!auth) throw new HttpError(401, 'Unauthorized: Token missing');
  if (!bearerMatches(auth, routes.apiKey)) throw new HttpError(401, 'Unauthorized: Invalid token');
  // The public URLs a session hands out use the host the client reached us on.
  const origin = req.headers.host ?? `${req.socket.localAddress}:${req.socket.localPort}`;

  if (path === '/v2/scrape' && method === 'POST') {
    const options = parseScrapeRequest(await readJsonObject(req));
    const data = await routes.scraper.scrape(options);
    sendJson(res, 200, { success: true, data });
    return;
  }
  const m = INTERACT_PATH.exec(path);
  if (m) {
    // A malformed escape stays as is: no UUID either way, so checkJobIdParam answers 400 (not a 500).
    const jobId = decodeOrRaw(m[1]);
    if (method === 'POST') {
      const body = await readJsonObject(req);
      sendJson(res, 200, await routes.interact.interact(jobId, body, origin));
      return;
    }
    if (method === 'DELETE') {
      sendJson(res, 200, await routes.interact.stop(jobId));
      return;
    }
    throw new HttpError(405, `Method ${method} is not allowed on ${path}: use POST or DELETE.`);
  }
  if (path === '/v2/browser' && method === 'GET') {
    sendJson(res, 200, routes.interact.list(url.searchParams.get('status'), origin));
    return;
  }
  throw new HttpError(404, `Not found: ${method} ${path}`);
}

function decodeOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
