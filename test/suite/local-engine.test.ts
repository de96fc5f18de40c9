// Start local engine / Stop local engine through the extension itself: it forks dist/engine.js
// with a fresh key, points this window at it (status bar says so), runs code there without any
// API key of the user's, and the engine is gone after Stop.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import {
  chooseScrapedJob,
  closeEditors,
  extensionApi,
  openFile,
  outputMark,
  outputSince,
  resetSettings,
  setSetting,
  stopAllSessions,
  unknownJobId,
  waitFor,
} from './support/extension';
import { Stubs, type ShownMessage } from './support/stubs';
import { getWorld, type World } from './support/world';

const START = 'firecrawlInteract.startLocalEngine';
const STOP = 'firecrawlInteract.stopLocalEngine';
const BACKEND_ITEM = 'firecrawlInteract.backend';

describe('local engine started from the extension', function () {
  let api: ExtensionApi;
  let world: World;
  let shown: ShownMessage[];
  const stubs = new Stubs();

  before(async function () {
    this.timeout(120_000);
    world = await getWorld();
    api = await extensionApi();
    // A configured backend that is not the engine: while the engine runs it must not be used.
    await setSetting('apiUrl', 'http://127.0.0.1:9');
    await vscode.commands.executeCommand('firecrawlInteract.clearApiKey');
  });

  beforeEach(() => {
    shown = stubs.notifications();
  });

  afterEach(async function () {
    this.timeout(60_000);
    stubs.restore();
    await stopAllSessions(api);
    await closeEditors();
  });

  after(async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand(STOP);
    await resetSettings();
  });

  it('starts the engine, makes it the backend, runs code there, and stops it', async function () {
    this.timeout(180_000);
    await vscode.commands.executeCommand(START);
    const engine = api.localEngine();
    assert.equal(engine.running, true, `the engine did not start; notifications: ${shown.map((m) => m.message).join(' | ')}`);
    assert.match(engine.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await api.effectiveApiUrl(), engine.url);
    const item = api.statusBar().find((i) => i.id === BACKEND_ITEM);
    assert.ok(item?.visible, 'the status bar shows which backend is used');
    assert.match(item.text, /local engine/);
    assert.ok(shown.some((m) => /Local engine running at/.test(m.message)), 'a notification says the engine runs');

    // No API key is stored: the extension talks to its own engine with the key it handed it.
    assert.equal(await api.hasStoredApiKey(), false);
    const job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    const editor = await openFile('on-local-engine.js', 'await page.title()');
    const mark = outputMark(api);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('firecrawlInteract.runSelection');
    assert.match(outputSince(api, mark), /Fixture Home/);
    assert.ok(api.sessions.get(job), 'the run started a session on the local engine');
    const cost = api.statusBar().find((i) => i.id === 'firecrawlInteract.cost');
    assert.match(cost?.text ?? '', /free/, `a local engine session is shown as free, not as credits: "${cost?.text}"`);
    assert.doesNotMatch(cost?.text ?? '', /cr\b/);

    // A prompt on the extension's engine without a model says exactly what to configure.
    shown.length = 0;
    await vscode.commands.executeCommand('firecrawlInteract.askPage', { prompt: 'What is the title?' });
    const noModel = shown.find((m) => m.severity === 'error');
    assert.ok(noModel, `no error for a prompt without a model; saw ${JSON.stringify(shown)}`);
    assert.match(noModel.message, /no model for prompts.*firecrawlInteract\.localEngine\.modelUrl.*modelName.*Set local engine model key/);
    assert.ok(noModel.buttons.includes('Set model key') && noModel.buttons.includes('Open settings'), `buttons: ${noModel.buttons.join(', ')}`);

    const url = engine.url as string;
    await vscode.commands.executeCommand(STOP);
    assert.equal(api.localEngine().running, false);
    await waitFor(async () => (await api.effectiveApiUrl()) === 'http://127.0.0.1:9', 10_000, 'the window to go back to the apiUrl setting');
    const after = api.statusBar().find((i) => i.id === BACKEND_ITEM);
    assert.ok(after?.visible, 'the backend item stays: it always shows the backend');
    assert.match(after.text, /127\.0\.0\.1:9/, `the backend item names the configured server: "${after.text}"`);
    assert.equal(api.sessions.list().length, 0, "the stopped engine's sessions ended with it");
    await waitFor(
      async () => fetch(`${url}/v2/browser`).then(() => false, () => true),
      15_000,
      'the stopped engine to stop answering',
    );
  });

  it('after Stop, requests go to the apiUrl setting again (here unreachable, and the error names it)', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('firecrawlInteract.chooseJob', { jobId: unknownJobId() });
    await openFile('after-stop.js', '1');
    await vscode.commands.executeCommand('firecrawlInteract.runSelection');
    const errors = shown.filter((m) => m.severity === 'error');
    assert.equal(errors.length, 1, `one error notification; saw ${shown.map((m) => m.message).join(' | ')}`);
    assert.match(errors[0].message, /127\.0\.0\.1:9/);
  });
});
