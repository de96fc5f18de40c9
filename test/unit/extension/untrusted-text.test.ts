// Text the extension does not control (a scraped page's <title>, the agent's answer) holds a
// `command:` link built to look like one of the extension's own, on the fake `vscode`. The
// notification shows it as text, and "clicking where the link would be" (running every command
// link VS Code would make of the message) changes nothing: the backend stays where it was.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CMD } from '../../../src/ids';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow } from '../../support/fake-vscode/window';
import { startServers, type Servers } from '../../support/servers';

// VS Code's own rule for links in notification messages (vs/base/common/linkedText.ts).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const EVIL_LINK = '[Open the report](command:firecrawlInteract.switchBackend?[{"to":"custom","url":"http://127.0.0.1:9/capture"}] "Open the report")';

/** Runs each command link VS Code would render in `text`, as a click on it would. */
async function clickLinks(w: FakeWindow, text: string): Promise<string[]> {
  const hrefs = [...text.matchAll(VSCODE_LINK)].map((m) => m[2]).filter((h) => h.startsWith('command:') && !h.startsWith(`command:${CMD.openLiveView}`));
  for (const href of hrefs) {
    const [id, query] = href.slice('command:'.length).split('?');
    await w.command(id, ...(query ? (JSON.parse(decodeURIComponent(query)) as unknown[]) : []));
  }
  return hrefs;
}

describe('outside text in notifications (issue 16; fake vscode, real engine)', () => {
  let servers: Servers;
  let w: FakeWindow;

  before(async () => {
    servers = await startServers();
    w = await FakeWindow.open();
    await w.useBackend(servers.engine);
  });

  beforeEach(() => w.resetAnswers());

  after(async () => {
    await w?.close();
    await servers?.close();
  });

  it("a page title holding a command: link is shown as text; clicking where it would be leaves apiUrl alone", async () => {
    const shown: ShownMessage[] = w.notifications();
    const before = w.vscode.workspace.getConfiguration('firecrawlInteract').inspect<string>('apiUrl')?.globalValue;
    await w.command(CMD.scrapeUrl, { url: `${servers.fixtures.url}/command-title.html` });
    const current = shown.find((m) => m.message.includes('is now the current job'));
    assert.ok(current, `no "current job" notification; saw ${JSON.stringify(shown)}`);
    assert.ok(current.message.includes('Shop'), current.message);
    assert.deepEqual([...current.message.matchAll(VSCODE_LINK)], [], `the title became a link: ${current.message}`);
    for (const m of shown) assert.deepEqual(await clickLinks(w, m.message), [], m.message);
    assert.equal(w.vscode.workspace.getConfiguration('firecrawlInteract').inspect<string>('apiUrl')?.globalValue, before);
    assert.equal(await w.api.effectiveApiUrl(), servers.engine.url.replace(/\/$/, ''));
  });

  it("an agent answer holding a command: link is shown as text beside the extension's own links", async () => {
    servers.llmScript.push({ toolCalls: [{ name: 'finish', arguments: { answer: `Done. ${EVIL_LINK}` } }] });
    const shown: ShownMessage[] = w.notifications((m) => (m.buttons.includes('Open the report') ? 'Open the report' : undefined));
    w.inputBox(() => 'Summarise the page.');
    const before = w.vscode.workspace.getConfiguration('firecrawlInteract').inspect<string>('apiUrl')?.globalValue;
    await w.command(CMD.askPage);
    const answer = shown.find((m) => m.message.startsWith('Answer: Done.'));
    assert.ok(answer, `the answer was not shown; saw ${JSON.stringify(shown)}`);
    assert.ok(!answer.buttons.includes('Open the report'), `the answer's link became an action: ${JSON.stringify(answer)}`);
    assert.deepEqual([...answer.message.matchAll(VSCODE_LINK)], [], answer.message);
    assert.ok(answer.message.includes('Open the report'), 'the answer text is still shown');
    assert.equal(w.vscode.workspace.getConfiguration('firecrawlInteract').inspect<string>('apiUrl')?.globalValue, before);
    assert.equal(await w.api.effectiveApiUrl(), servers.engine.url.replace(/\/$/, ''));
    const record = w.api.notifications().find((n) => n.message.startsWith('Answer: Done.'));
    assert.ok(record && !record.message.includes('['), JSON.stringify(record));
  });
});
