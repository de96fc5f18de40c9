/**
 * The page of a session as it is now, in the formats a scrape answers (markdown, HTML, links,
 * screenshot): from a server's scrape with `sessionId` (the local engine), or, where a server has
 * none (the cloud), from a node run that reads the page, converted here with Turndown as the
 * engine converts its scrapes. Pure: no vscode.
 */
import TurndownService from 'turndown';

export type PageFormat = 'markdown' | 'html' | 'links' | 'screenshot';
export const PAGE_FORMATS: readonly PageFormat[] = ['markdown', 'html', 'links', 'screenshot'];

export interface PageNow {
  url: string;
  title?: string;
  markdown?: string;
  html?: string;
  links?: string[];
  /** Base64 PNG (or a data: URL from a server's scrape). */
  screenshot?: string;
}

/** The node run that reads the page (the cloud has no scrape of a session's page). */
export function pageReadingCode(formats: readonly PageFormat[]): string {
  const wants = (f: PageFormat) => formats.includes(f);
  return [
    'JSON.stringify({',
    '  url: page.url(),',
    '  title: await page.title(),',
    wants('markdown') || wants('html') ? '  html: await page.content(),' : '',
    wants('links') ? "  links: await page.$$eval('a[href]', (as) => [...new Set(as.map((a) => a.href).filter((h) => /^https?:/.test(h)))]),"  : '',
    wants('screenshot') ? "  screenshot: (await page.screenshot({ type: 'png' })).toString('base64')," : '',
    '})',
  ].filter(Boolean).join('\n');
}

/** The run's result read back; undefined when it is not what pageReadingCode returns. */
export function pageFromRun(result: string | null | undefined, formats: readonly PageFormat[]): PageNow | undefined {
  let value: unknown;
  try {
    value = JSON.parse(result ?? '');
  } catch {
    return undefined;
  }
  const v = value as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || typeof v.url !== 'string') return undefined;
  const html = typeof v.html === 'string' ? v.html : undefined;
  return {
    url: v.url,
    ...(typeof v.title === 'string' ? { title: v.title } : {}),
    ...(formats.includes('html') && html !== undefined ? { html } : {}),
    ...(formats.includes('markdown') && html !== undefined ? { markdown: htmlToMarkdown(html) } : {}),
    ...(Array.isArray(v.links) ? { links: v.links.filter((l): l is string => typeof l === 'string') } : {}),
    ...(typeof v.screenshot === 'string' ? { screenshot: v.screenshot } : {}),
  };
}

let turndown: TurndownService | undefined;

/** Markdown of a page's HTML: scripts, styles and head left out, as the engine's scrapes. */
export function htmlToMarkdown(html: string): string {
  if (!turndown) {
    turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
    turndown.remove(['script', 'style', 'noscript', 'head', 'title', 'meta', 'link'] as TurndownService.Filter);
  }
  return turndown.turndown(html).replace(/\n{3,}/g, '\n\n').trim();
}
