/**
 * The prompt path through the real engine (contract: the model is the scripted endpoint, the
 * browser is the session's real Chromium): `prompt` interact answers the model's `output`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { refIn, startScriptedLlm, type ScriptedLlm } from '../support/scripted-llm';
import { call, interact, scrapeJob, shown } from './api';

const LLM_KEY = 'sk-engine-scripted-key';

describe('engine: prompt interact (contract, scripted model)', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let llm: ScriptedLlm;

  before(async () => {
    fx = await startFixtureServer();
    llm = await startScriptedLlm([
      (req) => ({ toolCalls: [{ name: 'click', arguments: { ref: refIn(req, /button "Click me"/) } }], usage: { prompt_tokens: 1200, completion_tokens: 30 } }),
      (req) => ({ toolCalls: [{ name: 'fill', arguments: { ref: refIn(req, /textbox "Your name"/), text: 'Grace' } }], usage: { prompt_tokens: 1500, completion_tokens: 25 } }),
      { toolCalls: [{ name: 'finish', arguments: { answer: 'The button now says "Clicked 1 times".' } }], usage: { prompt_tokens: 1700, completion_tokens: 12 } },
      { status: 503, body: { error: { message: 'no capacity' } } },
    ]);
    engine = await startEngine({ args: ['--llm-url', llm.url, '--llm-model', 'test', '--llm-key', LLM_KEY] });
  });
  after(async () => {
    await engine?.stop();
    await llm?.close();
    await fx?.close();
  });

  test('a prompt drives the session page and answers output, result and stdout', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const r = await interact(engine, jobId, { prompt: 'Click the button and type Grace as the name.', timeout: 60 });
    // Messages carry the run's error only: the body also holds capability URLs.
    assert.equal(r.status, 200, r.body.error);
    assert.equal(r.body.success, true, r.body.error);
    assert.equal(r.body.output, 'The button now says "Clicked 1 times".');
    assert.match(r.body.result, /button "Clicked 1 times"/);
    assert.match(r.body.stdout, /click\(ref="e\d+"\)/);
    assert.equal(r.body.exitCode, 0);
    // The cloud's prompt counters: three model turns, two page actions, the model's own token counts summed.
    assert.equal(r.body.turnCount, 3);
    assert.equal(r.body.actionCount, 2);
    assert.deepEqual(r.body.usage, { inputTokens: 4400, outputTokens: 67 });
    assert.match(r.body.sessionId, /^[0-9a-f-]{36}$/);
    assert.equal(llm.requests[0].body.model, 'test');
    assert.equal(llm.requests[0].authorization, `Bearer ${LLM_KEY}`);
    assert.ok(!JSON.stringify(r.body).includes(LLM_KEY));

    // The same live page, seen from code.
    const check = await interact(engine, jobId, { code: "[await page.textContent('#btn'), await page.inputValue('#name')]" });
    assert.equal(check.body.result, '["Clicked 1 times","Grace"]');

    // A model failure is a failed run (HTTP 200), and the session stays usable.
    const failed = await interact(engine, jobId, { prompt: 'Again.' });
    assert.equal(failed.status, 200);
    assert.equal(failed.body.success, false);
    assert.match(failed.body.error, /HTTP 503: no capacity/);
    assert.equal((await interact(engine, jobId, { code: '1 + 1' })).body.result, '2');

    const stop = await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    assert.equal(stop.status, 200);
    assert.ok(stop.body.creditsBilled >= 7, `a session that ran a prompt bills at the prompt rate: ${shown(stop.body)}`);
  });
});
