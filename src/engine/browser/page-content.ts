/**
 * Turns a loaded page into the scrape formats: cleaned HTML (scripts and styles removed; with
 * onlyMainContent also navigation, header, footer and sidebars), links, metadata, and markdown
 * converted from the cleaned HTML with Turndown.
 */
import TurndownService from 'turndown';
import type { Page } from 'playwright-core';

export interface PageSnapshot {
  html: string;
  links: string[];
  meta: Record<string, string>;
}

export interface CleanOptions {
  onlyMainContent: boolean;
  includeTags: string[];
  excludeTags: string[];
}

/** Runs in the page. Kept self-contained: Playwright serialises it as source text. */
function snapshotInPage(opts: CleanOptions): PageSnapshot {
  const BOILERPLATE = [
    'header', 'nav', 'footer', 'aside', '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]',
    '.sidebar', '#sidebar', '.nav', '.navbar', '.menu', '.footer', '.header', '.cookie', '#cookie', '.advert', '.ads',
  ];
  const root = document.documentElement.cloneNode(true) as HTMLElement;
  root.querySelectorAll('script, style, noscript, template, link[rel="stylesheet"]').forEach((el) => el.remove());
  if (opts.onlyMainContent) {
    root.querySelectorAll(BOILERPLATE.join(',')).forEach((el) => {
      // Keep a boilerplate-looking element that holds the main content.
      if (!el.querySelector('main, article')) el.remove();
    });
  }
  for (const sel of opts.excludeTags) root.querySelectorAll(sel).forEach((el) => el.remove());
  const body = root.querySelector('body');
  if (opts.includeTags.length > 0 && body) {
    const kept = opts.includeTags.flatMap((sel) => Array.from(body.querySelectorAll(sel)));
    body.replaceChildren(...kept);
  }
  // Absolute URLs in the output, as the page would resolve them.
  root.querySelectorAll('a[href]').forEach((a) => a.setAttribute('href', (a as HTMLAnchorElement).href));
  root.querySelectorAll('img[src]').forEach((img) => img.setAttribute('src', (img as HTMLImageElement).src));
  const links = [...new Set(Array.from(document.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).href).filter((h) => /^https?:|^file:/.test(h)))];
  const meta: Record<string, string> = {};
  if (document.title) meta.title = document.title;
  const lang = document.documentElement.getAttribute('lang');
  if (lang) meta.language = lang;
  document.querySelectorAll('meta[name], meta[property]').forEach((m) => {
    const key = m.getAttribute('name') ?? m.getAttribute('property');
    const content = m.getAttribute('content');
    if (key && content !== null && !(key in meta)) meta[key] = content;
  });
  const favicon = document.querySelector('link[rel~="icon"]') as HTMLLinkElement | null;
  if (favicon) meta.favicon = favicon.href;
  return { html: root.outerHTML, links, meta };
}

export function snapshotPage(page: Page, opts: CleanOptions): Promise<PageSnapshot> {
  return page.evaluate(snapshotInPage, opts);
}

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
turndown.remove(['script', 'style', 'noscript', 'head', 'title', 'meta', 'link'] as TurndownService.Filter);

export function toMarkdown(html: string): string {
  return turndown.turndown(html).replace(/\n{3,}/g, '\n\n').trim();
}
