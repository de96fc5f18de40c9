// Run in scrape session from real .js, .ts and .sh files against the real local engine: the
// selection (or the whole file when nothing is selected) runs in the job's browser and the
// report reaches the "Firecrawl Interact" output channel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import {
  chooseScrapedJob,
  closeEditors,
  CMD,
  extensionApi,
  openFile,
  outputMark,
  outputSince,
  resetSettings,
  selectLines,
  setSetting,
  stopAllSessions,
  useBackend,
  waitFor,
} from './support/extension';
import { Stubs } from './support/stubs';
import { getWorld, type World } from './support/world';

describe('run in scrape session', function () {
  let api: ExtensionApi;
  let world: World;
  let job: string;
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    api = await extensionApi();
    await useBackend(api, world.engine);
    job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
  });

  beforeEach(() => {
    // Run notifications are dismissed at once (their buttons are covered in other suites).
    stubs.notifications();
  });

  afterEach(async () => {
    stubs.restore();
    await closeEditors();
    await setSetting('outputLimit', undefined);
  });

  after(async function () {
    this.timeout(60_000);
    await stopAllSessions(api);
    await resetSettings();
  });

  async function run(editor: vscode.TextEditor): Promise<string> {
    await vscode.window.showTextDocument(editor.document, { selection: editor.selection });
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runSelection);
    return outputSince(api, mark);
  }

  it('runs only the selected lines of a .js file in the page', async () => {
    const editor = await openFile(
      'selection.js',
      [
        "throw new Error('line 1 must not run');",
        'const heading = await page.evaluate(() => document.querySelector("h1").textContent);',
        '`heading=${heading}`',
        "throw new Error('line 4 must not run');",
      ].join('\n'),
    );
    assert.equal(editor.document.languageId, 'javascript');
    selectLines(editor, 1, 2);
    const out = await run(editor);
    // The header names the file and lines sent, the job and the server.
    assert.match(out, new RegExp(`▶ node code · [^·]*selection\\.js:2–3 · job ${job} · `));
    assert.match(out, /result:\nheading=Hello fixture\n/);
    assert.match(out, /└ finished in /);
    assert.doesNotMatch(out, /must not run/);
  });

  it('runs the whole file when nothing is selected', async () => {
    const editor = await openFile('whole.js', ["const parts = ['whole', 'file'];", "parts.join('-') + ':' + (await page.title())", ''].join('\n'));
    editor.selection = new vscode.Selection(new vscode.Position(0, 3), new vscode.Position(0, 3));
    const out = await run(editor);
    assert.match(out, /result:\nwhole-file:Fixture Home\n/);
    assert.match(out, /exit code: 0/);
  });

  it('strips TypeScript types from a .ts selection before sending it', async () => {
    // Annotations, an interface and an `as` cast: a syntax error for plain JavaScript.
    const code = [
      'interface Probe { name: string; size: number }',
      'const probe: Probe = { name: (await page.title()) as string, size: 42 };',
      'function describe(p: Probe): string { return `${p.name}/${p.size}`; }',
      'describe(probe)',
    ].join('\n');
    const editor = await openFile('typed.ts', code);
    assert.equal(editor.document.languageId, 'typescript');
    const out = await run(editor);
    assert.match(out, /▶ node code/);
    assert.match(out, /result:\nFixture Home\/42\n/);
    assert.match(out, /└ finished/);

    // The same text sent as plain JavaScript (language forced: no stripping) is rejected by
    // the engine's JavaScript REPL, so the result above proves the types were stripped.
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runSelection, { language: 'node' });
    const plain = outputSince(api, mark);
    assert.match(plain, /SyntaxError/);
    assert.match(plain, /✗ Failed/);
    assert.doesNotMatch(plain, /Fixture Home\/42/);
  });

  it('runs a .sh selection with bash in the session', async () => {
    const editor = await openFile(
      'probe.sh',
      ['#!/usr/bin/env bash', 'echo "bash says $((6 * 7))"', 'echo "stderr line" >&2', 'exit 0', 'echo "after exit must not print"'].join('\n'),
    );
    assert.equal(editor.document.languageId, 'shellscript');
    selectLines(editor, 1, 2);
    const out = await run(editor);
    assert.match(out, /▶ bash code/);
    assert.match(out, /stdout:\nbash says 42\n/);
    assert.match(out, /stderr:\nstderr line\n/);
    assert.match(out, /exit code: 0/);
    assert.doesNotMatch(out, /after exit/);
  });

  it('reaches the same browser from bash through agent-browser', async () => {
    const editor = await openFile('title.sh', 'agent-browser get title\n');
    const out = await run(editor);
    assert.match(out, /▶ bash code/);
    assert.match(out, /stdout:\n[^\n]*Fixture Home/);
    assert.match(out, /exit code: 0/);
  });

  it('strips ANSI colour codes from what the run printed', async () => {
    const editor = await openFile('colour.js', "console.log('\\u001b[31mred\\u001b[0m and \\u001b[1;32mgreen\\u001b[0m')\n");
    const out = await run(editor);
    assert.match(out, /stdout:\nred and green\n/);
    assert.ok(!out.includes('\u001b'), 'an escape character reached the output channel');
  });

  it('cuts a result beyond the output limit and opens the whole result from the notification', async () => {
    await setSetting('outputLimit', 200);
    stubs.restore();
    const shown = stubs.notifications((m) => (m.buttons.includes('Open full result') ? 'Open full result' : undefined));
    const editor = await openFile('big.js', "Array.from({ length: 100 }, (_, i) => `line-${i}`).join(',')\n");
    const whole = Array.from({ length: 100 }, (_, i) => `line-${i}`).join(',');
    const out = await run(editor);
    assert.match(out, new RegExp(`result cut at 200 of ${whole.length.toLocaleString('en-US')} characters`));
    assert.ok(!out.includes('line-99'), 'the cut result still holds its end');
    assert.ok(shown.some((m) => m.buttons.includes('Open full result')), `no Open full result button; saw ${JSON.stringify(shown)}`);
    await waitFor(() => vscode.window.activeTextEditor?.document.getText().includes('line-99') === true, 15_000, 'the full result in an editor');
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.getText().trim(), whole);
    // A read-only virtual document: nothing to save, nothing asks to be saved.
    assert.equal(doc?.uri.scheme, 'firecrawl-result');
    assert.equal(doc?.isDirty, false);
    assert.equal(doc?.isUntitled, false);
  });

  it('asks once which interpreter runs a file of another language, then remembers it', async () => {
    const picks = stubs.quickPick((items) => items.find((i) => i.label === 'bash'));
    const editor = await openFile('notes.txt', 'echo "plain text as bash: $((20 + 22))"\n');
    assert.equal(editor.document.languageId, 'plaintext');
    const out = await run(editor);
    assert.equal(picks.length, 1, 'the language was not asked');
    assert.deepEqual(picks[0].items.map((i) => i.label), ['node', 'python', 'bash']);
    assert.match(out, /▶ bash code/);
    assert.match(out, /stdout:\nplain text as bash: 42\n/);

    const again = await openFile('more.txt', 'echo "asked once"\n');
    assert.match(await run(again), /stdout:\nasked once\n/);
    assert.equal(picks.length, 1, 'the language was asked again');

    // The remembered choice can be changed: plain text now runs as node.
    stubs.restore();
    stubs.notifications();
    const changes = stubs.quickPick((items) => items.find((i) => i.label === 'node'));
    await vscode.commands.executeCommand(CMD.changeLanguage, { languageId: 'plaintext' });
    assert.equal(changes.length, 1);
    assert.ok(changes[0].items.some((i) => i.label === 'bash' && i.picked), 'the current choice is not marked');
    const asNode = await openFile('node.txt', '6 * 7\n');
    const out2 = await run(asNode);
    assert.match(out2, /▶ node code/);
    assert.match(out2, /result:\n42\n/);
  });

  it('copies the session CDP URL to the clipboard without printing it', async () => {
    if (!api.sessions.get(job)) await run(await openFile('start.js', '1'));
    const session = api.sessions.get(job);
    assert.ok(session?.cdpUrl, 'the session has no CDP URL');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('firecrawlInteract.copyCdpUrl');
    assert.equal(await vscode.env.clipboard.readText(), session.cdpUrl);
    assert.ok(!api.outputText().includes(session.cdpUrl) && !api.logText().includes(session.cdpUrl), 'the CDP URL reached a channel');
  });

  it('keeps page state between runs of the same job (one live browser)', async () => {
    const first = await openFile('click.js', "await page.click('#btn');\nawait page.textContent('#btn')\n");
    assert.match(await run(first), /result:\nClicked 1 times\n/);
    const second = await openFile('click-again.js', "await page.click('#btn');\nawait page.textContent('#btn')\n");
    assert.match(await run(second), /result:\nClicked 2 times\n/);
    assert.equal(api.sessions.list().filter((s) => s.jobId === job).length, 1);
  });
});
