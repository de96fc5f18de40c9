/**
 * Every HTTP endpoint of the engine in one table: method, path pattern (captures become
 * `params`, URL-decoded) and a handler whose return value is the 200 JSON answer.
 */
import type { IncomingMessage } from 'node:http';
import { readJsonObject, type ServerTiming } from './http-util';
import type { BrowserApi } from './browser-api';
import type { InteractHandler } from './interact';
import type { Scraper } from './scrape';
import type { SessionScraper } from './session-scrape';
import type { SessionManager } from './sessions';
import { sessionTrace } from './trace/trace-api';
import { parseBody } from './schemas/validate';
import { scrapeBody, type ScrapeOptions, type ScrapeRequest } from './schemas/scrape';

export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  params: string[];
  /** The engine's public base URL (--public-url, else its own host and port): cdpUrl and the live views use it, never the request's Host. */
  origin: string;
  body(): Promise<Record<string, unknown>>;
  /** Aborted when the client goes away before its answer is sent. */
  clientGone: AbortSignal;
  /** The answer's Server-Timing: handlers add what they measured. */
  timing: ServerTiming;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  /** Open without the API key (health checks only). */
  open?: boolean;
  handle(ctx: RouteContext): unknown;
}

export interface RouteDeps {
  scraper: Scraper;
  sessionScraper: SessionScraper;
  interact: InteractHandler;
  browsers: BrowserApi;
  sessions: SessionManager;
}

const INTERACT = /^\/v2\/scrape\/([^/]+)\/interact\/?$/;

// Sessions live under /v2/interact (the cloud's current name) and /v2/browser (its legacy one): one implementation.
const SESSIONS = /^\/v2\/(?:browser|interact)\/?$/;
const BROWSER = /^\/v2\/(?:browser|interact)\/([^/]+)\/?$/;
const EXECUTE = /^\/v2\/(?:browser|interact)\/([^/]+)\/execute\/?$/;
const TRACE = /^\/v2\/(?:browser|interact)\/([^/]+)\/trace\/?$/;
const PROFILE = /^\/v2\/(?:browser|interact)\/profiles\/([^/]+)\/?$/;

export function engineRoutes({ scraper, sessionScraper, interact, browsers, sessions }: RouteDeps): Route[] {
  // The schema makes sure a scrape without sessionId has its url.
  const scrape = (req: ScrapeRequest, gone: AbortSignal) => (req.sessionId ? sessionScraper.scrape(req.sessionId, req) : scraper.scrape(req as ScrapeOptions, gone));
  return [
    { method: 'GET', path: /^\/(health)?$/, open: true, handle: () => ({ success: true, name: 'firecrawl-interact-engine' }) },
    { method: 'POST', path: /^\/v2\/scrape\/?$/, handle: async (c) => ({ success: true, data: await scrape(parseBody(scrapeBody, await c.body()), c.clientGone) }) },
    { method: 'POST', path: INTERACT, handle: async (c) => interact.interact(c.params[0], await c.body(), c.origin, c.timing) },
    { method: 'DELETE', path: INTERACT, handle: (c) => interact.stop(c.params[0]) },
    { method: 'GET', path: SESSIONS, handle: (c) => interact.list(c.url.searchParams.get('status'), c.origin) },
    { method: 'POST', path: SESSIONS, handle: async (c) => browsers.create(await c.body(), c.origin) },
    { method: 'POST', path: EXECUTE, handle: async (c) => interact.execute(c.params[0], await c.body(), c.origin, c.timing) },
    { method: 'DELETE', path: BROWSER, handle: (c) => browsers.stop(c.params[0]) },
    { method: 'GET', path: TRACE, handle: (c) => sessionTrace(sessions, c.params[0]) },
    { method: 'DELETE', path: PROFILE, handle: (c) => browsers.deleteProfile(c.params[0]) },
  ];
}

/** The route for a request, the methods its path allows (for a 405), or nothing (404). */
export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: string[] } | { allowed: string[] } | undefined {
  // HEAD answers wherever GET does (the server sends no body for it).
  if (method === 'HEAD') method = 'GET';
  const allowed: string[] = [];
  for (const route of routes) {
    const m = route.path.exec(path);
    if (!m) continue;
    if (route.method === method) return { route, params: m.slice(1).filter((p) => p !== undefined).map(decodeOrRaw) };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : undefined;
}

export const readBody = (req: IncomingMessage) => (): Promise<Record<string, unknown>> => readJsonObject(req);

// A malformed escape stays as is: it is then no valid id either way, and its check answers 400 (not a 500).
function decodeOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
