/**
 * Scrape actions (the cloud's `actions` array): validated once, run on a Playwright page by
 * the scrape and again, in the same order, when an interact session replays the job.
 */
import type { Page } from 'playwright-core';
import { badRequest, type Issue } from './http-util';

export type PageAction =
  | { type: 'wait'; milliseconds?: number; selector?: string }
  | { type: 'click'; selector: string; all?: boolean }
  | { type: 'write'; text: string }
  | { type: 'press'; key: string }
  | { type: 'scroll'; direction?: 'up' | 'down'; selector?: string }
  | { type: 'screenshot'; fullPage?: boolean }
  | { type: 'executeJavascript'; script: string };

const FIELDS: Record<PageAction['type'], Record<string, 'string' | 'number' | 'boolean'>> = {
  wait: { milliseconds: 'number', selector: 'string' },
  click: { selector: 'string', all: 'boolean' },
  write: { text: 'string' },
  press: { key: 'string' },
  scroll: { direction: 'string', selector: 'string' },
  screenshot: { fullPage: 'boolean', quality: 'number' },
  executeJavascript: { script: 'string' },
};
const REQUIRED: Partial<Record<PageAction['type'], string[]>> = {
  click: ['selector'],
  write: ['text'],
  press: ['key'],
  executeJavascript: ['script'],
};

export function parseActions(value: unknown): PageAction[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('Bad Request: actions must be an array.', [{ code: 'invalid_type', path: ['actions'], message: 'Expected array' }]);
  const issues: Issue[] = [];
  value.forEach((a, i) => {
    const path = ['actions', i];
    if (typeof a !== 'object' || a === null) return void issues.push({ code: 'invalid_type', path, message: 'Expected object' });
    const action = a as Record<string, unknown>;
    const type = action.type as PageAction['type'];
    const fields = FIELDS[type];
    if (!fields) {
      return void issues.push({ code: 'invalid_union_discriminator', path: [...path, 'type'], message: `Unsupported action type "${String(action.type)}": use ${Object.keys(FIELDS).join(', ')}.` });
    }
    for (const [key, v] of Object.entries(action)) {
      if (key === 'type') continue;
      if (!(key in fields)) issues.push({ code: 'unrecognized_keys', keys: [key], path, message: `Unrecognized key(s) in object: '${key}'` });
      else if (typeof v !== fields[key]) issues.push({ code: 'invalid_type', path: [...path, key], message: `Expected ${fields[key]}` });
    }
    for (const key of REQUIRED[type] ?? []) if (action[key] === undefined) issues.push({ code: 'invalid_type', path: [...path, key], message: 'Required' });
    if (type === 'wait' && action.milliseconds === undefined && action.selector === undefined) {
      issues.push({ code: 'custom', path, message: "A wait action needs 'milliseconds' or 'selector'." });
    }
    if (type === 'wait' && typeof action.milliseconds === 'number' && (action.milliseconds < 0 || action.milliseconds > 60_000)) {
      issues.push({ code: 'too_big', path: [...path, 'milliseconds'], message: 'wait milliseconds must be 0–60000.' });
    }
    if (type === 'scroll' && action.direction !== undefined && action.direction !== 'up' && action.direction !== 'down') {
      issues.push({ code: 'invalid_enum_value', path: [...path, 'direction'], message: "direction must be 'up' or 'down'." });
    }
  });
  if (issues.length > 0) throw badRequest(`Bad Request: invalid actions: ${issues[0].message} (at ${issues[0].path.join('.')})`, issues);
  return value as PageAction[];
}

export interface ActionOutputs {
  screenshots: string[];
  javascriptReturns: { type: string; value: unknown }[];
}

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
    case 'screenshot': {
      const png = await page.screenshot({ fullPage: action.fullPage ?? false, timeout });
      outputs?.screenshots.push(`data:image/png;base64,${png.toString('base64')}`);
      return;
    }
    case 'executeJavascript': {
      const value: unknown = await page.evaluate(action.script);
      outputs?.javascriptReturns.push({ type: value === null ? 'null' : typeof value, value });
      return;
    }
  }
}
