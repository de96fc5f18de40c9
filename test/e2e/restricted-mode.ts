/**
 * Restricted Mode in a window of its own (Workspace Trust on, the folder not trusted): the
 * Firecrawl view's welcome says why nothing runs, and running code or starting the local engine
 * only shows that message with Manage Workspace Trust (issue 16).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, workbenchUrl } from '../host/code-server';
import { poll, Workbench } from './workbench';

export interface RestrictedModeOptions {
  root: string;
  browser: Browser;
  env: Record<string, string>;
  /** Where the picture of the refused run goes. */
  screenshot: string;
}

const RESTRICTED = /Restricted Mode, so Firecrawl Interact runs nothing here/;

export async function restrictedModeWalk(o: RestrictedModeOptions): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'interact-e2e-untrusted-'));
  cpSync(join(o.root, 'examples'), folder, { recursive: true });
  const server = await startCodeServer({ folder, env: o.env, installExtensions: [o.root], workspaceTrust: true });
  const context = await o.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await page.goto(workbenchUrl(server, folder));
    const wb = new Workbench(page);
    await wb.waitReady();
    const side = await wb.openFirecrawlView();
    await poll(() => side.innerText(), (t) => RESTRICTED.test(t) && /Manage Workspace Trust/.test(t), 30_000, "the view's Restricted Mode welcome");
    const welcome = await side.innerText();
    if (/Scrape a URL|Start local engine/.test(welcome)) throw new Error(`the Restricted Mode welcome offers runs:\n${welcome}`);

    await wb.openFile('title.js');
    await wb.runCommand('Firecrawl: Run in scrape session');
    await poll(() => wb.notificationTexts(), (texts) => texts.some((t) => RESTRICTED.test(t)), 30_000, 'the Restricted Mode message for a run');
    await page.screenshot({ path: o.screenshot });
    await wb.runCommand('Firecrawl: Start local engine');
    await page.waitForTimeout(2_000);
    const texts = await wb.notificationTexts();
    if (texts.some((t) => /Local engine running at|Starting the local engine/.test(t))) throw new Error(`the local engine started in Restricted Mode: ${texts.join(' | ')}`);
    if (!texts.some((t) => RESTRICTED.test(t))) throw new Error(`no Restricted Mode message for Start local engine: ${texts.join(' | ')}`);
    const button = page.locator('.notification-list-item .monaco-button', { hasText: 'Manage Workspace Trust' }).first();
    await button.waitFor({ state: 'visible', timeout: 10_000 });
  } finally {
    await context.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}
