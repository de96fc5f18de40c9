/**
 * POST /v2/scrape: loads the page in Chromium (a fresh context per scrape in one shared
 * scrape browser), runs the actions, answers the requested formats, and stores the job's
 * replay context so an interact session can rebuild the same page later.
 */
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { BrowserLauncher, ChromiumProcess } from '../browser/chromium';
import { badRequest, HttpError } from '../http/errors';
import type { JobStore } from './job-store';
import { emptyOutputs, runActions, screenshot, type ActionOutputs } from '../browser/page-actions';
import { snapshotPage, toMarkdown } from '../browser/page-content';
import { contextOptions } from '../browser/page-setup';
import type { ScrapeOptions, ScrapeRequest } from '../schemas/scrape';

/** Pages loading at once in the scrape browser; more scrapes wait for a slot. */
const MAX_CONCURRENT = 4;

export class Scraper {
  private browser: Promise<Browser> | undefined;
  private process: ChromiumProcess | undefined;
  private running = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly launcher: BrowserLauncher,
    private readonly jobs: JobStore,
    private readonly allowFileUrls = false,
  ) {}

  async scrape(opts: ScrapeOptions, clientGone?: AbortSignal): Promise<Record<string, unknown>> {
    if (!this.allowFileUrls && new URL(opts.url).protocol === 'file:') {
      const message = 'file: URLs are refused: this engine does not read local files unless it is started with --allow-file-urls. Serve the page over http instead.';
      throw badRequest(message, [{ code: 'invalid_string', path: ['url'], message }]);
    }
    await this.slot(clientGone);
    let proc: ChromiumProcess | undefined;
    try {
      const browser = await this.getBrowser();
      proc = this.process;
      const context = await browser.newContext(contextOptions(opts.headers, opts.mobile));
      let timer: NodeJS.Timeout | undefined;
      let onGone: (() => void) | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HttpError(408, `Scrape timed out after ${opts.timeout} ms. Raise "timeout" (milliseconds) or check that the page loads.`, { code: 'SCRAPE_TIMEOUT' })), opts.timeout);
        // A client that went away gets no answer: stop loading its page now.
        onGone = () => reject(new HttpError(499, 'The client closed the connection; the scrape was stopped.'));
        clientGone?.addEventListener('abort', onGone, { once: true });
      });
      try {
        return await Promise.race([this.run(context, opts), deadline]);
      } finally {
        clearTimeout(timer);
        if (onGone) clientGone?.removeEventListener('abort', onGone);
        await context.close().catch(() => undefined);
      }
    } catch (err) {
      // The engine closed the browser under this scrape (its page sent too much): say so, not "target closed".
      if (proc?.endReason) throw new HttpError(502, `The scrape failed: ${proc.endReason}. Other scrapes and sessions go on; a page that sends that much cannot be scraped.`, { code: 'SCRAPE_FAILED' });
      throw err;
    } finally {
      this.release();
    }
  }

  /** Waits for one of MAX_CONCURRENT scrape slots; a client gone while waiting is refused. */
  private async slot(clientGone: AbortSignal | undefined): Promise<void> {
    if (this.running < MAX_CONCURRENT) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = (): void => {
        clientGone?.removeEventListener('abort', gone);
        resolve();
      };
      const gone = (): void => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new HttpError(499, 'The client closed the connection; the scrape was not started.'));
      };
      clientGone?.addEventListener('abort', gone, { once: true });
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next(); // The slot passes straight to the next scrape.
    else this.running--;
  }

  async close(): Promise<void> {
    this.browser = undefined;
    await this.process?.close();
  }

  private async run(context: import('playwright-core').BrowserContext, opts: ScrapeOptions): Promise<Record<string, unknown>> {
    const page = await context.newPage();
    let response;
    try {
      response = await page.goto(opts.url, { timeout: opts.timeout, waitUntil: 'load' });
    } catch (err) {
      throw pageLoadError(opts, err);
    }
    const data = await actAndRead(page, opts);
    const id = randomUUID();
    data.metadata = {
      ...(data.metadata as Record<string, unknown>),
      scrapeId: id,
      sourceURL: opts.url,
      url: page.url(),
      statusCode: response?.status() ?? 200,
      contentType: (await response?.headerValue('content-type')) ?? undefined,
    };
    this.jobs.save({
      id,
      createdAt: new Date().toISOString(),
      replay: { url: opts.url, actions: opts.actions, waitFor: opts.waitFor, headers: opts.headers, mobile: opts.mobile, profile: opts.profile },
    });
    return data;
  }

  private getBrowser(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.launch();
      this.browser = launching;
      const forget = (): void => {
        if (this.browser === launching) this.browser = undefined;
      };
      launching.then((b) => b.on('disconnected', forget), forget);
    }
    return this.browser;
  }

  /** Same launcher as session browsers, so it dies with the engine and closes with a kill. */
  private async launch(): Promise<Browser> {
    const proc = await this.launcher({ allowFileUrls: this.allowFileUrls });
    this.process = proc;
    try {
      return await chromium.connectOverCDP(proc.wsEndpoint, { artifactsDir: proc.downloadsDir });
    } catch (err) {
      await proc.close();
      throw err;
    }
  }
}

/** The requested formats of a loaded page, its actions' outputs and its page metadata (title, description, ...). */
/** The body's waitFor and actions on a loaded page, then the formats it asks for. */
export async function actAndRead(page: Page, opts: ScrapeRequest): Promise<Record<string, unknown>> {
  if (opts.waitFor > 0) await page.waitForTimeout(opts.waitFor);
  const outputs = emptyOutputs();
  try {
    // Half the scrape's budget per action, so a missing selector fails as an action error.
    await runActions(page, opts.actions, Math.min(opts.timeout / 2, 10_000), outputs);
  } catch (err) {
    throw new HttpError(500, (err as Error).message, { code: 'SCRAPE_ACTION_ERROR' });
  }
  return pageFormats(page, opts, outputs);
}

export async function pageFormats(page: Page, opts: ScrapeRequest, outputs: ActionOutputs): Promise<Record<string, unknown>> {
  const snap = await snapshotPage(page, opts);
  const data: Record<string, unknown> = {};
  for (const format of opts.formats) {
    if (format === 'markdown') data.markdown = toMarkdown(snap.html);
    else if (format === 'html') data.html = snap.html;
    else if (format === 'rawHtml') data.rawHtml = await page.content();
    else if (format === 'links') data.links = snap.links;
    else if (format === 'screenshot') data.screenshot = await screenshot(page, opts.screenshot ?? {}, opts.timeout);
  }
  if (opts.actions.length > 0) data.actions = outputs;
  const { title, description, language, ...rest } = snap.meta;
  data.metadata = { title, description, language, ...rest };
  return data;
}

/**
 * A target that did not load answers as the cloud does: 500 with SCRAPE_SITE_ERROR and the
 * browser's net:: code (SCRAPE_DNS_RESOLUTION_ERROR for a host name that does not resolve),
 * so clients can tell a page that failed from a server that did.
 */
function pageLoadError(opts: ScrapeOptions, err: unknown): HttpError {
  const first = (err as Error).message.split('\n')[0];
  if ((err as Error).name === 'TimeoutError') {
    return new HttpError(408, `Scrape timed out after ${opts.timeout} ms while loading ${opts.url}. Raise "timeout" (milliseconds) or check that the page loads.`, { code: 'SCRAPE_TIMEOUT' });
  }
  const net = /net::ERR_[A-Z_]+/.exec(first)?.[0];
  if (net === 'net::ERR_NAME_NOT_RESOLVED') {
    return new HttpError(500, `The host name of ${opts.url} could not be resolved (${net}). Check the address for typos.`, { code: 'SCRAPE_DNS_RESOLUTION_ERROR' });
  }
  return new HttpError(500, `The page ${opts.url} failed to load in the browser (${net ?? first}).`, { code: 'SCRAPE_SITE_ERROR' });
}
