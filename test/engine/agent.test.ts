/**
 * Contract tests of the prompt agent: a scripted OpenAI-compatible endpoint plays the model, the
 * browser is a real Chromium on the fixture pages, and every action must really change the page.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { llmConfigFrom, MAX_STEPS, runPrompt } from '../../src/engine/agent/agent';
import type { PromptRunOptions } from '../../src/engine/agent/types';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { refIn, startScriptedLlm, type ScriptedLlm, type ScriptStep } from '../support/scripted-llm';
import { TEST_CHROMIUM } from '../support/chromium';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const KEY = 'sk-scripted-secret-key';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let fixtures: FixtureServer;
const llms: ScriptedLlm[] = [];

async function llmWith(script: ScriptStep[]): Promise<ScriptedLlm> {
  const llm = await startScriptedLlm(script);
  llms.push(llm);
  return llm;
}

function options(llm: ScriptedLlm, prompt: string, extra: Partial<PromptRunOptions> = {}): PromptRunOptions {
  return { context, prompt, stepTimeoutMs: 20_000, llm: { url: llm.url, model: 'test', key: KEY }, signal: new AbortController().signal, ...extra };
}

before(async () => {
  fixtures = await startFixtureServer();
  browser = await chromium.launch({ executablePath: TEST_CHROMIUM, args: CHROMIUM_ARGS });
});

beforeEach(async () => {
  await context?.close();
  context = await browser.newContext();
  page = await context.newPage();
  await page.goto(`${fixtures.url}/index.html`);
});

after(async () => {
  for (const llm of llms) await llm.close();
  await browser?.close();
  await fixtures?.close();
});

describe('prompt agent (contract, scripted model)', () => {
  test('clicks and fills by ref, the page really changes, output is the answer, result the final snapshot', async () => {
    const llm = await llmWith([
      (req) => ({ toolCalls: [{ name: 'click', arguments: { ref: refIn(req, /button "Click me"/) } }] }),
      (req) => ({ content: 'Clicking done, now the name.', toolCalls: [{ name: 'fill', arguments: { ref: refIn(req, /textbox "Your name"/), text: 'Ada' } }] }),
      { toolCalls: [{ name: 'finish', arguments: { answer: 'Clicked once and typed Ada.' } }] },
    ]);
    const run = await runPrompt(options(llm, 'Click the button, then type Ada as the name.'));
    assert.equal(run.error, undefined);
    assert.equal(run.success, true);
    assert.equal(run.exitCode, 0);
    assert.equal(run.killed, false);
    assert.equal(run.output, 'Clicked once and typed Ada.');
    assert.equal(await page.textContent('#btn'), 'Clicked 1 times');
    assert.equal(await page.inputValue('#name'), 'Ada');
    assert.equal(await page.textContent('#echo'), 'Ada');
    assert.match(run.result, /button "Clicked 1 times"/);
    assert.match(run.result, /^URL: http:\/\/127\.0\.0\.1:\d+\/index\.html/);
    assert.match(run.stdout, /step 1: click\(ref="e\d+"\) → Clicked e\d+\./);
    assert.match(run.stdout, /step 2: model: Clicking done, now the name\./);
    assert.match(run.stdout, /step 2: fill\(ref="e\d+", text="Ada"\)/);
    assert.match(run.stdout, /step 3: finish/);

    assert.equal(llm.requests.length, 3);
    const first = llm.requests[0];
    assert.equal(first.body.model, 'test');
    assert.equal(first.authorization, `Bearer ${KEY}`);
    assert.deepEqual(first.body.tools?.map((t) => t.function.name).sort(), ['click', 'extract', 'fill', 'finish', 'navigate', 'press', 'snapshot']);
    assert.match(first.body.messages[1].content ?? '', /^Click the button, then type Ada as the name\./);
    // The tool result the model saw after the click shows the page after the click.
    const toolMsg = llm.requests[1].body.messages.find((m) => m.role === 'tool');
    assert.match(toolMsg?.content ?? '', /button "Clicked 1 times"/);
    for (const text of [run.stdout, run.stderr, run.result, run.output]) assert.ok(!text.includes(KEY));
  });

  test('navigate, press and extract; a final plain message is the output', async () => {
    const llm = await llmWith([
      (req) => ({ toolCalls: [{ name: 'fill', arguments: { ref: refIn(req, /textbox "Your name"/), text: 'x' } }] }),
      { toolCalls: [{ name: 'press', arguments: { key: 'Backspace' } }] },
      { toolCalls: [{ name: 'navigate', arguments: { url: `${fixtures.url}/two.html` } }] },
      { toolCalls: [{ name: 'extract', arguments: { what: 'the heading' } }] },
      (req) => ({ content: /# Second page[\s\S]*\[home\]\(\S*index\.html\)/.test(req.body.messages.at(-1)?.content ?? '') ? 'The heading is "Second page".' : 'extract did not give the page as markdown' }),
    ]);
    const run = await runPrompt(options(llm, 'Go to the second page and read its heading.'));
    assert.equal(run.success, true, run.error);
    assert.equal(run.output, 'The heading is "Second page".');
    assert.equal(page.url(), `${fixtures.url}/two.html`);
    assert.match(run.result, /heading "Second page"/);
    assert.match(run.stdout, /press\(key="Backspace"\) → Pressed Backspace\./);
    // Backspace went to the focused input (filled with "x" the step before), before navigating.
    const pressResult = llm.requests[2].body.messages.at(-1)?.content ?? '';
    const typed = /textbox "Your name" \[ref=e\d+\]: (.*)/.exec(pressResult)?.[1] ?? '';
    assert.equal(typed, '', `the snapshot after Backspace still shows text: ${pressResult}`);
  });

  test('a tool error goes back to the model, which can recover', async () => {
    const llm = await llmWith([
      { toolCalls: [{ name: 'click', arguments: { ref: 'e999' } }] },
      { toolCalls: [{ name: 'navigate', arguments: { url: 'javascript:alert(1)' } }] },
      { toolCalls: [{ name: 'fly', arguments: {} }] },
      { toolCalls: [{ name: 'finish', arguments: { answer: { found: false, why: 'no such element' } } }] },
    ]);
    const run = await runPrompt(options(llm, 'Click something that does not exist.', { stepTimeoutMs: 5_000 }));
    assert.equal(run.success, true);
    assert.equal(run.output, '{"found":false,"why":"no such element"}', 'a structured answer comes back as JSON');
    const toolResults = llm.requests.slice(1).map((r) => r.body.messages.at(-1)?.content ?? '');
    assert.match(toolResults[0], /^Error: /);
    assert.match(toolResults[1], /^Error: Only http, https, file and about URLs/);
    assert.match(toolResults[2], /^Error: Unknown tool "fly"/);
    assert.equal(await page.textContent('#btn'), 'Click me');
  });

  test('an action that cannot happen fails within the step and the model hears why', async () => {
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.style.cssText = 'position:fixed;inset:0;z-index:9;background:rgba(0,0,0,.1)';
      document.body.append(cover);
    });
    const llm = await llmWith([
      (req) => ({ toolCalls: [{ name: 'click', arguments: { ref: refIn(req, /button "Click me"/) } }] }),
      (req) => ({ content: /^Error: .*intercepts pointer events|^Error: .*Timeout/.test(req.body.messages.at(-1)?.content ?? '') ? 'blocked' : 'no error seen' }),
    ]);
    const run = await runPrompt(options(llm, 'Click the button.', { stepTimeoutMs: 2_000 }));
    assert.equal(run.success, true, run.error);
    assert.equal(run.output, 'blocked');
    assert.equal(await page.textContent('#btn'), 'Click me');
  });

  test('a model endpoint error gives success:false with a clear error', async () => {
    const llm = await llmWith([{ status: 500, body: { error: { message: 'model overloaded' } } }]);
    const run = await runPrompt(options(llm, 'Anything.'));
    assert.equal(run.success, false);
    assert.equal(run.exitCode, 1);
    assert.equal(run.killed, false);
    assert.match(run.error ?? '', /answered HTTP 500: model overloaded/);
    assert.match(run.stderr, /model overloaded/);
    assert.match(run.result, /button "Click me"/, 'the final snapshot is still there');

    const unauthorized = await llmWith([{ status: 401, body: { error: { message: 'Incorrect API key provided' } } }]);
    const run401 = await runPrompt(options(unauthorized, 'Anything.'));
    assert.match(run401.error ?? '', /HTTP 401: Incorrect API key provided/);
    assert.ok(!JSON.stringify(run401).includes(KEY));
  });

  test('model errors name the endpoint without its credentials and never echo the key', async () => {
    const echoing = await llmWith([{ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}` } } }]);
    const echoed = await runPrompt(options(echoing, 'Anything.'));
    assert.match(echoed.error ?? '', /HTTP 401: Incorrect API key provided: \*\*\*/);
    assert.ok(!JSON.stringify(echoed).includes(KEY));

    // fetch refuses a URL with credentials and repeats the URL in its message.
    const withCredentials = { url: echoing.url.replace('http://', 'http://user:url-secret@'), model: 'test', key: KEY };
    const refused = await runPrompt({ ...options(echoing, 'Anything.'), llm: withCredentials });
    assert.match(refused.error ?? '', /Could not reach the model endpoint http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/);
    assert.ok(!JSON.stringify(refused).includes('url-secret'), refused.error);
  });

  test('an unreachable model endpoint gives success:false saying so', async () => {
    const llm = await llmWith([]);
    await llm.close();
    const run = await runPrompt(options(llm, 'Anything.'));
    assert.equal(run.success, false);
    assert.match(run.error ?? '', /Could not reach the model endpoint http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/);
  });

  test('a step longer than the step timeout is killed', async () => {
    const llm = await llmWith([{ content: 'too late', delayMs: 5_000 }]);
    const started = Date.now();
    const run = await runPrompt(options(llm, 'Anything.', { stepTimeoutMs: 1_000 }));
    assert.equal(run.success, false);
    assert.equal(run.killed, true);
    assert.equal(run.exitCode, 124);
    assert.match(run.error ?? '', /step 1 took longer than the 1 s step timeout/);
    assert.ok(Date.now() - started < 4_500, 'the run ended before the slow model answered');
  });

  test('a tool stuck in a hung page is killed by the step timeout', async () => {
    const llm = await llmWith([
      () => {
        // Once the agent has read the page and asks the model, the page's main thread spins forever.
        void page.evaluate(() => setTimeout(() => { for (;;) { /* spin */ } }, 0));
        return { toolCalls: [{ name: 'extract', arguments: { what: 'anything' } }], delayMs: 500 };
      },
    ]);
    const run = await runPrompt(options(llm, 'Read the page.', { stepTimeoutMs: 3_000 }));
    assert.equal(run.success, false);
    assert.equal(run.killed, true);
    assert.match(run.error ?? '', /step 1 took longer than the 3 s step timeout/);
  });

  test('aborting the signal cancels the run', async () => {
    const llm = await llmWith([{ content: 'too late', delayMs: 10_000 }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const run = await runPrompt(options(llm, 'Anything.', { signal: controller.signal }));
    assert.equal(run.success, false);
    assert.equal(run.killed, true);
    assert.match(run.error ?? '', /cancelled/);
  });

  test(`the loop stops after ${MAX_STEPS} steps without an answer`, async () => {
    const llm = await llmWith(Array.from({ length: MAX_STEPS + 5 }, () => ({ toolCalls: [{ name: 'press', arguments: { key: 'Shift' } }] })));
    const run = await runPrompt(options(llm, 'Never finish.'));
    assert.equal(run.success, false);
    assert.match(run.error ?? '', new RegExp(`did not finish within ${MAX_STEPS} steps`));
    assert.equal(llm.requests.length, MAX_STEPS);
  });
});

describe('llmConfigFrom', () => {
  test('flags win over the environment; url and model are required; the key is optional', () => {
    const env = { INTERACT_LLM_URL: 'http://env/v1', INTERACT_LLM_MODEL: 'env-model', INTERACT_LLM_KEY: 'env-key' };
    assert.deepEqual(llmConfigFrom({}, env), { url: 'http://env/v1', model: 'env-model', key: 'env-key' });
    assert.deepEqual(llmConfigFrom({ llmUrl: 'http://flag/v1', llmModel: 'm', llmKey: 'k' }, env), { url: 'http://flag/v1', model: 'm', key: 'k' });
    assert.deepEqual(llmConfigFrom({ llmUrl: 'http://flag/v1' }, { INTERACT_LLM_MODEL: 'm' }), { url: 'http://flag/v1', model: 'm' });
    assert.equal(llmConfigFrom({ llmUrl: 'http://flag/v1' }, {}), undefined);
    assert.equal(llmConfigFrom({ llmModel: 'm' }, { INTERACT_LLM_URL: ' ' }), undefined);
    assert.equal(llmConfigFrom({}, {}), undefined);
  });
});
