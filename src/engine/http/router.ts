/**
 * Routing of the engine's HTTP server. A route is a method, a path pattern (captures become
 * `params`, URL-decoded and checked by the route's own param checks), the schema of its JSON
 * body if it takes one, and a handler whose return value is the 200 answer.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { ServerTiming } from './answers';

export interface RouteContext<Body = unknown> {
  req: IncomingMessage;
  url: URL;
  /** The path's captures, each in the form its check gave (ids in lower case). */
  params: string[];
  /** The engine's public base URL (--public-url, else its own host and port): cdpUrl and the live views use it, never the request's Host. */
  origin: string;
  /** The body as the route's schema parsed it (undefined for a route without one). */
  body: Body;
  /** Aborted when the client goes away before its answer is sent. */
  clientGone: AbortSignal;
  /** The answer's Server-Timing: handlers add what they measured. */
  timing: ServerTiming;
}

/** Checks one path capture: its stored form, or a 400 that names the rule. */
export type ParamCheck = (raw: string) => string;

export interface Route<Body = unknown> {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  /** Open without the API key (health checks only). */
  open?: boolean;
  /** One check per path capture, in order. */
  params?: ParamCheck[];
  /** The JSON body's schema; a route without one reads no body. */
  body?: z.ZodType<Body>;
  handle(ctx: RouteContext<Body>): unknown;
}

/** A route whose handler sees its body as its schema's output. */
export function route<Body = undefined>(r: Route<Body>): Route {
  return r as Route;
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

// A malformed escape stays as is: it is then no valid id either way, and its check answers 400 (not a 500).
function decodeOrRaw(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
