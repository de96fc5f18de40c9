/**
 * POST /v2/scrape with `sessionId`: the formats of a live session's current page as it is now
 * (the tab most recently opened), after the request's actions, without loading anything. Runs in
 * the session's turn, like a run, so it never reads a page halfway through one.
 */
import { randomUUID } from 'node:crypto';
import { currentPage } from '../agent/browser-tools';
import { HttpError } from '../http/errors';
import { checkSessionIdParam } from '../api/params';
import type { JobStore } from './job-store';
import { actAndRead } from './scraper';
import type { ScrapeRequest } from '../schemas/scrape';
import type { SessionManager } from '../sessions/session-manager';

export class SessionScraper {
  constructor(
    private readonly sessions: SessionManager,
    private readonly jobs: JobStore,
  ) {}

  async scrape(sessionId: string, opts: ScrapeRequest): Promise<Record<string, unknown>> {
    const session = this.sessions.active(checkSessionIdParam(sessionId));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HttpError(408, `Scrape of the session's page timed out after ${opts.timeout} ms. Raise "timeout" (milliseconds).`, { code: 'SCRAPE_TIMEOUT' })), opts.timeout);
    });
    try {
      return await session.exclusive(() => Promise.race([this.read(session.browser.context, opts), deadline]));
    } finally {
      clearTimeout(timer);
    }
  }

  private async read(context: import('playwright-core').BrowserContext, opts: ScrapeRequest): Promise<Record<string, unknown>> {
    const page = await currentPage(context);
    const data = await actAndRead(page, opts);
    const id = randomUUID();
    const url = page.url();
    data.metadata = { ...(data.metadata as Record<string, unknown>), scrapeId: id, sourceURL: opts.url ?? url, url, statusCode: 200, sessionId: opts.sessionId };
    // A job of its own, as every scrape: an interact on it opens this URL in a new session.
    this.jobs.save({ id, createdAt: new Date().toISOString(), replay: { url, actions: [], waitFor: 0, headers: {}, mobile: false } });
    return data;
  }
}
