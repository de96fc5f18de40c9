/** Every HTTP endpoint of the engine in one table (see http/router.ts for what a route is). */
import type { Route } from './http/router';
import type { BrowserApi } from './api/browser-api';
import type { InteractHandler } from './api/interact-api';
import type { Scraper } from './scrape/scraper';
import type { SessionScraper } from './scrape/session-scraper';
import type { SessionManager } from './sessions/session-manager';
import { sessionTrace } from './trace/trace-api';
import { parseBody } from './schemas/validate';
import { scrapeBody, type ScrapeOptions, type ScrapeRequest } from './schemas/scrape';

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
