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
import { connectOverCdp } from './connect';
import type { HelperRoute } from './protocol';

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
    // Playwright keeps a folder it was given: the trace outlives the session.
    const browser = await connectOverCdp(cdpUrl, onGone, route, dir);
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
