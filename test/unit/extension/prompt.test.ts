// Ask the page on the fake `vscode`: a prompt typed in the input box runs the engine's agent
// against a scripted OpenAI-compatible chat endpoint (a contract double for the model; the
// browser, the page and the tools are real). The agent's answer, read from the real page, is
// shown prominently.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CMD } from '../../../src/ids';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow } from '../../support/fake-vscode/window';
import type { RecordedRequest } from '../../support/scripted-llm';
import { startServers, type Servers } from '../../support/servers';

const PROMPT = 'What does the main heading of this page say?';

describe('ask the page (prompt, contract model; fake vscode, real engine)', () => {
  let servers: Servers;
  let w: FakeWindow;
  let job: string;
  let shown: ShownMessage[];

  before(async () => {
    servers = await startServers();
    w = await FakeWindow.open();
    await w.useBackend(servers.engine);
    job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
  });

  beforeEach(() => {
    w.resetAnswers();
    shown = w.notifications();
  });

  after(async () => {
    await w?.close();
    await servers?.close();
  });

  it('shows the agent answer, computed from the real page, in a notification and the output', async () => {
    const firstRequest = servers.llm.requests.length;
    // Turn 1: read the page. Turn 2: answer with the heading found in what the tool returned.
    servers.llmScript.push({ toolCalls: [{ name: 'extract', arguments: {} }] }, (req: RecordedRequest) => {
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
    const inputs = w.inputBox((options) => {
      validate = options?.validateInput as typeof validate;
      return PROMPT;
    });
    const mark = w.outputMark();
    await w.command(CMD.askPage);
    const out = w.outputSince(mark);

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
    const sent = servers.llm.requests.slice(firstRequest);
    assert.equal(sent.length, 2, `the model was called ${sent.length} times`);
    assert.ok(sent[0].body.messages.some((m) => m.role === 'user' && (m.content ?? '').includes(PROMPT)), 'the prompt did not reach the model');
    assert.ok(sent[1].body.messages.some((m) => m.role === 'tool' && (m.content ?? '').includes('Hello fixture')), 'the tool result did not carry the page text');

    assert.equal(w.api.sessions.get(job)?.promptUsed, true, 'the session is not marked as having used a prompt');

    // Stopping bills the whole session at the prompt rate: at least 7 credits (one minute at 7).
    const stopMark = w.outputMark();
    await w.command(CMD.stopSession, { jobId: job });
    const billed = /(\d+) credits? billed/.exec(w.outputSince(stopMark));
    assert.ok(billed, 'no stop report');
    assert.ok(Number(billed[1]) >= 7, `a prompt session was billed ${billed[1]} credits`);
  });

  it('does not send an empty prompt when the box is dismissed', async () => {
    const firstRequest = servers.llm.requests.length;
    w.inputBox(() => undefined);
    const mark = w.outputMark();
    await w.command(CMD.askPage);
    assert.equal(w.outputSince(mark), '');
    assert.equal(servers.llm.requests.length, firstRequest);
  });
});

