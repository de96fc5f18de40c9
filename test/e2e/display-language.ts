/**
 * The extension in VS Code's display language (issue 22), each in a window of its own:
 * - Japanese: code-server started with `--locale ja` shows the Firecrawl commands in Japanese
 *   in the palette; a selection runs in the job's session, and the run's notification, the
 *   output's fixed words and the Firecrawl view are in Japanese; a notebook cell's JSON result
 *   shows its tree with Japanese counts and buttons (the words come from the extension).
 * - Simplified Chinese (`--locale zh-cn`): the manifest's texts (palette, view names, welcome)
 *   and the status bar are in Chinese.
 * VS Code's own menus stay English: the suite registers a language pack without VS Code's own
 * translations (see displayLanguageArgs in test/host/code-server.ts).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, workbenchUrl, type CodeServerHandle } from '../host/code-server';
import { poll, Workbench } from './workbench';

export interface DisplayLanguageOptions {
  root: string;
  browser: Browser;
  env: Record<string, string>;
  /** A job scraped from the fixture page ("Fixture Home"). */
  jobId: string;
  /** Where the pictures go (media/l10n/ for the READMEs with FIRECRAWL_E2E_MEDIA=1). */
  pictures: string;
  /** Where the window's picture goes when its walk fails (the run's screenshot of that step). */
  failureShot: string;
}

const STATUS_BACKEND = 'firecrawlInteract.backend';

export async function japaneseWalk(o: DisplayLanguageOptions): Promise<void> {
  // A notebook in the job of the run below, one cell whose result is JSON (written before the window opens: quick open finds it).
  const notebook = { format: 'firecrawl-interact-notebook', version: 1, job: { id: o.jobId }, cells: [{ kind: 'code', language: 'javascript', source: [JSON_CELL] }] };
  await inWindow(o, 'ja', { 'json-tree.fcnb': JSON.stringify(notebook) }, async (wb, page) => {
    await showPalette(wb, 'Firecrawl: ', 'Firecrawl: API キーを設定');
    await page.screenshot({ path: join(o.pictures, 'ja-palette.png') });
    await page.keyboard.press('Escape');

    const side = await wb.openFirecrawlView('ワークベンチ');
    await poll(() => side.innerText(), (t) => /Firecrawl のスクレイプジョブのライブブラウザで/.test(t) && /URL をスクレイプ/.test(t), 30_000, 'the Japanese welcome of the Workbench view');
    await wb.openFile('title.js');
    await wb.selectLines(4, 4);
    await wb.runCommand('Firecrawl: スクレイプセッションで実行');
    await wb.pickFromQuickPick('Firecrawl: ジョブを選択', 'ジョブ ID を入力');
    await wb.answerInputBox('Firecrawl: ジョブ ID を入力', o.jobId);
    // The run works: the page title comes back, and the output's fixed words are Japanese.
    await wb.waitForOutput((t) => t.includes('Fixture Home') && /└ .+で完了/.test(t), 180_000);
    const output = await wb.outputText();
    if (!/▶ node コード · title\.js:4 · ジョブ /.test(output)) throw new Error(`the run's header is not in Japanese:\n${output}`);
    const notice = await poll(() => wb.notificationTexts(), (texts) => texts.some((t) => /node をジョブ [0-9a-f]{8} で実行しました/.test(t)), 60_000, "the run's Japanese notification");
    if (notice.some((t) => /ran in job/.test(t))) throw new Error(`an English run notification: ${notice.join(' | ')}`);
    await poll(() => side.innerText(), (t) => /バックエンド: /.test(t) && /ジョブ: /.test(t) && /セッション有効/.test(t) && /セッション \(1\)/.test(t), 30_000, 'the Japanese rows of the Workbench view');
    await page.screenshot({ path: join(o.pictures, 'ja-run.png') });

    // The notebook's cell runs in the same job: the tree's counts and buttons are Japanese.
    await wb.hidePanel();
    await wb.openQuickInput('json-tree.fcnb');
    await wb.quickPickRow('json-tree.fcnb').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Enter');
    await wb.runAllCells('Firecrawl セッション');
    const tree = await poll(
      async () => {
        for (const frame of page.frames()) if ((await frame.locator('.fc-json').count().catch(() => 0)) > 0) return frame;
        return undefined;
      },
      (f) => f !== undefined,
      60_000,
      "the notebook's JSON tree",
    );
    const words = await tree!.locator('.fc-json').innerText();
    for (const want of [/\{3 個のキー\}/, /"links": 配列 \(\d+ 件\)/, /すべて表示 \(1,502 文字\)/]) if (!want.test(words)) throw new Error(`the JSON tree lacks ${String(want)}:\n${words}`);
    if (/keys|Array|show all/.test(words)) throw new Error(`the JSON tree has English words:\n${words}`);
    await page.screenshot({ path: join(o.pictures, 'ja-notebook.png') });
  });
}

/** A JSON result with an object, an array and a string long enough to be cut (1,502 characters as JSON). */
const JSON_CELL = "({ title: await page.title(), links: await page.$$eval('a', (els) => els.map((a) => ({ text: a.textContent, href: a.getAttribute('href') }))), long: 'x'.repeat(1500) })";

export async function chineseWalk(o: DisplayLanguageOptions): Promise<void> {
  await inWindow(o, 'zh-cn', {}, async (wb, page) => {
    const side = await wb.openFirecrawlView('工作台');
    await poll(() => side.innerText(), (t) => /直接在编辑器中/.test(t) && /抓取 URL/.test(t) && /运行/.test(t), 30_000, 'the Chinese welcome of the Workbench view');
    await poll(() => wb.statusItem(STATUS_BACKEND).innerText(), (t) => t.includes('无任务'), 30_000, 'the Chinese status bar item');
    // Run in scrape session is offered once an editor is open.
    await wb.openFile('title.js');
    await showPalette(wb, 'Firecrawl: 在抓取', 'Firecrawl: 在抓取会话中运行');
    await page.screenshot({ path: join(o.pictures, 'zh-cn.png') });
    await page.keyboard.press('Escape');
  });
}

/** A window of its own, in `language`, on a copy of examples/ with `files` added. */
async function inWindow(o: DisplayLanguageOptions, language: string, files: Record<string, string>, walk: (wb: Workbench, page: Page) => Promise<void>): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), `interact-e2e-${language}-`));
  cpSync(join(o.root, 'examples'), folder, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  let server: CodeServerHandle | undefined;
  const context = await o.browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  try {
    server = await startCodeServer({ folder, env: o.env, installExtensions: [o.root], displayLanguage: language });
    const page = await context.newPage();
    await page.goto(workbenchUrl(server, folder));
    const wb = new Workbench(page);
    await wb.waitReady();
    const shown = await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE);
    if (shown !== language) throw new Error(`the workbench's display language is ${String(shown)}, not ${language}`);
    await walk(wb, page).catch(async (err: unknown) => {
      await page.screenshot({ path: o.failureShot }).catch(() => undefined);
      throw err;
    });
  } finally {
    await context.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Opens the palette filtered by `filter` and waits for `title` among its rows (the extension may still be activating). */
async function showPalette(wb: Workbench, filter: string, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await wb.openQuickInput(`>${filter}`);
    const found = await wb.quickPickRow(title).first().waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
    if (found) return;
    if (attempt === 6) throw new Error(`the palette does not list "${title}"`);
    await wb.page.keyboard.press('Escape');
  }
}
