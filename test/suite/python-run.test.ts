// Python from the editor: the extension starts its local engine with the
// localEngine.pythonPath setting (the setup's .cache/py, which has Playwright for Python), and a
// .py file runs in the scrape session's persistent Python REPL.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { chooseScrapedJob, closeEditors, EXTENSION_ID, extensionApi, openFile, outputMark, outputSince, resetSettings, setSetting, stopAllSessions } from './support/extension';
import { getWorld, type World } from './support/world';

const PYTHON_SETTING = 'localEngine.pythonPath';

describe('python runs from the editor on the local engine', function () {
  let api: ExtensionApi;
  let world: World;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('firecrawlInteract');

  before(async function () {
    this.timeout(120_000);
    world = await getWorld();
    api = await extensionApi();
    const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath as string;
    await config().update(PYTHON_SETTING, join(root, '.cache', 'py', 'bin', 'python3'), vscode.ConfigurationTarget.Global);
    await setSetting('apiUrl', 'http://127.0.0.1:9');
    await vscode.commands.executeCommand('firecrawlInteract.clearApiKey');
    await vscode.commands.executeCommand('firecrawlInteract.startLocalEngine');
    assert.equal(api.localEngine().running, true, 'the local engine started');
  });

  after(async function () {
    this.timeout(60_000);
    await stopAllSessions(api);
    await closeEditors();
    await vscode.commands.executeCommand('firecrawlInteract.stopLocalEngine');
    await config().update(PYTHON_SETTING, undefined, vscode.ConfigurationTarget.Global);
    await resetSettings();
  });

  it('runs a .py file: the last expression is the result, and variables carry over to the next run', async function () {
    this.timeout(180_000);
    await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    let mark = outputMark(api);
    const first = await openFile('first.py', "greeting = 'hello from python'\nprint('printed line')\nawait page.title()\n");
    await vscode.window.showTextDocument(first.document);
    await vscode.commands.executeCommand('firecrawlInteract.runSelection');
    const out = outputSince(api, mark);
    assert.match(out, /printed line/);
    assert.match(out, /Fixture Home/);

    mark = outputMark(api);
    const second = await openFile('second.py', 'greeting.upper()\n');
    await vscode.window.showTextDocument(second.document);
    await vscode.commands.executeCommand('firecrawlInteract.runSelection');
    assert.match(outputSince(api, mark), /HELLO FROM PYTHON/);
  });
});
