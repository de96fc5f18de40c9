/**
 * A trace of a session recorded from outside, through its cdpUrl (for servers that keep none,
 * such as the cloud): a Playwright connection of its own (chromium.connectOverCDP) whose
 * artifacts folder is the recording's folder, and Playwright tracing on the session's context
 * in live mode, so every event, screencast frame and network entry is written there as it
 * happens. The trace is therefore saved all along: when the session ends, the connection
 * drops and the folder keeps what was recorded. The viewer opens it as `<dir>/recording.json`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { HelperRoute } from './protocol';
import { openTunnel } from './proxy-tunnel';

const CONNECT_TIMEOUT_MS = 15_000;
/** The trace's file names in the folder: recording.trace, recording.network, resources/. */
export const RECORDING_NAME = 'recording';

export class TraceRecording {
  private constructor(
    private readonly browser: Browser,
    readonly dir: string,
  ) {}

  /** The path the trace viewer opens for a recording in `dir`. */
  static viewerPath(dir: string): string {
    return join(dir, `${RECORDING_NAME}.json`);
  }

  /** `route`: VS Code's proxy for this cdpUrl (as for a pick, session-link.ts); none connects directly. */
  static async start(cdpUrl: string, dir: string, onGone: () => void, route?: HelperRoute): Promise<TraceRecording> {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { chromium } = await import('playwright-core');
    const tunnel = route && /^wss?:/.test(cdpUrl) ? await openTunnel(cdpUrl, route) : undefined;
    let browser: Browser;
    try {
      // artifactsDir is a connectOverCDP option the typings leave out; Playwright keeps a folder it was given.
      browser = await chromium.connectOverCDP(tunnel?.endpoint ?? cdpUrl, { timeout: CONNECT_TIMEOUT_MS, headers: tunnel?.headers, artifactsDir: dir } as { timeout: number });
    } catch (err) {
      tunnel?.close();
      const why = tunnel?.failure();
      throw why ? new Error(why) : err;
    }
    browser.on('disconnected', () => {
      tunnel?.close();
      onGone();
    });
    try {
      const context = browser.contexts()[0];
      if (!context) throw new Error('the session has no browser context to record');
      // live: events are flushed to the folder as they come (what Playwright's UI mode does), not at stop.
      await context.tracing.start({ name: RECORDING_NAME, screenshots: true, snapshots: true, live: true } as Parameters<typeof context.tracing.start>[0]);
    } catch (err) {
      await browser.close().catch(() => undefined);
      throw err;
    }
    return new TraceRecording(browser, dir);
  }

  get connected(): boolean {
    return this.browser.isConnected();
  }

  /** Stops recording; what was recorded stays in the folder. */
  async stop(): Promise<void> {
    const context = this.browser.contexts()[0];
    // Stopping without a path ends the recording; the live files stay where they are.
    await context?.tracing.stop().catch(() => undefined);
    // Over connectOverCDP, close() disconnects; the session's browser stays as it is.
    await this.browser.close().catch(() => undefined);
  }
}
