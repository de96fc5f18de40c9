/**
 * Scrape actions (the cloud's `actions` array, checked by schemas/actions.ts): run on a Playwright
 * page by the scrape and again, in the same order, when an interact session replays the job.
 */
import { parse } from 'acorn';
import type { Page } from 'playwright-core';
import type { PageAction } from '../schemas/actions';
import type { ScreenshotSpec } from '../schemas/scrape';

export type { PageAction };

export interface ActionOutputs {
  screenshots: string[];
  scrapes: { url: string; html: string }[];
  javascriptReturns: { type: string; value: unknown }[];
}

export const emptyOutputs = (): ActionOutputs => ({ screenshots: [], scrapes: [], javascriptReturns: [] });

/** Runs the actions in order; throws (with the failing action named) on the first failure. */
export async function runActions(page: Page, actions: PageAction[], timeoutMs: number, outputs?: ActionOutputs): Promise<void> {
  for (const [i, action] of actions.entries()) {
    try {
      await runAction(page, action, timeoutMs, outputs);
    } catch (err) {
      throw new Error(`Action ${i + 1} (${action.type}) failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }
}

async function runAction(page: Page, action: PageAction, timeout: number, outputs?: ActionOutputs): Promise<void> {
  switch (action.type) {
    case 'wait':
      if (action.selector) await page.waitForSelector(action.selector, { timeout, state: 'visible' });
      else await page.waitForTimeout(action.milliseconds ?? 0);
      return;
    case 'click':
      if (action.all) {
        const handles = await page.locator(action.selector).all();
        for (const h of handles) await h.click({ timeout });
      } else {
        await page.locator(action.selector).first().click({ timeout });
      }
      return;
    case 'write':
      await page.keyboard.type(action.text);
      return;
    case 'press':
      await page.keyboard.press(action.key);
      return;
    case 'scroll': {
      const dy = action.direction === 'up' ? -1 : 1;
      if (action.selector) {
        await page.locator(action.selector).first().evaluate((el, d) => el.scrollBy(0, d * el.clientHeight), dy, { timeout });
      } else {
        await page.evaluate((d) => window.scrollBy(0, d * window.innerHeight), dy);
      }
      return;
    }
    case 'screenshot':
      outputs?.screenshots.push(await screenshot(page, action, timeout));
      return;
    case 'scrape':
      outputs?.scrapes.push({ url: page.url(), html: await page.content() });
      return;
    case 'executeJavascript': {
      const value: unknown = await page.evaluate(asEvaluable(action.script));
      outputs?.javascriptReturns.push({ type: value === null ? 'null' : typeof value, value });
      return;
    }
  }
}

/** A data URL: PNG, or JPEG when a quality is given; a viewport applies for this shot only. */
export async function screenshot(page: Page, spec: ScreenshotSpec, timeout: number): Promise<string> {
  const before = page.viewportSize();
  if (spec.viewport) await page.setViewportSize(spec.viewport);
  try {
    const type = spec.quality === undefined ? 'png' : 'jpeg';
    const shot = await page.screenshot({ fullPage: spec.fullPage ?? false, type, quality: spec.quality, timeout });
    return `data:image/${type};base64,${shot.toString('base64')}`;
  } finally {
    if (spec.viewport && before) await page.setViewportSize(before);
  }
}

/**
 * A script that is one expression is evaluated as is (its value is returned); anything else runs
 * as the body of an async function, so `return x` gives x, as in the cloud.
 */
export function asEvaluable(script: string): string {
  try {
    const program = parse(script, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true });
    if (program.body.length === 1 && program.body[0].type === 'ExpressionStatement') return script;
  } catch {
    // Not a plain script (e.g. a top-level return): the function body form below.
  }
  return `(async () => {\n${script}\n})()`;
}
