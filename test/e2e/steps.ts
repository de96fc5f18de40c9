// The UI suite: one person's walk through the product in a real VS Code workbench. Each step is
// one counted test and depends on the ones before it (same window, same session), so they run
// in order. Expected values come from the fixture page the job scraped (title "Fixture Home").
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { codeSteps } from './code-steps';
import { newcomerSteps } from './newcomer-steps';
import { pickSteps } from './pick-steps';
import { recordSteps } from './record-steps';
import { traceSteps } from './trace-steps';
import { poll, SHOTS, type Workbench } from './workbench';

export interface E2eContext {
  wb: Workbench;
  /** The local engine's base URL (live view pages are served from it). */
  engineUrl: string;
  /** A job scraped from the fixture page before the workbench opened. */
  jobId: string;
  /** Base URL of the fixture pages. */
  fixturesUrl: string;
  /** The workspace folder (a copy of examples/) the workbench has open. */
  workspace: string;
  /** Where the screenshots the README shows are saved: media/ with FIRECRAWL_E2E_MEDIA=1, else test-results/screenshots/. */
  media: string;
}

export interface Step {
  name: string;
  run(ctx: E2eContext): Promise<void>;
}

// Lines of examples/title.js that `await page.title()` (see the file).
const JS_FILE = 'title.js';
const TITLE_LINES: [number, number] = [4, 4];
const PAGE_TITLE = 'Fixture Home';
const TS_FILE = 'fill-form.ts';
const PY_FILE = 'links.py';

export const steps: Step[] = [
  {
    name: 'the workbench opens with the examples workspace',
    async run({ wb }) {
      await wb.waitReady();
      await wb.page.locator('.part.sidebar, .part.editor').first().waitFor({ state: 'visible' });
    },
  },
  {
    name: 'before any command, the status bar shows the backend and the Firecrawl view welcomes with its first steps',
    async run({ wb, media }) {
      const backend = wb.statusItem('firecrawlInteract.backend');
      await backend.waitFor({ state: 'visible', timeout: 60_000 });
      // The engine handed over by FIRECRAWL_API_URL is named after the variable, not "local engine"
      // (that is the engine the extension itself can start).
      assert.match(await backend.innerText(), /127\.0\.0\.1:\d+ \(FIRECRAWL_API_URL\) · no job/);
      assert.match((await backend.getAttribute('aria-label')) ?? '', /FIRECRAWL_API_URL/);
      const sidebar = await wb.openFirecrawlView();
      // The backend here is a local engine, so its welcome offers no "Start local engine" (the
      // cloud and custom-URL welcomes do: checked on the manifest by the unit layer).
      for (const action of ['Choose job', 'Scrape a URL', 'Set API key', 'Switch backend']) {
        // A line with only a link is a button; a link inside a sentence stays a link.
        await sidebar.locator('.welcome-view-content a', { hasText: action }).first().waitFor({ state: 'visible', timeout: 30_000 });
      }
      await wb.page.screenshot({ path: join(media, 'welcome.png') });
    },
  },
  {
    name: `opening ${JS_FILE} shows its code in an editor`,
    async run({ wb }) {
      await wb.openFile(JS_FILE);
      await poll(() => wb.editor().locator('.view-lines').innerText(), (t) => t.includes('page.title()'), 30_000, 'editor text');
    },
  },
  {
    name: 'selecting lines and right-clicking offers "Run in scrape session", which asks for the job',
    async run({ wb }) {
      await wb.selectLines(...TITLE_LINES);
      await wb.contextMenuOnSelection('Run in scrape session');
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Choose job' }).waitFor({ state: 'visible', timeout: 60_000 });
    },
  },
  {
    name: 'picking "Enter a job ID…" in the quick pick and typing the job id starts the run',
    async run({ wb, jobId }) {
      await wb.pickFromQuickPick('Choose job', 'Enter a job ID');
      await wb.answerInputBox('Enter a job ID', jobId);
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
    },
  },
  {
    name: "the Output panel shows the run's result (the page title)",
    async run({ wb }) {
      // The first run creates the browser session and replays the scrape: allow minutes.
      const text = await wb.waitForOutput((t) => t.includes(PAGE_TITLE), 180_000);
      assert.match(text, new RegExp(PAGE_TITLE));
      // The run's one notification carries its actions as links: the new session's live view.
      const toast = wb.page.locator('.notification-toast', { hasText: /ran in job/ });
      await toast.first().locator('a', { hasText: 'Open live view' }).waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: 'Ctrl+Alt+Enter with nothing selected runs the whole TypeScript example, types stripped',
    async run({ wb }) {
      await wb.openFile(TS_FILE);
      await wb.editor().locator('.view-lines').click();
      await wb.page.keyboard.press('Control+Home');
      await wb.page.keyboard.press('Control+Alt+Enter');
      // fill-form.ts types "Ada" into the page's name field and returns what the page echoed.
      await wb.waitForOutput((t) => /echoed\W+Ada/.test(t), 120_000);
    },
  },
  {
    name: 'Ctrl+Alt+Enter runs the Python example (links.py) in the same session: title and links printed',
    async run({ wb }) {
      await wb.openFile(PY_FILE);
      await poll(() => wb.editor().locator('.view-lines').innerText(), (t) => t.includes('eval_on_selector_all'), 30_000, 'editor text');
      await wb.editor().locator('.view-lines').click();
      await wb.page.keyboard.press('Control+Home');
      await wb.page.keyboard.press('Control+Alt+Enter');
      // The REPL starts on the first python run (Playwright for Python from the setup's .cache/py).
      const text = await wb.waitForOutput((t) => /title: Fixture Home[\s\S]*\/two\.html/.test(t), 120_000);
      assert.match(text, /https:\/\/example\.com\/external/);
    },
  },
  {
    name: "a run's notification ends as its outcome: an information message without Cancel, no spinner left, cleared by Clear All Notifications",
    async run({ wb }) {
      const toast = wb.page.locator('.notification-toast', { hasText: /python ran in job/ });
      await toast.first().waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(await toast.count(), 1, 'the run has more than one notification');
      assert.equal(await toast.locator('.codicon-info').count(), 1, 'the outcome does not carry the information icon');
      assert.equal(await toast.locator('.monaco-button', { hasText: 'Cancel' }).count(), 0, 'the finished run still offers Cancel');
      // Nothing of the run keeps spinning in the status bar: neither the extension's request item
      // nor a hidden progress notification (shown there with its title, "Firecrawl · python · …").
      await wb.statusItem('firecrawlInteract.activity').waitFor({ state: 'hidden', timeout: 15_000 });
      assert.equal(await wb.page.locator('.part.statusbar .statusbar-item', { hasText: /Firecrawl ·/ }).count(), 0, "a run's progress is still in the status bar");
      await wb.page.screenshot({ path: join(SHOTS, 'run-outcome.png') });
      await wb.runCommand('Notifications: Clear All Notifications');
      await toast.first().waitFor({ state: 'hidden', timeout: 15_000 });
    },
  },
  {
    name: 'the status bar shows the session cost item, and it ticks',
    async run({ wb }) {
      const cost = wb.statusItem('firecrawlInteract.cost');
      await cost.waitFor({ state: 'visible', timeout: 30_000 });
      const first = await cost.innerText();
      assert.match(first, /credit|\d/i);
      await poll(() => cost.innerText(), (t) => t !== first, 15_000, 'cost item text');
      await wb.statusItem('firecrawlInteract.stop').waitFor({ state: 'visible', timeout: 10_000 });
    },
  },
  {
    name: "the live view (command palette) shows frames of the session's page in the webview",
    async run({ wb, engineUrl }) {
      await wb.runCommand('Firecrawl: Open live view');
      const viewer = await poll(async () => wb.framesUnder(engineUrl)[0], (f) => f !== undefined, 60_000, 'live view frame');
      assert.ok(insideWebview(viewer), 'the live view frame is not inside the webview panel');
      // The viewer paints screencast frames on a canvas: it must be sized and not one flat colour.
      await poll(() => viewer.evaluate(canvasSummary).catch(() => 'unreadable'), (s) => s === 'painted', 90_000, 'live view canvas');
    },
  },
  {
    name: 'the Firecrawl view shows the backend, the current job, the session and the runs',
    async run({ wb, media, jobId }) {
      await wb.openFirecrawlView();
      await wb.treeRow(/^Backend: 127\.0\.0\.1:\d+ \(FIRECRAWL_API_URL\)/).first().waitFor({ state: 'visible', timeout: 30_000 });
      // The job was typed in (its page title is not known here): it is named by its id.
      await wb.treeRow(`Job: ${jobId.slice(0, 8)}`).first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.treeRow(/Sessions \(1\)/).first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.treeRow(/fill-form\.ts:\d+.*done/).first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.treeRow(/title\.js:4 · done/).first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.page.screenshot({ path: join(media, 'workbench.png') });
    },
  },
  {
    name: "clicking the status bar stop button asks, then stops the session and reports the server's credits",
    async run({ wb }) {
      await wb.statusItem('firecrawlInteract.stop').click();
      await wb.answerDialog('Stop session');
      const texts = await poll(() => wb.notificationTexts(), (t) => t.some((m) => /stopped/i.test(m)), 60_000, 'stop notification');
      assert.ok(texts.some((m) => /stopped.*free \(local engine\)/i.test(m)), `the local engine's stop is not reported as free: ${texts.join(' | ')}`);
      await wb.statusItem('firecrawlInteract.cost').waitFor({ state: 'hidden', timeout: 30_000 });
    },
  },
  {
    name: 'after a window reload the Runs view still lists the runs',
    async run({ wb }) {
      await wb.page.reload();
      await wb.waitReady();
      await wb.openFirecrawlView();
      await wb.treeRow(/title\.js:4 · done/).first().waitFor({ state: 'visible', timeout: 60_000 });
      await wb.treeRow(/fill-form\.ts:\d+.*done/).first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: 'a URL scraped from the palette becomes the current job, and a past run re-runs in it from the Runs view',
    async run({ wb, fixturesUrl }) {
      await wb.runCommand('Firecrawl: Scrape a URL and use its job');
      await wb.answerInputBox('Scrape a URL', `${fixturesUrl}/index.html`);
      await poll(() => wb.statusItem('firecrawlInteract.backend').innerText(), (t) => t.includes(PAGE_TITLE), 60_000, 'the new job in the status bar');
      await wb.contextMenu(wb.treeRow(/title\.js:4 · done/).first(), 'Run in the current job');
      await poll(() => wb.treeRow(/title\.js:4 · done/).count(), (n) => n >= 2, 180_000, 'the re-run listed in Runs');
      await wb.runCommand('Firecrawl: Show output');
      await wb.waitForOutput((t) => t.includes(PAGE_TITLE), 30_000);
    },
  },
  {
    name: 'the walkthrough opens from the Firecrawl view and takes a newcomer through the steps',
    async run({ wb }) {
      await wb.runCommand('Firecrawl: Get started');
      await wb.page.locator('.gettingStartedContainer', { hasText: 'Get started with Firecrawl Interact' }).first().waitFor({ state: 'visible', timeout: 60_000 });
      for (const step of ['Choose where browsers run', 'Get a job', 'Run code in the page', 'Stop the session']) {
        await wb.page.locator('.gettingStartedContainer', { hasText: step }).first().waitFor({ state: 'visible', timeout: 10_000 });
      }
    },
  },
  ...codeSteps,
  ...traceSteps,
  ...pickSteps,
  ...recordSteps,
  ...newcomerSteps,
];

/** True when one of the frame's ancestors is a VS Code webview (its inner `active-frame`). */
function insideWebview(frame: Frame): boolean {
  for (let f = frame.parentFrame(); f; f = f.parentFrame()) {
    if (/webview/i.test(f.url()) && f.parentFrame() !== null) return true;
  }
  return false;
}

// Runs in the live view page: "painted" once the canvas shows a real frame.
export function canvasSummary(): string {
  const canvas = document.querySelector('canvas');
  if (!canvas || canvas.width < 10 || canvas.height < 10) return 'no frame yet';
  const ctx = canvas.getContext('2d');
  if (!ctx) return 'no 2d context';
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 4; i < data.length; i += 4 * 97) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) return 'painted';
  }
  return 'flat';
}
