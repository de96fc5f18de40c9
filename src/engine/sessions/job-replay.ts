/**
 * Job replay: a job's session starts on the page its scrape saw, rebuilt from the replay
 * context the scrape stored (URL, headers, device, waitFor and actions).
 */
import type { BrowserContext } from 'playwright-core';
import { runActions } from '../browser/page-actions';
import { applyToPage } from '../browser/page-setup';
import type { ReplayContext } from '../scrape/job-store';

const REPLAY_NAV_TIMEOUT_MS = 30_000;
const REPLAY_ACTION_TIMEOUT_MS = 10_000;

/** Opens the job's URL in the context's first page, waits as the scrape did and replays its actions. */
export async function replayJob(context: BrowserContext, replay: ReplayContext): Promise<void> {
  const { url, actions, waitFor, headers, mobile } = replay;
  const page = context.pages()[0] ?? (await context.newPage());
  await applyToPage(page, headers, mobile);
  await page.goto(url, { timeout: REPLAY_NAV_TIMEOUT_MS, waitUntil: 'load' });
  if (waitFor > 0) await page.waitForTimeout(waitFor);
  // Screenshots and snapshots do not change the page; everything else is replayed in order.
  await runActions(page, actions.filter((a) => a.type !== 'screenshot' && a.type !== 'scrape'), REPLAY_ACTION_TIMEOUT_MS);
}

/** The host of a job's scrape URL (its session's allowedDomains always include it); undefined for a file: URL. */
export function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
