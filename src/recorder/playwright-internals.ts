/**
 * The parts of playwright-core (pinned in package.json) that are not its public API: the
 * selector of a Locator and the converter from a selector to locator code in a language (what
 * Playwright's own pick locator and codegen print). test/engine/recorder-internals.test.ts
 * fails when an upgrade moves them.
 */
import type { Locator } from 'playwright-core';
import type { CodeLanguage } from './protocol';

interface Isomorphic {
  asLocator(lang: string, selector: string, isFrameLocator?: boolean): string;
}

let iso: Isomorphic | undefined;

function isomorphic(): Isomorphic {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  iso ??= (require('playwright-core/lib/coreBundle') as { iso: Isomorphic }).iso;
  return iso;
}

/** The selector Playwright keeps inside a Locator (`internal:role=button[name="Go"i]`). */
export function selectorOf(locator: Locator): string {
  const selector = (locator as unknown as { _selector?: unknown })._selector;
  if (typeof selector !== 'string') throw new Error('this playwright-core keeps no selector in its Locator (an upgrade changed its internals)');
  return selector;
}

/** Locator code without its receiver: `getByRole('button', { name: 'Go' })` / `get_by_role("button", name="Go")`. */
export function locatorCode(selector: string, language: CodeLanguage): string {
  return isomorphic().asLocator(language, selector);
}
