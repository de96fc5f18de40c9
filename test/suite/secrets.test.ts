// The API key: typed into Set API key's password box, kept in SecretStorage (the extension
// reports only whether one is stored), sent as a Bearer token, removed by Clear API key, and
// never written to the output or log channel. The contract server records what was sent.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { startContractServer, type ContractServer } from '../support/contract-server';
import { channelsText, CMD, extensionApi, resetSettings, secretsSeen, stopAllSessions, useBackend, openFile } from './support/extension';
import { Stubs, type ShownMessage } from './support/stubs';
import { getWorld } from './support/world';

const RUN = { json: { success: true, sessionId: 's', stdout: 'hi\n', result: '1', stderr: '', exitCode: 0, killed: false } };

describe('API key in SecretStorage (contract server)', function () {
  let api: ExtensionApi;
  let server: ContractServer;
  let shown: ShownMessage[];
  const stubs = new Stubs();

  before(async function () {
    this.timeout(60_000);
    api = await extensionApi();
    server = await startContractServer({
      'POST /v2/scrape/:job/interact': RUN,
      'DELETE /v2/scrape/:job/interact': { json: { success: true, sessionDurationMs: 1000, creditsBilled: 2 } },
    });
  });

  beforeEach(() => {
    shown = stubs.notifications();
  });

  afterEach(async function () {
    this.timeout(60_000);
    stubs.restore();
    await stopAllSessions(api);
    await resetSettings();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await server.close();
  });

  async function runOnce(): Promise<Record<string, unknown>> {
    await vscode.commands.executeCommand(CMD.chooseJob, { jobId: randomUUID() });
    await openFile('one.js', '1');
    const before = server.requests.length;
    await vscode.commands.executeCommand(CMD.runSelection);
    const sent = server.requests.slice(before).filter((r) => r.method === 'POST');
    assert.equal(sent.length, 1, `expected one request; notifications: ${JSON.stringify(shown)}`);
    return sent[0].headers as Record<string, unknown>;
  }

  it('stores the typed key in SecretStorage, sends it, and never prints it', async () => {
    await useBackend(api, { url: server.url });
    assert.equal(await api.hasStoredApiKey(), false);
    const key = `fc-${randomUUID().replace(/-/g, '')}`;
    const inputs = stubs.inputBox(() => key);
    await vscode.commands.executeCommand(CMD.setApiKey);
    assert.equal(inputs.length, 1);
    assert.equal(inputs[0].options?.password, true, 'the key box does not hide what is typed');
    assert.equal(await api.hasStoredApiKey(), true);
    // Not in settings: the key lives in SecretStorage only.
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('firecrawlInteract')).includes(key), 'the key is in the settings');

    const headers = await runOnce();
    assert.equal(headers.authorization, `Bearer ${key}`);
    assert.ok(!channelsText(api).includes(key), 'the key appears in the output or log channel');
    assert.ok(!shown.some((m) => m.message.includes(key)), 'the key appears in a notification');
  });

  it('Clear API key removes it: requests to a non-cloud URL then go without Authorization', async () => {
    await useBackend(api, { url: server.url, apiKey: `fc-${randomUUID()}` });
    assert.equal(await api.hasStoredApiKey(), true);
    await vscode.commands.executeCommand(CMD.clearApiKey);
    assert.equal(await api.hasStoredApiKey(), false);
    const headers = await runOnce();
    assert.equal(headers.authorization, undefined);
  });

  it('the escape key in the key box changes nothing', async () => {
    const key = `fc-${randomUUID()}`;
    await useBackend(api, { url: server.url, apiKey: key });
    stubs.inputBox(() => undefined);
    await vscode.commands.executeCommand(CMD.setApiKey);
    assert.equal((await runOnce()).authorization, `Bearer ${key}`);
  });

  it('no key or capability URL the suite used so far appears in the output or log channel', async () => {
    const world = await getWorld();
    await useBackend(api, world.engine);
    const text = channelsText(api);
    assert.ok(text.length > 0, 'the channels are empty: nothing to check');
    assert.ok(secretsSeen.size > 0);
    const leaked = [...secretsSeen].filter((secret) => text.includes(secret) || tokenOf(secret).some((t) => text.includes(t)));
    assert.deepEqual(leaked.map((s) => `${s.slice(0, 4)}…`), [], 'secrets appear in a channel');
  });
});

/** The query-string values of a capability URL (its tokens); a plain key has none. */
function tokenOf(secret: string): string[] {
  try {
    return [...new URL(secret).searchParams.values()].filter((v) => v.length >= 8);
  } catch {
    return [];
  }
}
