import type { BrowserContext, Locator, Page } from 'playwright-core';
import { snapshotPage, toMarkdown } from '../browser/page-content';
import type { ToolDefinition } from './chat-client';

/** Snapshots and page text are cut to keep every model request a sane size. */
const MAX_SNAPSHOT_CHARS = 40_000;
const MAX_TEXT_CHARS = 40_000;
/** Share of a step's remaining time an action may wait for its element. */
const ACTION_SHARE = 0.6;
const NAVIGABLE = /^(https?|file|about):/i;

const ref = { type: 'string', description: 'An element ref from the latest snapshot, e.g. "e12".' };

export const TOOLS: ToolDefinition[] = [
  tool('snapshot', 'Accessibility snapshot of the current page; elements carry refs like [ref=e12] for the other tools.', {}),
  tool('click', 'Click the element with this ref.', { ref }, ['ref']),
  tool('fill', 'Replace the value of the input or textarea with this ref by the given text.', { ref, text: { type: 'string' } }, ['ref', 'text']),
  tool('press', 'Press a key or chord on the focused element, e.g. "Enter", "Tab", "ArrowDown", "Control+A".', { key: { type: 'string' } }, ['key']),
  tool('navigate', 'Open a URL in the current tab.', { url: { type: 'string' } }, ['url']),
  tool('extract', 'The content of the current page as markdown (text and links), to read information from it.', { what: { type: 'string', description: 'What you are looking for.' } }, ['what']),
  tool('finish', 'Finish with the final answer to the task.', { answer: { type: 'string' } }, ['answer']),
];

function tool(name: string, description: string, properties: Record<string, unknown>, required: string[] = []): ToolDefinition {
  return { type: 'function', function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } } };
}

/** The tab the agent works in: the most recently opened one still open. */
export async function currentPage(context: BrowserContext): Promise<Page> {
  return context.pages().filter((p) => !p.isClosed()).at(-1) ?? (await context.newPage());
}

/** The page as the model sees it: URL, title and the ref-annotated aria snapshot. */
export async function describePage(page: Page, timeoutMs: number): Promise<string> {
  const snapshot = await page.ariaSnapshot({ mode: 'ai', timeout: Math.max(1, timeoutMs) });
  const title = await page.title().catch(() => '');
  return `URL: ${page.url()}\nTitle: ${title}\n${cut(snapshot, MAX_SNAPSHOT_CHARS)}`;
}

/**
 * Runs one browser tool (not `finish`) within `timeoutMs` and returns the text for the model.
 * Actions answer with a fresh snapshot so the model sees their effect and gets current refs.
 */
export async function runTool(context: BrowserContext, name: string, args: Record<string, unknown>, timeoutMs: number): Promise<string> {
  const page = await currentPage(context);
  const started = Date.now();
  // An action that cannot happen (element covered, disabled...) fails with time left in the
  // step for the snapshot, so the model learns why instead of the whole step timing out.
  const timeout = Math.max(1, Math.floor(timeoutMs * ACTION_SHARE));
  const after = async (what: string) => `${what}\n\n${await describePage(await currentPage(context), timeoutMs - (Date.now() - started))}`;
  switch (name) {
    case 'snapshot':
      return describePage(page, timeoutMs);
    case 'click':
      await (await byRef(page, args)).click({ timeout });
      return after(`Clicked ${args.ref}.`);
    case 'fill':
      await (await byRef(page, args)).fill(stringArg(args, 'text', true), { timeout });
      return after(`Filled ${args.ref}.`);
    case 'press':
      await page.keyboard.press(stringArg(args, 'key'));
      return after(`Pressed ${args.key}.`);
    case 'navigate': {
      const url = stringArg(args, 'url');
      if (!NAVIGABLE.test(url)) throw new Error(`Only http, https, file and about URLs can be opened, not "${url}".`);
      await page.goto(url, { timeout, waitUntil: 'load' });
      return after(`Opened ${page.url()}.`);
    }
    case 'extract': {
      // Markdown, as a scrape gives it: the text plus where its links go.
      const { html } = await snapshotPage(page, { onlyMainContent: false, includeTags: [], excludeTags: [] });
      return `URL: ${page.url()}\nTitle: ${await page.title()}\n\n${cut(toMarkdown(html), MAX_TEXT_CHARS)}`;
    }
    default:
      throw new Error(`Unknown tool "${name}"; use one of ${TOOLS.map((t) => t.function.name).join(', ')}.`);
  }
}

/** Resolves a ref against the latest snapshot; unknown refs fail at once rather than wait. */
async function byRef(page: Page, args: Record<string, unknown>): Promise<Locator> {
  const ref = stringArg(args, 'ref');
  const locator = page.getByRef(ref);
  if ((await locator.count()) === 0) throw new Error(`No element with ref "${ref}" in the latest snapshot; take a new snapshot.`);
  return locator;
}

function stringArg(args: Record<string, unknown>, name: string, allowEmpty = false): string {
  const value = args[name];
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) throw new Error(`Argument "${name}" must be a non-empty string.`);
  return value;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}\n… (cut at ${max} characters)` : text;
}
