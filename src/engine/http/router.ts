/**
 * Routing of the engine's HTTP server: a route is a method, a path pattern (captures become
 * `params`, URL-decoded) and a handler whose return value is the 200 answer.
 */
import type { IncomingMessage } from 'node:http';
import type { ServerTiming } from './answers';
import { readJsonObject } from './body';

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
