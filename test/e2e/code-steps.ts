// UI steps of runs that know the code: a `%%` cell's lenses in the editor and a click on
// "Run cell", then the example notebook run with Run All, its screenshot cell showing a
// picture of the page and its JSON cell a tree that opens on a click, then the live view's
// Screenshot button, and Scrape the page as it is now after the notebook clicked the page's
// button. Screenshots go to test-results/screenshots/ and, with
// FIRECRAWL_E2E_MEDIA=1, to media/ for the README.
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Step } from './steps';
import { poll, type Workbench } from './workbench';

const ROOT = resolve(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');

const keep = (name: string): string => join(SHOTS, name);

function publish(name: string): void {
  if (process.env.FIRECRAWL_E2E_MEDIA === '1') copyFileSync(join(SHOTS, name), join(ROOT, 'media', name));
}

/** Waits until an image matching `selector`, in any frame of the workbench, has decoded to a real size. */
async function decodedImage(wb: Workbench, selector: string, timeoutMs: number, what: string): Promise<void> {
  await poll(
    async () => {
      for (const frame of wb.page.frames()) {
        const img = frame.locator(selector).first();
        if ((await img.count().catch(() => 0)) > 0) return img.evaluate((el: HTMLImageElement) => `${el.naturalWidth}x${el.naturalHeight}`);
      }
      return '';
    },
    (size) => /^[1-9]\d*x[1-9]\d*$/.test(size),
    timeoutMs,
    what,
  );
}

export const codeSteps: Step[] = [
  {
    name: 'a %% cell shows "Run cell" lenses; clicking one runs the cell and the output shows its result',
    async run({ wb }) {
      await wb.openFile('cells.js');
      const lens = wb.editor().locator('.codelens-decoration a', { hasText: 'Run cell' }).first();
      await lens.waitFor({ state: 'visible', timeout: 60_000 });
      const titles = await wb.editor().locator('.codelens-decoration').first().innerText();
      assert.match(titles, /Run cell.*Run cell and below/s);
      await wb.page.screenshot({ path: keep('cell-lens.png'), clip: (await wb.editor().boundingBox()) ?? undefined });
      publish('cell-lens.png');
      await lens.click();
      await wb.waitForOutput((t) => t.includes('Hello fixture'), 180_000);
    },
  },
  {
    name: 'the example notebook runs with Run All and shows a screenshot of the page as a picture',
    async run({ wb }) {
      // Quick open (the palette without ">") opens the notebook in the notebook editor.
      await wb.openQuickInput('page-steps.fcnb');
      await wb.quickPickRow('page-steps.fcnb').first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.page.keyboard.press('Enter');
      await wb.runAllCells('Firecrawl session');
      // Every cell has run when the last one (the prompt) has an outcome in the output panel.
      await wb.waitForOutput((t) => /page-steps\.fcnb, cell 8/.test(t), 240_000);
      await wb.hidePanel();
      // Outputs render in the notebook's webview when their cell is in view: go to the
      // screenshot cell (6 of 8) in command mode, then find the picture in the webview's frames.
      // The keys are sent again until the notebook's status item says cell 6 has the focus (a
      // key pressed while focus is still moving into the cell editor is lost).
      await poll(
        async () => {
          await wb.page.locator('.notebook-editor .monaco-editor .view-lines').first().click();
          await wb.page.keyboard.press('Escape');
          await wb.page.keyboard.press('End');
          await wb.page.keyboard.press('ArrowUp');
          await wb.page.keyboard.press('ArrowUp');
          return wb.page.locator('.statusbar-item', { hasText: /^Cell \d+ of \d+$/ }).first().innerText().catch(() => '');
        },
        (cell) => cell.trim() === 'Cell 6 of 8',
        60_000,
        'the screenshot cell (6 of 8) focused in the notebook',
      );
      await decodedImage(wb, 'img[src^="data:image/png"], img[src^="blob:"]', 60_000, 'a rendered screenshot image in the notebook output');
      await wb.page.screenshot({ path: keep('notebook.png') });
      publish('notebook.png');
    },
  },
  {
    name: "the notebook's JSON result is a collapsible tree: clicking a closed row opens it",
    async run({ wb }) {
      // From the screenshot cell (6) up to the TypeScript cell (4), whose result is JSON.
      await wb.page.keyboard.press('ArrowUp');
      await wb.page.keyboard.press('ArrowUp');
      const tree = await poll(
        async () => {
          for (const frame of wb.page.frames()) if ((await frame.locator('.fc-json').count().catch(() => 0)) > 0) return frame;
          return undefined;
        },
        (f) => f !== undefined,
        60_000,
        'the JSON tree in the notebook output',
      );
      assert.ok(tree);
      const root = tree.locator('.fc-json > details').first();
      assert.equal(await root.getAttribute('open'), '', 'the top level starts open');
      assert.match(await root.locator(':scope > summary').innerText(), /\{3 keys\}/);
      // links[0] is on the third level: closed, its fields not built yet. Held by its index (a
      // `:not([open])` locator would move on to the next closed row once this one opens).
      const rows = tree.locator('.fc-json details');
      const link = rows.nth(await rows.evaluateAll((els) => els.findIndex((e) => !(e as HTMLDetailsElement).open)));
      assert.match(await link.locator(':scope > summary').innerText(), /^0: \{2 keys\}/);
      assert.equal(await link.locator('.key').count(), 1, 'a closed row has no children yet');
      await link.locator(':scope > summary').click();
      await poll(() => link.getAttribute('open'), (v) => v !== null, 10_000, 'the row to open');
      // The row's children are built by its `toggle` event, which comes a task after `open` is set.
      const fields = /"text": "Second page"[\s\S]*"href": "\/two\.html"/;
      assert.match(await poll(() => link.innerText(), (t) => fields.test(t), 10_000, "the opened row's fields"), fields);
      await wb.page.screenshot({ path: keep('notebook-json.png') });
    },
  },
  {
    name: "the live view's Screenshot button opens a picture of the session's page beside",
    async run({ wb, engineUrl }) {
      await wb.runCommand('Firecrawl: Open live view');
      await poll(async () => wb.framesUnder(engineUrl)[0], (f) => f !== undefined, 60_000, 'live view frame');
      const button = await poll(
        async () => {
          for (const frame of wb.page.frames()) {
            const b = frame.locator('button#screenshot');
            if ((await b.count().catch(() => 0)) > 0) return b;
          }
          return undefined;
        },
        (b) => b !== undefined,
        30_000,
        "the live view's Screenshot button",
      );
      assert.ok(button);
      assert.equal(await button.isEnabled(), true);
      await button.click();
      // The picture opens in an image editor tab named page-<time>-<job>.png.
      await wb.page.locator('.tabs-container .tab[aria-label^="page-"][aria-label*=".png"]').first().waitFor({ state: 'visible', timeout: 60_000 });
      await decodedImage(wb, 'img[src*="page-"]', 30_000, 'the picture shown in the image preview');
      await wb.page.screenshot({ path: keep('liveview-screenshot.png') });
    },
  },
  {
    name: 'Scrape the page as it is now (palette) opens the markdown of the page as the notebook\'s click left it, beside',
    async run({ wb }) {
      await wb.runCommand('Firecrawl: Scrape the page as it is now');
      // The formats picker starts with markdown picked: Enter takes it.
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Scrape the page as it is now' }).waitFor({ state: 'visible', timeout: 30_000 });
      await wb.page.keyboard.press('Enter');
      const group = wb.page.locator('.editor-group-container:has(.tab.active[aria-label*="-markdown.md"])').first();
      await group.waitFor({ state: 'visible', timeout: 60_000 });
      // The fixture's button reads "Click me" until a run clicks it (the notebook's cell 3 did).
      // The editor lays spaces out as no-break spaces.
      const lines = async () => (await group.locator('.view-lines').first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
      const text = await poll(lines, (t) => /Clicked \d+ times/.test(t), 30_000, 'the new button text in the markdown');
      assert.doesNotMatch(text, /Click me/);
      await wb.page.screenshot({ path: keep('scrape-now.png') });
    },
  },
];
