/**
 * One way the helper connects Playwright to a session's cdpUrl, for picks and recordings
 * (session-link.ts) and for traces recorded through cdpUrl (trace-recording.ts): through VS Code's
 * proxy when `route` names one (proxy-tunnel.ts), else directly.
 */
import type { Browser } from 'playwright-core';
import type { HelperRoute } from './protocol';
import { openTunnel } from './proxy-tunnel';

const CONNECT_TIMEOUT_MS = 15_000;

/** `onGone` runs when the connection ends; `artifactsDir` is a folder Playwright keeps (traces). */
export async function connectOverCdp(cdpUrl: string, onGone: () => void, route?: HelperRoute, artifactsDir?: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const tunnel = route && /^wss?:/.test(cdpUrl) ? await openTunnel(cdpUrl, route) : undefined;
  let browser: Browser;
  try {
    // artifactsDir is a connectOverCDP option the typings leave out.
    const options = { timeout: CONNECT_TIMEOUT_MS, headers: tunnel?.headers, ...(artifactsDir ? { artifactsDir } : {}) };
    browser = await chromium.connectOverCDP(tunnel?.endpoint ?? cdpUrl, options as { timeout: number });
  } catch (err) {
    tunnel?.close();
    const why = tunnel?.failure();
    throw why ? new Error(why) : err;
  }
  browser.on('disconnected', () => {
    tunnel?.close();
    onGone();
  });
  return browser;
}
