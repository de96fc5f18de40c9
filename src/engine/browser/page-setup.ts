/** Page state a scrape and its replay must share: extra headers and mobile emulation. */
import type { BrowserContextOptions, Page } from 'playwright-core';

export const MOBILE_VIEWPORT = { width: 390, height: 844 };
export const MOBILE_USER_AGENT =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 };

/** Options for a fresh context (scrapes get one context each). */
export function contextOptions(headers: Record<string, string>, mobile: boolean): BrowserContextOptions {
  return mobile
    ? { extraHTTPHeaders: headers, viewport: MOBILE_VIEWPORT, userAgent: MOBILE_USER_AGENT, isMobile: true, hasTouch: true }
    : { extraHTTPHeaders: headers, viewport: DESKTOP_VIEWPORT };
}

/**
 * The same state on an existing page of a CDP-connected browser (a session's default context
 * cannot be created with options). The overrides live as long as the engine's connection.
 */
export async function applyToPage(page: Page, headers: Record<string, string>, mobile: boolean): Promise<void> {
  if (Object.keys(headers).length > 0) await page.setExtraHTTPHeaders(headers);
  if (!mobile) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setUserAgentOverride', { userAgent: MOBILE_USER_AGENT });
  await cdp.send('Emulation.setDeviceMetricsOverride', { ...MOBILE_VIEWPORT, deviceScaleFactor: 3, mobile: true });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true });
}
