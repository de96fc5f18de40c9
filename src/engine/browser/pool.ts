/**
 * Hands out one fresh Chromium per session (local, or on a remote browser service) and keeps one
 * warm spare launched ahead (with the engine's Playwright connection already open), so a new
 * session does not pay a cold start.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { BrowserLauncher, ChromiumProcess, LaunchOptions } from './chromium';

export interface SessionBrowser {
  process: ChromiumProcess;
  /** The engine's own Playwright connection (live view, prompt agent, replay). */
  browser: Browser;
  context: BrowserContext;
  close(): Promise<void>;
  /** Closes Chromium the orderly way (it writes its profile to disk first), then as close(). */
  quit(): Promise<void>;
}

const QUIT_TIMEOUT_MS = 10_000;

export class BrowserPool {
  private spare: Promise<SessionBrowser> | undefined;
  private readonly live = new Set<SessionBrowser>();
  private closed = false;

  constructor(
    private readonly launcher: BrowserLauncher,
    private readonly launchOptions: LaunchOptions = {},
    /** Told when the spare fails to start (the next session retries it and answers the error). */
    private readonly onSpareError: (err: Error) => void = () => undefined,
    /** --spares off: no browser is started ahead; each session starts its own. */
    private readonly keepSpare = true,
  ) {}

  /** Starts the warm spare (called at engine start and after each session takes one). */
  warm(): void {
    if (this.keepSpare && !this.spare && !this.closed) {
      this.spare = this.launch();
      // A failed spare is retried by the next take(); keep the rejection from going unhandled.
      this.spare.catch((err: Error) => {
        if (!this.closed) this.onSpareError(err);
      });
    }
  }

  async take(): Promise<SessionBrowser> {
    if (this.closed) throw new Error('The engine is shutting down.');
    const pending = this.spare ?? this.launch();
    this.spare = undefined;
    let taken: SessionBrowser;
    try {
      taken = await pending;
      if (!taken.browser.isConnected()) {
        await taken.close();
        taken = await this.launch();
      }
    } catch {
      taken = await this.launch();
    }
    this.warm();
    return taken;
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = undefined;
    if (spare) await spare.then((b) => b.close(), () => undefined);
    await Promise.all([...this.live].map((b) => b.close()));
  }

  /** A browser of its own on a given profile folder (a saved profile's working copy), not the spare. */
  launchOn(userDataDir: string): Promise<SessionBrowser> {
    if (this.closed) return Promise.reject(new Error('The engine is shutting down.'));
    return this.launch(userDataDir);
  }

  private async launch(userDataDir?: string): Promise<SessionBrowser> {
    const proc = await this.launcher({ ...this.launchOptions, userDataDir });
    let browser: Browser;
    try {
      // Downloads land in the browser's own folder, the one it can write (and no playwright-artifacts folder is left in /tmp).
      browser = await chromium.connectOverCDP(proc.wsEndpoint, { artifactsDir: proc.downloadsDir });
    } catch (err) {
      await proc.close();
      throw err;
    }
    const entry: SessionBrowser = {
      process: proc,
      browser,
      context: browser.contexts()[0],
      close: async () => {
        this.live.delete(entry);
        // Killing the process also ends the engine's connection; no CDP round trips needed.
        await proc.close();
      },
      quit: async () => {
        try {
          const cdp = await browser.newBrowserCDPSession();
          await cdp.send('Browser.close');
        } catch {
          // Already gone or not answering: the kill below ends it.
        }
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([proc.exited, new Promise((r) => (timer = setTimeout(r, QUIT_TIMEOUT_MS)))]);
        clearTimeout(timer);
        await entry.close();
      },
    };
    this.live.add(entry);
    void proc.exited.then(() => this.live.delete(entry));
    if (this.closed) {
      await entry.close();
      throw new Error('The engine is shutting down.');
    }
    return entry;
  }
}
