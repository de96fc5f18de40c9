/**
 * Every HTTP endpoint of the engine, each declared once: method, path, the checks of its path's
 * ids, its body's schema and its handler (see http/router.ts; http/server.ts reads and parses
 * every body in one place).
 */
import type { BrowserApi } from './api/browser-api';
import type { InteractHandler } from './api/interact-api';
import { checkJobIdParam, checkProfileNameParam, checkSessionIdParam } from './api/params';
import { route, type Route } from './http/router';
import type { Scraper } from './scrape/scraper';
import type { SessionScraper } from './scrape/session-scraper';
import { browserBody } from './schemas/browser';
import { interactBody } from './schemas/interact';
import { scrapeBody, type ScrapeOptions } from './schemas/scrape';
import type { SessionManager } from './sessions/session-manager';
import { sessionTrace } from './trace/trace-api';

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
  return [
    route({ method: 'GET', path: /^\/(health)?$/, open: true, handle: () => ({ success: true, name: 'firecrawl-interact-engine' }) }),
    route({
      method: 'POST',
      path: /^\/v2\/scrape\/?$/,
      body: scrapeBody,
      // The schema makes sure a scrape without sessionId has its url.
      handle: async (c) => ({ success: true, data: await (c.body.sessionId ? sessionScraper.scrape(c.body.sessionId, c.body) : scraper.scrape(c.body as ScrapeOptions, c.clientGone)) }),
    }),
    route({ method: 'POST', path: INTERACT, params: [checkJobIdParam], body: interactBody, handle: (c) => interact.interact(c.params[0], c.body, c.origin, c.timing) }),
    route({ method: 'DELETE', path: INTERACT, params: [checkJobIdParam], handle: (c) => interact.stop(c.params[0]) }),
    route({ method: 'GET', path: SESSIONS, handle: (c) => browsers.list(c.url.searchParams.get('status'), c.origin) }),
    route({ method: 'POST', path: SESSIONS, body: browserBody, handle: (c) => browsers.create(c.body, c.origin) }),
    route({ method: 'POST', path: EXECUTE, params: [checkSessionIdParam], body: interactBody, handle: (c) => interact.execute(c.params[0], c.body, c.origin, c.timing) }),
    route({ method: 'DELETE', path: BROWSER, params: [checkSessionIdParam], handle: (c) => browsers.stop(c.params[0]) }),
    route({ method: 'GET', path: TRACE, params: [checkSessionIdParam], handle: (c) => sessionTrace(sessions, c.params[0]) }),
    route({ method: 'DELETE', path: PROFILE, params: [checkProfileNameParam], handle: (c) => browsers.deleteProfile(c.params[0]) }),
  ];
}
