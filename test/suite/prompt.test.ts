// Ask the page: a prompt typed in the input box runs the engine's agent against a scripted
// OpenAI-compatible chat endpoint (a contract double for the model; the browser, the page and
// the tools are real). The agent's answer, read from the real page, is shown prominently.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { chooseScrapedJob, CMD, extensionApi, outputMark, outputSince, resetSettings, stopAllSessions, useBackend } from './support/extension';
import { Stubs, type ShownMessage } from './support/stubs';
import { getWorld, type World } from './support/world';
import type { RecordedRequest } from '../support/scripted-llm';

const PROMPT = 'What does the main heading of this page say?';

describe('ask the page (prompt, contract model)', function () {
  let api: ExtensionApi;
  let world: World;
  let job: string;
  let shown: ShownMessage[];
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    api = await extensionApi();
    await useBackend(api, world.engine);
    job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
  });

  beforeEach(() => {
    shown = stubs.notifications();
  });

  afterEach(() => stubs.restore());

  after(async function () {
    this.timeout(60_000);
    await stopAllSessions(api);
    await resetSettings();
  });

  it('shows the agent answer, computed from the real page, in a notification and the output', async () => {
    const firstRequest = world.llm.requests.length;
    // Turn 1: read the page. Turn 2: answer with the heading found in what the tool returned.
    world.llmScript.push({ toolCalls: [{ name: 'extract', arguments: {} }] }, (req: RecordedRequest) => {
      const tool = [...req.body.messages].reverse().find((m) => m.role === 'tool');
      // The page text may come as plain text or markdown ("# Hello fixture").
      const heading = (tool?.content ?? '')
        .split('\n')
        .map((l) => l.replace(/^#+\s*/, '').trim())
        .find((l) => /^Hello/.test(l));
      if (!heading) return { content: 'I could not find a heading.' };
      return { toolCalls: [{ name: 'finish', arguments: { answer: `The main heading says "${heading}".` } }] };
    });

    let validate: ((value: string) => unknown) | undefined;
    const inputs = stubs.inputBox((options) => {
      validate = options?.validateInput as typeof validate;
      return PROMPT;
    });
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.askPage);
    const out = outputSince(api, mark);

    assert.equal(inputs.length, 1);
    assert.ok(validate, 'the prompt box does not validate as you type');
    assert.match(String(await validate('   ')), /1–10,000/);
    assert.match(String(await validate('x'.repeat(10_001))), /1–10,000/);
    assert.equal(await validate(PROMPT), undefined);

    const answer = 'The main heading says "Hello fixture".';
    assert.ok(
      shown.some((m) => m.severity === 'info' && m.message.startsWith(`Answer: ${answer}`)),
      `the answer was not shown as a notification; saw ${JSON.stringify(shown)}`,
    );
    assert.match(out, new RegExp(`▶ Prompt "${PROMPT.replace(/\?/g, '\\?')}" · job ${job}`));
    assert.ok(out.includes(`Answer:\n${answer}\n`), `no Answer section in the output:\n${out}`);
    assert.match(out, /└ finished/);

    // The model really got the prompt and the page text from the engine's tool.
    const sent = world.llm.requests.slice(firstRequest);
    assert.equal(sent.length, 2, `the model was called ${sent.length} times`);
    assert.ok(sent[0].body.messages.some((m) => m.role === 'user' && (m.content ?? '').includes(PROMPT)), 'the prompt did not reach the model');
    assert.ok(sent[1].body.messages.some((m) => m.role === 'tool' && (m.content ?? '').includes('Hello fixture')), 'the tool result did not carry the page text');

    assert.equal(api.sessions.get(job)?.promptUsed, true, 'the session is not marked as having used a prompt');

    // Stopping bills the whole session at the prompt rate: at least 7 credits (one minute at 7).
    const stopMark = outputMark(api);
    await vscode.commands.executeCommand(CMD.stopSession, { jobId: job });
    const billed = /(\d+) credits? billed/.exec(outputSince(api, stopMark));
    assert.ok(billed, 'no stop report');
    assert.ok(Number(billed[1]) >= 7, `a prompt session was billed ${billed[1]} credits`);
  });

  it('does not send an empty prompt when the box is dismissed', async () => {
    const firstRequest = world.llm.requests.length;
    stubs.inputBox(() => undefined);
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.askPage);
    assert.equal(outputSince(api, mark), '');
    assert.equal(world.llm.requests.length, firstRequest);
  });
});
