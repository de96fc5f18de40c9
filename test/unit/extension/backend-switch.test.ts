// Switch backend from arguments (what a command link or another extension passes), on the fake
// `vscode`: a bad URL is refused, and a key set for one server goes to a new one only after a
// question (issue 16). Two contract servers record the Authorization each request carried.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CMD } from '../../../src/ids';
import { startContractServer, type ContractServer } from '../../support/contract-server';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow } from '../../support/fake-vscode/window';

const RUN = { json: { success: true, sessionId: 's', stdout: 'hi\n', result: '1', stderr: '', exitCode: 0, killed: false } };
const STOP = { json: { success: true, sessionDurationMs: 1000, creditsBilled: 2 } };

describe('Switch backend: arguments checked, keys bound to their server (fake vscode, contract servers)', () => {
  let w: FakeWindow;
  let home: ContractServer;
  let other: ContractServer;
  const key = `fc-${randomUUID().replace(/-/g, '')}`;

  before(async () => {
    w = await FakeWindow.open();
    home = await startContractServer({ 'POST /v2/scrape/:job/interact': RUN, 'DELETE /v2/scrape/:job/interact': STOP });
    other = await startContractServer({ 'POST /v2/scrape/:job/interact': RUN, 'DELETE /v2/scrape/:job/interact': STOP });
  });

  beforeEach(() => w.resetAnswers());

  afterEach(async () => {
    await w.stopAllSessions();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await home?.close();
    await other?.close();
  });

  /** Runs one line in a fresh job; the Authorization header `server` received. */
  async function authorizationAt(server: ContractServer): Promise<unknown> {
    await w.command(CMD.chooseJob, { jobId: randomUUID() });
    await w.openFile('switch.js', '1');
    const before = server.requests.length;
    await w.command(CMD.runSelection);
    const sent = server.requests.slice(before).filter((r) => r.method === 'POST');
    assert.equal(sent.length, 1, `expected one request at ${server.url}`);
    return sent[0].headers.authorization;
  }

  it('a bad URL or target from arguments is refused with the reason, and nothing changes', async () => {
    await w.useBackend({ url: home.url, apiKey: key });
    const shown: ShownMessage[] = w.notifications();
    for (const args of [{ to: 'custom', url: 'javascript:alert(1)' }, { to: 'custom', url: 'https://user:pw@evil.example' }, { to: 'custom', url: 42 }, { to: 'elsewhere' }]) {
      await w.command(CMD.switchBackend, args);
    }
    assert.equal(w.vscode.workspace.getConfiguration('firecrawlInteract').inspect<string>('apiUrl')?.globalValue, home.url);
    assert.equal(await w.api.effectiveApiUrl(), home.url);
    assert.equal(shown.filter((m) => m.severity === 'error' && /nothing was changed/.test(m.message)).length, 4, JSON.stringify(shown));
  });

  it('to a new server with a key stored for this one: asks first; "without a key" sends none, Escape stays', async () => {
    await w.useBackend({ url: home.url, apiKey: key });
    assert.equal(await authorizationAt(home), `Bearer ${key}`);

    let answer: string | undefined;
    // The run left a session on the server being left: stop it when asked.
    const shown: ShownMessage[] = w.notifications((m) => (/Send your API key/.test(m.message) ? answer : /Stop before switching/.test(m.message) ? 'Stop it and switch' : undefined));
    answer = undefined; // Escape: no switch.
    await w.command(CMD.switchBackend, { to: 'custom', url: other.url });
    const asked = shown.filter((m) => /Send your API key/.test(m.message));
    assert.equal(asked.length, 1, `no question before the key could go to another server; saw ${JSON.stringify(shown)}`);
    assert.deepEqual(asked[0].buttons, ['Send my key there', 'Switch without a key']);
    assert.equal(await w.api.effectiveApiUrl(), home.url, 'Escape switched anyway');

    answer = 'Switch without a key';
    await w.command(CMD.switchBackend, { to: 'custom', url: other.url });
    assert.equal(await w.api.effectiveApiUrl(), other.url);
    assert.equal(await authorizationAt(other), undefined, 'the key set for the first server went to the second');
    assert.ok(!other.requests.some((r) => JSON.stringify(r.headers).includes(key)));

    // Back home: its own key, without a question.
    const before = shown.length;
    await w.command(CMD.switchBackend, { to: 'custom', url: home.url });
    assert.equal(shown.slice(before).filter((m) => /Send your API key/.test(m.message)).length, 0);
    assert.equal(await authorizationAt(home), `Bearer ${key}`);

    answer = 'Send my key there';
    await w.command(CMD.switchBackend, { to: 'custom', url: other.url });
    assert.equal(await authorizationAt(other), `Bearer ${key}`, 'the key the user agreed to send');
  });

  it('editing apiUrl to another server does not carry the key there', async () => {
    const third = await startContractServer({ 'POST /v2/scrape/:job/interact': RUN, 'DELETE /v2/scrape/:job/interact': STOP });
    try {
      await w.useBackend({ url: home.url, apiKey: key });
      w.notifications((m) => (/Stop before switching|The backend is now/.test(m.message) ? 'Stop them' : undefined));
      await w.stopAllSessions();
      await w.vscode.workspace.getConfiguration('firecrawlInteract').update('apiUrl', `${third.url}/`, w.vscode.ConfigurationTarget.Global);
      assert.equal(await authorizationAt(third), undefined, 'the key set for the first server went to the one apiUrl names now');
      assert.ok(!third.requests.some((r) => JSON.stringify(r.headers).includes(key)));
    } finally {
      await w.stopAllSessions();
      await third.close();
    }
  });

  it('the exported API holds no key: not in its JSON, not behind any property or getter', async () => {
    await w.useBackend({ url: home.url, apiKey: key });
    await authorizationAt(home);
    assert.ok(w.api.sessions.list().length > 0, 'no session to look into');
    const data: Record<string, unknown> = {
      sessions: w.api.sessions.list(),
      session: w.api.sessions.get(w.api.sessions.list()[0].jobId),
      output: w.api.outputText(),
      log: w.api.logText(),
      statusBar: w.api.statusBar(),
      liveView: w.api.liveView(),
      notifications: w.api.notifications(),
      localEngine: w.api.localEngine(),
      apiUrl: await w.api.effectiveApiUrl(),
      backend: w.api.backend(),
      jobs: w.api.jobs(),
      runs: w.api.runs(),
      views: await w.api.views(),
    };
    assert.ok(!JSON.stringify(data).includes(key), "the key is in the API's JSON");
    assert.deepEqual(reachableStrings(data).filter((s) => s.includes(key)), [], 'a property or getter of the API gives the key');
    assert.equal((w.api.sessions.list()[0].server as { apiKey?: unknown }).apiKey, undefined);
  });
});

/** Every string reachable from `root` through own properties and getters of its prototypes. */
function reachableStrings(root: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === 'string') out.push(v);
    if (typeof v !== 'object' || v === null || seen.has(v) || depth > 12) return;
    seen.add(v);
    const names = new Set<string>();
    for (let o: object | null = v; o && o !== Object.prototype && o !== Array.prototype; o = Object.getPrototypeOf(o) as object | null) {
      for (const n of Object.getOwnPropertyNames(o)) names.add(n);
    }
    for (const n of names) {
      if (n === 'constructor') continue;
      let value: unknown;
      try {
        value = (v as Record<string, unknown>)[n];
      } catch {
        continue;
      }
      if (typeof value !== 'function') walk(value, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

