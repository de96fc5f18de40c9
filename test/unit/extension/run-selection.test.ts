// Run in scrape session from .js, .ts and .sh files on the fake `vscode`, against the real local
// engine: the selection (or the whole file when nothing is selected) runs in the job's browser
// and the report reaches the "Firecrawl Interact" output channel (executor → presenter → output).
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { CMD } from '../../../src/ids';
import { FakeWindow } from '../../support/fake-vscode/window';
import { startServers, type Servers } from '../../support/servers';

describe('run in scrape session (fake vscode, real engine)', () => {
  let servers: Servers;
  let w: FakeWindow;
  let job: string;

  before(async () => {
    servers = await startServers();
    w = await FakeWindow.open();
    await w.useBackend(servers.engine);
    job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
  });

  beforeEach(() => {
    w.resetAnswers();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await servers?.close();
  });

  async function run(editor: vscode.TextEditor): Promise<string> {
    await w.vscode.window.showTextDocument(editor.document, { selection: editor.selection });
    const mark = w.outputMark();
    await w.command(CMD.runSelection);
    return w.outputSince(mark);
  }

  it('runs only the selected lines of a .js file in the page', async () => {
    const editor = await w.openFile(
      'selection.js',
      [
        "throw new Error('line 1 must not run');",
        'const heading = await page.evaluate(() => document.querySelector("h1").textContent);',
        '`heading=${heading}`',
        "throw new Error('line 4 must not run');",
      ].join('\n'),
    );
    w.selectLines(editor, 1, 2);
    const out = await run(editor);
    // The header names the file and lines sent, the job and the server.
    assert.match(out, new RegExp(`▶ node code · [^·]*selection\\.js:2–3 · job ${job} · `));
    assert.match(out, /result:\nheading=Hello fixture\n/);
    assert.match(out, /└ finished in /);
    assert.doesNotMatch(out, /must not run/);
    // What the API reports is what the output channel received.
    assert.equal(w.channelText(), w.api.outputText());
  });

  it('runs the whole file when nothing is selected', async () => {
    const editor = await w.openFile('whole.js', ["const parts = ['whole', 'file'];", "parts.join('-') + ':' + (await page.title())", ''].join('\n'));
    editor.selection = new w.vscode.Selection(new w.vscode.Position(0, 3), new w.vscode.Position(0, 3));
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
    const editor = await w.openFile('typed.ts', code);
    const out = await run(editor);
    assert.match(out, /▶ node code/);
    assert.match(out, /result:\nFixture Home\/42\n/);
    assert.match(out, /└ finished/);

    // The same text sent as plain JavaScript (language forced: no stripping) is rejected by
    // the engine's JavaScript REPL, so the result above proves the types were stripped.
    const mark = w.outputMark();
    await w.command(CMD.runSelection, { language: 'node' });
    const plain = w.outputSince(mark);
    assert.match(plain, /SyntaxError/);
    assert.match(plain, /✗ Failed/);
    assert.doesNotMatch(plain, /Fixture Home\/42/);
  });

  it('runs a .sh selection with bash in the session', async () => {
    const editor = await w.openFile(
      'probe.sh',
      ['#!/usr/bin/env bash', 'echo "bash says $((6 * 7))"', 'echo "stderr line" >&2', 'exit 0', 'echo "after exit must not print"'].join('\n'),
    );
    w.selectLines(editor, 1, 2);
    const out = await run(editor);
    assert.match(out, /▶ bash code/);
    assert.match(out, /stdout:\nbash says 42\n/);
    assert.match(out, /stderr:\nstderr line\n/);
    assert.match(out, /exit code: 0/);
    assert.doesNotMatch(out, /after exit/);
  });

  it('reaches the same browser from bash through agent-browser', async () => {
    const out = await run(await w.openFile('title.sh', 'agent-browser get title\n'));
    assert.match(out, /▶ bash code/);
    assert.match(out, /stdout:\n[^\n]*Fixture Home/);
    assert.match(out, /exit code: 0/);
  });

  it('strips ANSI colour codes from what the run printed', async () => {
    const out = await run(await w.openFile('colour.js', "console.log('\\u001b[31mred\\u001b[0m and \\u001b[1;32mgreen\\u001b[0m')\n"));
    assert.match(out, /stdout:\nred and green\n/);
    assert.ok(!out.includes('\u001b'), 'an escape character reached the output channel');
  });

  it('asks once which interpreter runs a file of another language, then remembers it', async () => {
    const picks = w.quickPick((items) => items.find((i) => i.label === 'bash'));
    const editor = await w.openFile('notes.txt', 'echo "plain text as bash: $((20 + 22))"\n');
    assert.equal(editor.document.languageId, 'plaintext');
    const out = await run(editor);
    assert.equal(picks.length, 1, 'the language was not asked');
    assert.deepEqual(picks[0].items.map((i) => i.label), ['node', 'python', 'bash']);
    assert.match(out, /▶ bash code/);
    assert.match(out, /stdout:\nplain text as bash: 42\n/);

    const again = await w.openFile('more.txt', 'echo "asked once"\n');
    assert.match(await run(again), /stdout:\nasked once\n/);
    assert.equal(picks.length, 1, 'the language was asked again');

    // The remembered choice can be changed: plain text now runs as node.
    const changes = w.quickPick((items) => items.find((i) => i.label === 'node'));
    await w.command(CMD.changeLanguage, { languageId: 'plaintext' });
    assert.equal(changes.length, 1);
    assert.ok(changes[0].items.some((i) => i.label === 'bash' && i.picked), 'the current choice is not marked');
    const out2 = await run(await w.openFile('node.txt', '6 * 7\n'));
    assert.match(out2, /▶ node code/);
    assert.match(out2, /result:\n42\n/);
  });

  it('copies the session CDP URL to the clipboard without printing it', async () => {
    if (!w.api.sessions.get(job)) await run(await w.openFile('start.js', '1'));
    const session = w.api.sessions.get(job);
    assert.ok(session?.cdpUrl, 'the session has no CDP URL');
    await w.vscode.env.clipboard.writeText('');
    await w.command(CMD.copyCdpUrl);
    assert.equal(await w.vscode.env.clipboard.readText(), session.cdpUrl);
    assert.ok(!w.channelsText().includes(session.cdpUrl), 'the CDP URL reached a channel');
  });

  it('keeps page state between runs of the same job (one live browser)', async () => {
    const first = await w.openFile('click.js', "await page.click('#btn');\nawait page.textContent('#btn')\n");
    assert.match(await run(first), /result:\nClicked 1 times\n/);
    const second = await w.openFile('click-again.js', "await page.click('#btn');\nawait page.textContent('#btn')\n");
    assert.match(await run(second), /result:\nClicked 2 times\n/);
    assert.equal(w.api.sessions.list().filter((s) => s.jobId === job).length, 1);
  });
});
