// Start local engine / Stop local engine through the extension itself, on the fake `vscode`: it
// forks dist/engine.js with a fresh key, points this window at it (status bar says so), runs code
// there without any API key of the user's, and the engine is gone after Stop. With
// localEngine.pythonPath (the setup's .cache/py, which has Playwright for Python) a .py file runs
// in the session's persistent Python REPL.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow, unknownJobId, waitFor } from '../../support/fake-vscode/window';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';

const START = 'firecrawlInteract.startLocalEngine';
const STOP = 'firecrawlInteract.stopLocalEngine';
const BACKEND_ITEM = 'firecrawlInteract.backend';
const ROOT = join(__dirname, '..', '..', '..');

describe('local engine started from the extension (fake vscode)', () => {
  let fixtures: FixtureServer;
  let w: FakeWindow;
  let shown: ShownMessage[];

  before(async () => {
    fixtures = await startFixtureServer();
    w = await FakeWindow.open();
    // A configured backend that is not the engine: while the engine runs it must not be used.
    await w.setSetting('apiUrl', 'http://127.0.0.1:9');
    await w.command('firecrawlInteract.clearApiKey');
  });

  beforeEach(() => {
    w.resetAnswers();
    shown = w.notifications();
  });

  afterEach(async () => {
    await w.stopAllSessions();
    w.closeEditors();
  });

  after(async () => {
    await w?.command(STOP);
    await w?.close();
    await fixtures?.close();
  });

  it('starts the engine, makes it the backend, runs code there, and stops it', async () => {
    await w.command(START);
    const engine = w.api.localEngine();
    assert.equal(engine.running, true, `the engine did not start; notifications: ${shown.map((m) => m.message).join(' | ')}`);
    assert.match(engine.url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await w.api.effectiveApiUrl(), engine.url);
    const item = w.api.statusBar().find((i) => i.id === BACKEND_ITEM);
    assert.ok(item?.visible, 'the status bar shows which backend is used');
    assert.match(item.text, /local engine/);
    assert.ok(shown.some((m) => /Local engine running at/.test(m.message)), 'a notification says the engine runs');

    // No API key is stored: the extension talks to its own engine with the key it handed it.
    assert.equal(await w.api.hasStoredApiKey(), false);
    const job = await w.chooseScrapedJob(`${fixtures.url}/index.html`);
    await w.openFile('on-local-engine.js', 'await page.title()');
    const mark = w.outputMark();
    await w.command('firecrawlInteract.runSelection');
    assert.match(w.outputSince(mark), /Fixture Home/);
    assert.ok(w.api.sessions.get(job), 'the run started a session on the local engine');
    const cost = w.api.statusBar().find((i) => i.id === 'firecrawlInteract.cost');
    assert.match(cost?.text ?? '', /free/, `a local engine session is shown as free, not as credits: "${cost?.text}"`);
    assert.doesNotMatch(cost?.text ?? '', /cr\b/);

    // A prompt on the extension's engine without a model says exactly what to configure.
    shown.length = 0;
    await w.command('firecrawlInteract.askPage', { prompt: 'What is the title?' });
    const noModel = shown.find((m) => m.severity === 'error');
    assert.ok(noModel, `no error for a prompt without a model; saw ${JSON.stringify(shown)}`);
    assert.match(noModel.message, /no model for prompts.*firecrawlInteract\.localEngine\.modelUrl.*modelName.*Set local engine model key/);
    assert.ok(noModel.buttons.includes('Set model key') && noModel.buttons.includes('Open settings'), `buttons: ${noModel.buttons.join(', ')}`);

    const url = engine.url as string;
    await w.command(STOP);
    assert.equal(w.api.localEngine().running, false);
    await waitFor(async () => (await w.api.effectiveApiUrl()) === 'http://127.0.0.1:9', 10_000, 'the window to go back to the apiUrl setting');
    const after = w.api.statusBar().find((i) => i.id === BACKEND_ITEM);
    assert.ok(after?.visible, 'the backend item stays: it always shows the backend');
    assert.match(after.text, /127\.0\.0\.1:9/, `the backend item names the configured server: "${after.text}"`);
    assert.equal(w.api.sessions.list().length, 0, "the stopped engine's sessions ended with it");
    await waitFor(
      async () => fetch(`${url}/v2/browser`).then(() => false, () => true),
      15_000,
      'the stopped engine to stop answering',
    );
  });

  it('after Stop, requests go to the apiUrl setting again (here unreachable, and the error names it)', async () => {
    await w.command('firecrawlInteract.chooseJob', { jobId: unknownJobId() });
    await w.openFile('after-stop.js', '1');
    await w.command('firecrawlInteract.runSelection');
    const errors = shown.filter((m) => m.severity === 'error');
    assert.equal(errors.length, 1, `one error notification; saw ${shown.map((m) => m.message).join(' | ')}`);
    assert.match(errors[0].message, /127\.0\.0\.1:9/);
  });

  it('with localEngine.pythonPath, runs a .py file: the last expression is the result, and variables carry over to the next run', async () => {
    await w.vscode.workspace.getConfiguration('firecrawlInteract').update('localEngine.pythonPath', join(ROOT, '.cache', 'py', 'bin', 'python3'), w.vscode.ConfigurationTarget.Global);
    await w.command(START);
    assert.equal(w.api.localEngine().running, true, 'the local engine started');
    try {
      await w.chooseScrapedJob(`${fixtures.url}/index.html`);
      let mark = w.outputMark();
      await w.openFile('first.py', "greeting = 'hello from python'\nprint('printed line')\nawait page.title()\n");
      await w.command('firecrawlInteract.runSelection');
      const out = w.outputSince(mark);
      assert.match(out, /printed line/);
      assert.match(out, /Fixture Home/);

      mark = w.outputMark();
      await w.openFile('second.py', 'greeting.upper()\n');
      await w.command('firecrawlInteract.runSelection');
      assert.match(w.outputSince(mark), /HELLO FROM PYTHON/);
    } finally {
      await w.stopAllSessions();
      await w.command(STOP);
    }
  });
});
