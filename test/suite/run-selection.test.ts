// Run in scrape session where a real VS Code matters: the language ids of real files, and the
// full result of a cut run opening as a read-only virtual document. The runs themselves
// (selection, whole file, TypeScript, bash, ANSI, interpreter choice, CDP URL, page state) are
// tested on the fake vscode: test/unit/extension/run-selection.test.ts.
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
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    api = await extensionApi();
    await useBackend(api, world.engine);
    await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
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

  // The runs' language comes from these ids (the rest of Run in scrape session is tested on the
  // fake vscode: test/unit/extension/run-selection.test.ts).
  it('VS Code gives .js, .ts, .sh and .txt files the language ids the runs map', async () => {
    const ids: string[] = [];
    for (const name of ['a.js', 'a.ts', 'a.sh', 'a.txt']) ids.push((await openFile(name, '1\n')).document.languageId);
    assert.deepEqual(ids, ['javascript', 'typescript', 'shellscript', 'plaintext']);
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
});
