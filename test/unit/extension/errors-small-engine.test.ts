// Errors of an engine with one session at most and no model, as the extension shows them on the
// fake `vscode` (a file of its own so it runs beside errors-engine.test.ts): 429 says to stop
// sessions, 501 says which variables that engine needs, and code still runs.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CMD } from '../../../src/ids';
import { startEngine, type EngineHandle } from '../../support/engine';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow } from '../../support/fake-vscode/window';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';

describe('errors from an engine with one session at most and no model (fake vscode)', () => {
  let fixtures: FixtureServer;
  let small: EngineHandle;
  let w: FakeWindow;
  let shown: ShownMessage[];

  before(async () => {
    fixtures = await startFixtureServer();
    // No model: the environment's model settings are cleared.
    small = await startEngine({ args: ['--max-sessions', '1'], env: { INTERACT_LLM_URL: '', INTERACT_LLM_MODEL: '', INTERACT_LLM_KEY: '' } });
    w = await FakeWindow.open();
  });

  beforeEach(async () => {
    w.resetAnswers();
    shown = w.notifications();
    await w.useBackend(small);
  });

  afterEach(async () => {
    await w.stopAllSessions();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await small?.stop();
    await fixtures?.close();
  });

  async function run(code: string): Promise<string> {
    await w.openFile('run.js', code);
    const mark = w.outputMark();
    await w.command(CMD.runSelection);
    return w.outputSince(mark);
  }

  function onlyError(): ShownMessage {
    const list = shown.filter((m) => m.severity === 'error');
    assert.equal(list.length, 1, `expected one error notification, saw ${JSON.stringify(shown)}`);
    return list[0];
  }

  it('429: a second concurrent session says to stop sessions', async () => {
    const first = await w.chooseScrapedJob(`${fixtures.url}/index.html`);
    assert.match(await run('await page.title()'), /Fixture Home/);
    const second = await w.chooseScrapedJob(`${fixtures.url}/two.html`);
    shown.length = 0;
    await run('await page.title()');
    const err = onlyError();
    assert.match(err.message, /\(429\)/);
    assert.match(err.message, /Stop a session you no longer need/);
    assert.deepEqual(err.buttons, ['Stop sessions']);
    assert.ok(w.api.sessions.get(first), 'the first session was forgotten');
    assert.equal(w.api.sessions.get(second), undefined);
  });

  it("501: a prompt on an engine this window did not start says, in full, to set that engine's own variables", async () => {
    const job = await w.chooseScrapedJob(`${fixtures.url}/index.html`);
    const mark = w.outputMark();
    await w.command(CMD.askPage, { prompt: 'What is the heading?' });
    const err = onlyError();
    // Not this extension's settings (they never reach that engine), nor a self-hosted server without interact.
    assert.match(err.message, /^The engine at http:\/\/127\.0\.0\.1:\d+ has no AI model for prompts \(501\)\. .*INTERACT_LLM_URL, INTERACT_LLM_MODEL and INTERACT_LLM_KEY .*Code runs work without a model\.$/);
    assert.doesNotMatch(err.message, /firecrawlInteract\.localEngine|self-hosted|…/);
    assert.deepEqual(err.buttons, []);
    assert.ok(w.outputSince(mark).includes('(501)'));
    // Code still runs on the same job.
    assert.match(await run('await page.title()'), /result:\nFixture Home\n/);
    assert.ok(w.api.sessions.get(job));
  });
});
