// The API key on the fake `vscode`: typed into Set API key's password box, kept in SecretStorage
// (the extension reports only whether one is stored), sent as a Bearer token, removed by Clear
// API key, and never written to the output or log channel. The contract server records what was
// sent. (That no key or capability URL of a whole run reaches a channel is checked by every
// FakeWindow as it closes, and in the extension host by test/suite/secrets.test.ts.)
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CMD } from '../../../src/ids';
import { startContractServer, type ContractServer } from '../../support/contract-server';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow } from '../../support/fake-vscode/window';

const RUN = { json: { success: true, sessionId: 's', stdout: 'hi\n', result: '1', stderr: '', exitCode: 0, killed: false } };

describe('API key in SecretStorage (fake vscode, contract server)', () => {
  let w: FakeWindow;
  let server: ContractServer;
  let shown: ShownMessage[];

  before(async () => {
    w = await FakeWindow.open();
    server = await startContractServer({
      'POST /v2/scrape/:job/interact': RUN,
      'DELETE /v2/scrape/:job/interact': { json: { success: true, sessionDurationMs: 1000, creditsBilled: 2 } },
    });
  });

  beforeEach(() => {
    w.resetAnswers();
    shown = w.notifications();
  });

  afterEach(async () => {
    await w.stopAllSessions();
    await w.resetSettings();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await server?.close();
  });

  async function runOnce(): Promise<Record<string, unknown>> {
    await w.command(CMD.chooseJob, { jobId: randomUUID() });
    await w.openFile('one.js', '1');
    const before = server.requests.length;
    await w.command(CMD.runSelection);
    const sent = server.requests.slice(before).filter((r) => r.method === 'POST');
    assert.equal(sent.length, 1, `expected one request; notifications: ${JSON.stringify(shown)}`);
    return sent[0].headers as Record<string, unknown>;
  }

  it('stores the typed key in SecretStorage, sends it, and never prints it', async () => {
    await w.useBackend({ url: server.url });
    assert.equal(await w.api.hasStoredApiKey(), false);
    const key = `fc-${randomUUID().replace(/-/g, '')}`;
    const inputs = w.inputBox(() => key);
    await w.command(CMD.setApiKey);
    assert.equal(inputs.length, 1);
    assert.equal(inputs[0].options?.password, true, 'the key box does not hide what is typed');
    assert.equal(await w.api.hasStoredApiKey(), true);
    // Not in settings: the key lives in SecretStorage only.
    assert.ok(!JSON.stringify(w.fake.recording.configWrites).includes(key), 'the key was written to the settings');

    const headers = await runOnce();
    assert.equal(headers.authorization, `Bearer ${key}`);
    assert.ok(!w.channelsText().includes(key), 'the key appears in the output or log channel');
    assert.ok(!shown.some((m) => m.message.includes(key)), 'the key appears in a notification');
  });

  it('Clear API key removes it: requests to a non-cloud URL then go without Authorization', async () => {
    await w.useBackend({ url: server.url, apiKey: `fc-${randomUUID()}` });
    assert.equal(await w.api.hasStoredApiKey(), true);
    await w.command(CMD.clearApiKey);
    assert.equal(await w.api.hasStoredApiKey(), false);
    const headers = await runOnce();
    assert.equal(headers.authorization, undefined);
  });

  it('the escape key in the key box changes nothing', async () => {
    const key = `fc-${randomUUID()}`;
    await w.useBackend({ url: server.url, apiKey: key });
    w.inputBox(() => undefined);
    await w.command(CMD.setApiKey);
    assert.equal((await runOnce()).authorization, `Bearer ${key}`);
  });
});
