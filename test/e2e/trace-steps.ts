// UI step of Open trace: a past run's context menu in the Runs view opens the session's trace in
// Playwright's trace viewer, in a panel beside, at that run, with the run's own actions listed
// (fill-form.ts filled the name field). The session has ended by then (the
// status bar stopped it): the engine keeps the trace. The picture goes to the README
// (media/trace.png with FIRECRAWL_E2E_MEDIA=1).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import type { Step } from './steps';
import { poll } from './workbench';

export const traceSteps: Step[] = [
  {
    name: "Open trace on a run in the Runs view shows the session's trace in Playwright's trace viewer, at that run, with its actions",
    async run({ wb, media }) {
      await wb.runCommand('View: Close All Editors');
      // For the picture: the viewer gets the room the Output panel and the notifications take.
      // (Done first: once the viewer's page has the focus, keys stay in the webview.)
      await wb.hidePanel();
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.openFirecrawlView();
      const row = wb.treeRow(/fill-form\.ts:\d+.*done/).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      await wb.contextMenu(row, 'Open trace');
      await wb.page.locator('.tabs-container .tab[aria-label^="Trace: job "]').first().waitFor({ state: 'visible', timeout: 60_000 });
      // The panel frames our page from the helper (loopback), which frames the viewer itself.
      const viewer = (await poll(
        async () => wb.page.frames().find((f) => f.url().includes('/trace/index.html') && f.parentFrame()?.url().includes('/firecrawl/trace.html')),
        (f) => f !== undefined,
        90_000,
        'the trace viewer in the panel',
      )) as Frame;
      assert.match(viewer.url(), /^http:\/\/127\.0\.0\.1:\d+\//);
      const run = viewer.locator('[role="treeitem"][data-firecrawl-run="selected"]');
      await run.waitFor({ state: 'attached', timeout: 90_000 });
      const title = (await run.locator('.action-title-method').first().getAttribute('title')) ?? '';
      assert.match(title, /^Run \d+ · node: /, 'the run is opened by its number');
      const actions = await run.locator('[role="group"] .action-title-method').allTextContents();
      assert.ok(actions.some((a) => /^Fill/.test(a)), `fill-form.ts's fill is among the run's actions: ${actions.join(', ')}`);
      // The run's last action is selected (reads such as textContent are hidden by the viewer's default filter).
      assert.match(await viewer.locator('.tree-view-entry.selected').innerText(), /^Fill/);
      await new Promise((r) => setTimeout(r, 2_000));
      await wb.page.screenshot({ path: join(media, 'trace.png') });
      // Closed by its tab's close button (a mouse click: keys would stay in the viewer's webview,
      // which keeps the focus), so the next steps' keys reach the workbench again.
      const tab = wb.page.locator('.tabs-container .tab[aria-label^="Trace: job "]').first();
      await tab.hover();
      await tab.locator('.codicon-close').first().click();
      await tab.waitFor({ state: 'detached', timeout: 30_000 });
      await wb.runCommand('Firecrawl: Show output');
    },
  },
];
