// UI step of Record at cursor: with fill-form.ts's cursor on a new blank line before its
// `const greeting`, the live view's Record button, a click into the page's name field and typing
// there in the live view write Playwright's code; Stop leaves it. The session is
// then stopped, the page scraped again and the file run in the new job's session: the page echoes
// the recorded typing.
// The picture while recording goes to the README (media/record.png with FIRECRAWL_E2E_MEDIA=1).
// Then the example notebook: with the cursor on a new line of its first code cell, a click
// recorded in the live view is written into that cell; from its Markdown cell, into a new
// JavaScript cell below it (screenshots record-notebook.png, record-notebook-new-cell.png).
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickPanelButton, editorTexts, elementInCanvas, frameWith, interactiveViewer } from './pick-steps';
import type { Step } from './steps';
import { poll, SHOTS } from './workbench';

const WORD = 'Grace';
// The click goes to the name field, whose accessible name does not change with the page's state:
// the session's page here has been clicked by earlier steps ('Clicked 1 times'), and a locator
// recorded from that label would find no button in the fresh session the code runs in.
const CLICK = /await page\.getByRole\('textbox', \{ name: 'Your name' \}\)\.click\(\);/;
const FILL = new RegExp(`await page\\.getByRole\\('textbox', \\{ name: 'Your name' \\}\\)\\.fill\\('(\\w*${WORD})'\\);`);

export const recordSteps: Step[] = [
  {
    name: 'Record in the live view writes a click and typing as code at the cursor in fill-form.ts; run in a new session, the page echoes the typing',
    async run({ wb, engineUrl, fixturesUrl, media, workspace }) {
      await wb.runCommand('View: Close All Editors');
      await wb.openFile('fill-form.ts');
      await poll(() => editorTexts(wb), (t) => t.includes('const greeting'), 30_000, 'fill-form.ts in its editor');
      // Monaco renders spaces as no-break spaces.
      await wb.editor().locator('.view-line', { hasText: /const.greeting/ }).click();
      await wb.page.keyboard.press('Home');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.press('ArrowUp');
      await wb.runCommand('Firecrawl: Open live view');
      await clickPanelButton(wb, 'record', "the live view's Record button");
      const viewer = await interactiveViewer(wb, engineUrl);
      const status = await frameWith(wb, '#pick-status', 30_000, 'the status line');
      await poll(() => status.locator('#pick-status').innerText().catch(() => ''), (t) => /Recording into fill-form\.ts/.test(t), 90_000, 'the line saying the recording is on');
      const canvas = viewer.locator('canvas');
      await canvas.click({ position: await elementInCanvas(wb, canvas, fixturesUrl, '#name') });
      await wb.page.keyboard.type(WORD, { delay: 60 });
      await poll(() => editorTexts(wb), (t) => CLICK.test(t) && FILL.test(t), 60_000, 'the click and the fill at the cursor in fill-form.ts');
      await wb.page.screenshot({ path: join(media, 'record.png') });
      await clickPanelButton(wb, 'record', "the live view's Stop recording button");
      await poll(() => status.locator('#pick-status').innerText().catch(() => ''), (t) => /Recording stopped; the code is in fill-form\.ts/.test(t), 30_000, 'the line saying the recording stopped');
      // Saved, the file holds the steps in order: the click, the fill (typing is one fill, as
      // Playwright merges it), before the greeting. (The editor's DOM does not keep line order.)
      await wb.page.locator('.tabs-container .tab[aria-label^="fill-form.ts"]').first().click();
      await wb.editor().locator('.view-lines').click();
      await wb.page.keyboard.press('Control+S');
      const file = join(workspace, 'fill-form.ts');
      const saved = await poll(async () => readFileSync(file, 'utf8'), (t) => FILL.test(t), 30_000, 'fill-form.ts saved with the recorded lines');
      const lines = saved.split('\n');
      const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
      assert.equal(lines.filter((l) => FILL.test(l)).length, 1, saved);
      assert.ok(at(/^await page\.fill\('#name'/) < at(CLICK) && at(CLICK) < at(FILL) && at(FILL) < at(/^const greeting/), saved);
      const typed = FILL.exec(saved)![1];

      // A new session: stop this one (a stopped job's session cannot be restarted), scrape the
      // page again for a new job, and run the whole file (Ctrl+Alt+Enter) there.
      await wb.statusItem('firecrawlInteract.stop').click();
      await wb.answerDialog('Stop session');
      await wb.statusItem('firecrawlInteract.cost').waitFor({ state: 'hidden', timeout: 60_000 });
      const stopped = [...(await wb.waitForOutput((t) => /Session stopped · job [\w-]+/.test(t), 60_000)).matchAll(/Session stopped · job ([\w-]+)/g)].at(-1)![1];
      await wb.runCommand('Firecrawl: Scrape a URL and use its job');
      await wb.answerInputBox('Scrape a URL', `${fixturesUrl}/index.html`);
      const current = (texts: string[]) => texts.some((t) => [...t.matchAll(/Job ([\w-]+) is now the current job/g)].some((m) => m[1] !== stopped));
      await poll(() => wb.notificationTexts(), current, 60_000, 'a new job, current');
      await wb.page.locator('.tabs-container .tab[aria-label^="fill-form.ts"]').first().click();
      await wb.editor().locator('.view-lines').click();
      await wb.page.keyboard.press('Control+Home');
      await wb.page.keyboard.press('Control+Alt+Enter');
      await wb.waitForOutput((t) => new RegExp(`echoed\\W+${typed}`).test(t), 180_000);

      // The steps after this one find fill-form.ts as the examples have it.
      for (let i = 0; i < 40 && /Your name/.test(await editorTexts(wb)); i++) await wb.page.keyboard.press('Control+Z');
      assert.doesNotMatch(await editorTexts(wb), /Your name/);
      await wb.page.keyboard.press('Control+S');
    },
  },
  {
    name: 'Record in the live view with a notebook cell active writes the recorded click into that cell of page-steps.fcnb; from a Markdown cell, into a new code cell below it',
    async run({ wb, engineUrl, fixturesUrl, workspace }) {
      const notebook = join(workspace, 'page-steps.fcnb');
      const original = readFileSync(notebook, 'utf8');
      await wb.runCommand('View: Close All Editors');
      // Quick open (the palette without ">") opens the notebook in the notebook editor.
      await wb.openQuickInput('page-steps.fcnb');
      await wb.quickPickRow('page-steps.fcnb').first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.page.keyboard.press('Enter');
      await wb.hidePanel();
      const cellLines = () => wb.page.locator('.notebook-editor .cell-list-container .monaco-editor .view-lines');
      // Each cell editor's text: Monaco shows a line in a .view-line placed by its `top` (the DOM
      // does not keep line order), spaces as no-break spaces.
      const cellText = () =>
        cellLines().evaluateAll((els) =>
          els.map((el) =>
            Array.from(el.querySelectorAll<HTMLElement>('.view-line'))
              .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
              .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
              .join('\n'),
          ),
        );
      const statusLine = async () => (await frameWith(wb, '#pick-status', 30_000, 'the status line')).locator('#pick-status').innerText().catch(() => '');
      /** Record, one click into the page's name field, Stop; `written` says when the click is where it belongs. */
      const recordClick = async (into: RegExp, written: (cells: string[]) => boolean, what: string) => {
        await clickPanelButton(wb, 'record', "the live view's Record button");
        const viewer = await interactiveViewer(wb, engineUrl);
        await poll(statusLine, (t) => new RegExp(`Recording into ${into.source}`).test(t), 90_000, `the line saying the recording goes into ${into.source}`);
        const canvas = viewer.locator('canvas');
        await canvas.click({ position: await elementInCanvas(wb, canvas, fixturesUrl, '#name') });
        await poll(cellText, written, 60_000, what);
      };

      // The first code cell (2 of 8) holds only `await page.title()`; the cursor goes on a new line after it.
      const titleCell = cellLines().filter({ hasText: /^await.page\.title\(\)$/ }).first();
      // The notebook reopens where it was last scrolled (the Run All steps left it at cell 6), and
      // only cells in view have editors: the mouse wheel brings its top back into view.
      await poll(
        async () => {
          const list = await wb.page.locator('.notebook-editor .cell-list-container').first().boundingBox();
          const cell = (await titleCell.count()) > 0 ? await titleCell.boundingBox() : null;
          if (list && cell && cell.y >= list.y && cell.y + cell.height <= list.y + list.height) return true;
          if (list) {
            await wb.page.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
            await wb.page.mouse.wheel(0, -3000);
            await new Promise((r) => setTimeout(r, 300));
          }
          return false;
        },
        (shown) => shown,
        60_000,
        'the title cell (2 of 8) in view',
      );
      await titleCell.click();
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.press('Enter');
      await wb.runCommand('Firecrawl: Open live view');
      await recordClick(/cell 2 of page-steps\.fcnb/, (cells) => cells.some((c) => c.startsWith('await page.title()\n') && CLICK.test(c)), 'the recorded click in the title cell, after its line');
      await wb.page.screenshot({ path: join(SHOTS, 'record-notebook.png') });
      await clickPanelButton(wb, 'record', "the live view's Stop recording button");
      await poll(statusLine, (t) => /Recording stopped; the code is in cell 2 of page-steps\.fcnb/.test(t), 30_000, 'the line saying the recording stopped');
      assert.equal((await cellText()).filter((c) => CLICK.test(c)).length, 1, (await cellText()).join('\n---\n'));

      // The Markdown cell (1) in edit mode, its cursor at its end: no code there, so a new
      // JavaScript cell below it (2) takes the steps.
      // It is rendered in the notebook's webview: reached from cell 2 in command mode. The keys
      // are sent again until the notebook's status item says cell 1 is selected (an Escape that
      // closes the editor's hover does not leave the cell editor; the mouse goes away first).
      await poll(
        async () => {
          await cellLines().filter({ hasText: /^await.page\.title\(\)/ }).first().click();
          await wb.page.mouse.move(5, 400);
          await new Promise((r) => setTimeout(r, 300));
          await wb.page.keyboard.press('Escape');
          await wb.page.keyboard.press('ArrowUp');
          return wb.page.locator('.statusbar-item', { hasText: /^Cell \d+ of \d+$/ }).first().innerText().catch(() => '');
        },
        (cell) => cell.trim() === 'Cell 1 of 8',
        60_000,
        'the Markdown cell (1 of 8) selected in the notebook',
      );
      await wb.page.keyboard.press('Enter');
      const markdown = cellLines().filter({ hasText: /Step.by.step/ }).first();
      await markdown.waitFor({ state: 'visible', timeout: 30_000 });
      await markdown.click();
      await wb.page.keyboard.press('Control+End');
      await recordClick(/cell 2 of page-steps\.fcnb/, (cells) => cells.some((c) => CLICK.test(c) && c.trim().split('\n').length === 1), 'the recorded click alone in a new cell');
      await wb.page.screenshot({ path: join(SHOTS, 'record-notebook-new-cell.png') });
      await clickPanelButton(wb, 'record', "the live view's Stop recording button");
      await poll(statusLine, (t) => /Recording stopped; the code is in cell 2 of page-steps\.fcnb/.test(t), 30_000, 'the line saying the recording stopped');
      const cells = await cellText();
      assert.equal(cells.filter((c) => CLICK.test(c)).length, 2, cells.join('\n---\n'));

      // code-server saves edits after a delay (files.autoSave's default on the web): the file on disk
      // has both recorded clicks. The steps after this one find the notebook as the examples have
      // it: the file is written back, and the editor, with nothing unsaved, reloads it.
      const saved = await poll(async () => readFileSync(notebook, 'utf8'), (t) => t.split('Your name').length === 3, 30_000, 'the notebook saved with both clicks');
      const fileCells = (JSON.parse(saved) as { cells: { kind: string; language: string; source: string[] }[] }).cells;
      assert.deepEqual([fileCells[1].kind, fileCells[1].language], ['code', 'javascript'], saved);
      assert.match(fileCells[1].source.join('\n'), new RegExp(`^${CLICK.source}\n?$`), saved);
      assert.match(fileCells[2].source.join('\n'), new RegExp(`^await page\\.title\\(\\)\n${CLICK.source}\n?$`), saved);
      writeFileSync(notebook, original);
      await poll(cellText, (c) => c.length > 0 && !c.some((t) => CLICK.test(t)), 30_000, 'the notebook as the examples have it again');
    },
  },
];
