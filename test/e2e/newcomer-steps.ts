// UI steps of what a newcomer tripped over (issue 23): the environment's server as a backend of
// its own, named apart from the local engine; a job without a page title shown by its host and
// path; and a run's header in the Output panel before its answer.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Step } from './steps';
import { poll, SHOTS } from './workbench';

const ENV_SERVER = /127\.0\.0\.1:\d+ \(FIRECRAWL_API_URL\)/;

export const newcomerSteps: Step[] = [
  {
    name: "Switch backend offers the environment's server as its own choice, names it apart from the local engine, and leads back to it",
    async run({ wb }) {
      const backend = wb.statusItem('firecrawlInteract.backend');
      await backend.click();
      await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Switch backend' }).waitFor({ state: 'visible', timeout: 30_000 });
      const envRow = wb.quickPickRow('FIRECRAWL_API_URL').first();
      await envRow.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await envRow.innerText(), /current/);
      await wb.page.screenshot({ path: join(SHOTS, 'switch-backend.png') });
      await wb.quickPickRow('Local engine').first().click();
      // A session is open on the environment's server: the question names it, not "local engine".
      const dialog = wb.page.locator('.monaco-dialog-box');
      if (await dialog.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false)) {
        const text = await dialog.innerText();
        assert.match(text, new RegExp(`open on ${ENV_SERVER.source}\\. Stop before switching to the local engine\\?`));
        await wb.answerDialog('Switch, keep it running');
      }
      await poll(() => backend.innerText(), (t) => /^\S*\s*local engine ·/.test(t.trim()), 120_000, 'the local engine as the backend');
      await backend.click();
      await wb.pickFromQuickPick('Switch backend', 'FIRECRAWL_API_URL');
      await poll(() => backend.innerText(), (t) => ENV_SERVER.test(t), 60_000, "the environment's server as the backend again");
    },
  },
  {
    name: 'a job whose page has no title is shown by its host and path',
    async run({ wb, fixturesUrl }) {
      await wb.runCommand('Firecrawl: Scrape a URL and use its job');
      // The fixture server answers an unknown path with a plain "not found": a page without a title.
      await wb.answerInputBox('Scrape a URL', `${fixturesUrl}/no-title`);
      const host = new URL(fixturesUrl).host;
      const text = await poll(() => wb.statusItem('firecrawlInteract.backend').innerText(), (t) => t.includes('no-title'), 60_000, 'the new job in the status bar');
      assert.ok(text.includes(`· ${host}/no-title`), `the job is not shown by host and path: ${text}`);
      assert.doesNotMatch(text, /http:\/\//);
      await wb.openFirecrawlView();
      await wb.treeRow(`Job: ${host}/no-title`).first().waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: "a run's header (file, job, server) is in the Output panel before its answer comes",
    async run({ wb, workspace }) {
      // The panel is closed first, as before a newcomer's first run: the header is written while
      // it opens, and must not wait in the channel for the next text (the answer, 8 s later).
      await wb.hidePanel();
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
      writeFileSync(join(workspace, 'slow-answer.js'), "await new Promise((r) => setTimeout(r, 8000));\n'the answer came'\n");
      await wb.openFile('slow-answer.js');
      await wb.editor().locator('.view-lines').click();
      await wb.page.keyboard.press('Control+Alt+Enter');
      const seen = await wb.waitForOutput((t) => /▶ node code · \S*slow-answer\.js:\S+ · job [0-9a-f-]+ · /.test(t), 30_000);
      assert.doesNotMatch(seen, /the answer came/, 'the header showed only with the answer');
      await wb.page.screenshot({ path: join(SHOTS, 'header-before-answer.png') });
      await wb.waitForOutput((t) => t.includes('the answer came'), 60_000);
    },
  },
];
