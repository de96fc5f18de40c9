// UI step of Record at cursor: with fill-form.ts's cursor on a new blank line before its
// `const greeting`, the live view's Record button, a click into the page's name field and typing
// there in the live view write Playwright's code; Stop leaves it. The session is
// then stopped, the page scraped again and the file run in the new job's session: the page echoes
// the recorded typing.
// The picture while recording goes to the README (media/record.png with FIRECRAWL_E2E_MEDIA=1).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickPanelButton, editorTexts, elementInCanvas, frameWith, interactiveViewer } from './pick-steps';
import type { Step } from './steps';
import { poll } from './workbench';

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
];
