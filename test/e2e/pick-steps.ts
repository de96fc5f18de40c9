// UI step of Pick a locator: with title.js's cursor on a new last line, the live view's Pick
// button, a hover over the page's button in the live view (Playwright's highlight drawn in the
// page shows in the frame) and a click put the locator at that cursor; the panel says how many
// elements it matches. The hover's picture goes to the README (media/pick.png with FIRECRAWL_E2E_MEDIA=1).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import type { Step } from './steps';
import { poll, type Workbench } from './workbench';

// The button's name is its label: "Click me", or "Clicked N times" once earlier steps clicked it.
const LOCATOR = /page\.getByRole\('button', \{ name: 'Click(?: me|ed \d+ times?)' \}\)/;

/** The first frame (any depth) holding `selector`. */
export async function frameWith(wb: Workbench, selector: string, timeoutMs: number, what: string): Promise<Frame> {
  const found = await poll(
    async () => {
      for (const frame of wb.page.frames()) if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
      return undefined;
    },
    (f) => f !== undefined,
    timeoutMs,
    what,
  );
  return found as Frame;
}

/** Texts of every code editor shown in the workbench. */
export async function editorTexts(wb: Workbench): Promise<string> {
  return wb.page.locator('.editor-instance .monaco-editor .view-lines').evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n---\n'));
}

/**
 * Where the fixture page's button is in the live view's canvas: the page is laid out the same in
 * a page of the frame's size in this Chromium; the canvas letterboxes the frame.
 */
async function buttonInCanvas(wb: Workbench, canvas: Locator, fixturesUrl: string): Promise<{ x: number; y: number }> {
  return elementInCanvas(wb, canvas, fixturesUrl, '#btn');
}

/** Where `selector`'s left part is in the live view's canvas (see buttonInCanvas). */
export async function elementInCanvas(wb: Workbench, canvas: Locator, fixturesUrl: string, selector: string): Promise<{ x: number; y: number }> {
  const size = await canvas.evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height, cssWidth: c.getBoundingClientRect().width, cssHeight: c.getBoundingClientRect().height }));
  const probe = await wb.page.context().newPage();
  try {
    await probe.setViewportSize({ width: size.width, height: size.height });
    await probe.goto(`${fixturesUrl}/index.html`);
    const box = await probe.locator(selector).boundingBox();
    assert.ok(box, `the fixture page has ${selector}`);
    const scale = Math.min(size.cssWidth / size.width, size.cssHeight / size.height);
    const left = (size.cssWidth - size.width * scale) / 2;
    const top = (size.cssHeight - size.height * scale) / 2;
    // The button's left part: its label (and width) changes once code clicked it.
    return { x: left + (box.x + 12) * scale, y: top + (box.y + box.height / 2) * scale };
  } finally {
    await probe.close();
  }
}

export const pickSteps: Step[] = [
  {
    name: "Pick in the live view puts the page's button's locator at the cursor in title.js",
    async run({ wb, engineUrl, fixturesUrl, media }) {
      // title.js alone in the first group, so it is the editor the live view opens beside.
      await wb.runCommand('View: Close All Editors');
      await wb.openFile('title.js');
      await wb.editor().locator('.view-lines').click();
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.press('Enter');
      await wb.page.keyboard.type('const go = ');
      await wb.runCommand('Firecrawl: Open live view');
      // Opening renders the panel again: a frame found just before may be replaced; clickPanelButton finds it again then.
      await clickPanelButton(wb, 'pick', "the live view's enabled Pick button");
      // Pick turns the view interactive: the panel renders again with the interactive viewer.
      const viewer = await interactiveViewer(wb, engineUrl);
      const status = await frameWith(wb, '#pick-status', 30_000, 'the Pick line');
      // The helper process starts, connects over the cdpUrl and arms Playwright's picker: then the line asks for the click.
      await poll(() => status.locator('#pick-status').innerText().catch(() => ''), (t) => /move the mouse over the page/.test(t), 90_000, 'the Pick line asking for a click');
      const canvas = (viewer as Frame).locator('canvas');
      const at = await buttonInCanvas(wb, canvas, fixturesUrl);
      // Playwright arms its picker in the page; hover until its highlight is in a frame (the
      // picture for the README), then click.
      await canvas.hover({ position: at });
      await new Promise((r) => setTimeout(r, 1_500));
      await canvas.hover({ position: { x: at.x + 1, y: at.y } });
      await new Promise((r) => setTimeout(r, 1_000));
      await wb.page.screenshot({ path: join(media, 'pick.png') });
      await canvas.click({ position: at });
      const atCursor = new RegExp(`const go = ${LOCATOR.source}`);
      const text = await poll(() => editorTexts(wb), (t) => atCursor.test(t), 60_000, 'the locator at the cursor in title.js');
      assert.match(text, atCursor);
      const line = new RegExp(`${LOCATOR.source} · 1 match · inserted in title\\.js`);
      await poll(() => status.locator('#pick-status').innerText().catch(() => ''), (t) => line.test(t), 30_000, 'the Pick line with the match count');
      // The steps after this one find title.js as the examples have it: undo the line, save. Its
      // tab takes the focus back from the live view (keys pressed in a webview stay there).
      await wb.page.locator('.tabs-container .tab[aria-label^="title.js"]').first().click();
      await wb.editor().locator('.view-lines').click();
      for (let i = 0; i < 20 && /const go/.test(await editorTexts(wb)); i++) await wb.page.keyboard.press('Control+Z');
      assert.doesNotMatch(await editorTexts(wb), /const go/);
      await wb.page.keyboard.press('Control+S');
    },
  },
];

/** The interactive live view's frame, once it shows a real frame. */
export async function interactiveViewer(wb: Workbench, engineUrl: string): Promise<Frame> {
  const viewer = await poll(
    async () => {
      for (const f of wb.framesUnder(engineUrl)) if ((await f.locator('canvas.interactive').count().catch(() => 0)) > 0 && (await f.evaluate(painted).catch(() => false))) return f;
      return undefined;
    },
    (f) => f !== undefined,
    90_000,
    'the interactive live view, painted',
  );
  return viewer as Frame;
}

/** Clicks the live view's button `id` once it is there and enabled (a render may replace the panel's page meanwhile). */
export async function clickPanelButton(wb: Workbench, id: string, what: string): Promise<void> {
  await poll(
    async () => {
      try {
        const button = (await frameWith(wb, `button#${id}`, 60_000, what)).locator(`button#${id}`);
        if (!(await button.isEnabled())) return 'disabled';
        await button.click({ timeout: 5_000 });
        return 'clicked';
      } catch (err) {
        return (err as Error).message;
      }
    },
    (r) => r === 'clicked',
    60_000,
    `a click on ${what}`,
  );
}

// Runs in the live view page: true once the canvas shows a real frame.
function painted(): boolean {
  const canvas = document.querySelector('canvas');
  if (!canvas || canvas.width < 10 || canvas.height < 10) return false;
  const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
  if (!data) return false;
  for (let i = 4; i < data.length; i += 4 * 97) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return true;
  return false;
}
