// CONTRACT / FAULT tests on the fake `vscode`: what only the cloud (or a broken network)
// produces, served by a scripted HTTP server (test/support/contract-server.ts): 401, 402, 403,
// 502, a server 400 with the engine's own body, malformed bodies and dropped connections. The
// extension must show a message that says what to do, with the right buttons, never retry a
// POST, and not crash.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CMD } from '../../../src/ids';
import { startContractServer, type ContractServer, type ScriptedReply } from '../../support/contract-server';
import { startEngine } from '../../support/engine';
import { engineRequest } from '../../support/engine-http';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow } from '../../support/fake-vscode/window';

const INTERACT = 'POST /v2/scrape/:job/interact';
const STOP = 'DELETE /v2/scrape/:job/interact';
const OK_RUN = { success: true, sessionId: 'contract-session', stdout: '', result: 'contract ok', stderr: '', exitCode: 0, killed: false };

describe('contract: cloud-only errors and faults (fake vscode)', () => {
  let w: FakeWindow;
  let server: ContractServer;
  let shown: ShownMessage[];
  let job: string;
  const key = `fc-contract-${randomUUID()}`;

  before(async () => {
    w = await FakeWindow.open();
    server = await startContractServer({ [STOP]: { json: { success: true, sessionDurationMs: 1500, creditsBilled: 2 } } });
  });

  beforeEach(async () => {
    w.resetAnswers();
    shown = w.notifications();
    await w.useBackend({ url: server.url, apiKey: key });
    job = randomUUID();
    await w.command(CMD.chooseJob, { jobId: job });
    shown.length = 0;
    server.requests.length = 0;
  });

  afterEach(async () => {
    server.setRoute(STOP, { json: { success: true, sessionDurationMs: 1500, creditsBilled: 2 } });
    await w.stopAllSessions();
    await w.resetSettings();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await server?.close();
  });

  async function runWith(reply: ScriptedReply | ScriptedReply[]): Promise<string> {
    server.setRoute(INTERACT, reply);
    await w.openFile('title.js', 'await page.title()');
    const mark = w.outputMark();
    await w.command(CMD.runSelection);
    return w.outputSince(mark);
  }

  function onlyError(): ShownMessage {
    const list = shown.filter((m) => m.severity === 'error');
    assert.equal(list.length, 1, `expected one error notification, saw ${JSON.stringify(shown)}`);
    return list[0];
  }

  const interactPosts = () => server.requests.filter((r) => r.method === 'POST' && /\/interact$/.test(r.path));

  it('sends the run as the API describes (path, key, body)', async () => {
    const out = await runWith({ json: OK_RUN });
    assert.match(out, /result:\ncontract ok\n/);
    const [req] = interactPosts();
    assert.equal(req.path, `/v2/scrape/${job}/interact`);
    assert.equal(req.headers.authorization, `Bearer ${key}`);
    const body = req.json as Record<string, unknown>;
    assert.equal(body.code, 'await page.title()');
    assert.equal(body.language, 'node');
    assert.equal(body.timeout, 30);
    assert.equal(typeof body.origin, 'string');
    assert.equal(body.prompt, undefined);
  });

  it('401 says to set a valid API key and never echoes the key', async () => {
    await runWith({ status: 401, json: { success: false, error: `Unauthorized: Invalid token ${key}` } });
    const err = onlyError();
    assert.match(err.message, /rejected the API key \(401 Unauthorized\)/);
    assert.deepEqual(err.buttons, ['Set API key']);
    assert.ok(!err.message.includes(key), 'the key echoed by the server reached the notification');
    assert.ok(!w.api.outputText().includes(key) && !w.api.logText().includes(key), 'the key reached a channel');
  });

  it('402 says to buy credits', async () => {
    await runWith({ status: 402, json: { success: false, error: 'Insufficient credits to start a browser session.' } });
    const err = onlyError();
    assert.match(err.message, /Not enough credits on this Firecrawl team \(402 Payment Required\): Insufficient credits/);
    assert.match(err.message, /buy credits/);
    assert.deepEqual(err.buttons, ['Set API key']);
  });

  it('403 says the job belongs to another team', async () => {
    await runWith({ status: 403, json: { success: false, error: 'Forbidden: this job belongs to another team.' } });
    const err = onlyError();
    assert.match(err.message, new RegExp(`Access to job ${job} was refused \\(403 Forbidden\\)`));
    assert.deepEqual(err.buttons, ['Set API key', 'Choose job']);
  });

  it('502 says to retry later, and the POST is not retried automatically', async () => {
    await runWith({ status: 502, json: { success: false, error: 'Browser service failed.' } });
    const err = onlyError();
    assert.match(err.message, /\(502 Bad Gateway\): Browser service failed\. Try again in a moment\./);
    assert.deepEqual(err.buttons, ['Retry']);
    assert.equal(interactPosts().length, 1, 'POST interact was sent more than once');
  });

  it('a server 400 (the engine’s own body for an unknown key) shows the server’s reason', async () => {
    // The extension validates everything the engine checks, so it never sends a bad request
    // itself; the engine's real 400 answer is replayed here to check how it is shown.
    const engine = await startEngine();
    const real = await engineRequest(engine, 'POST', `/v2/scrape/${randomUUID()}/interact`, { code: '1', bogus: true }).finally(() => engine.stop());
    assert.equal(real.status, 400);
    const serverError = (real.json as { error: string }).error;
    await runWith({ status: 400, json: real.json });
    const err = onlyError();
    assert.match(err.message, /^The server rejected the request \(400 Bad Request\): /);
    assert.ok(err.message.includes(serverError.replace(/\.$/, '')), `the server's reason "${serverError}" is missing from "${err.message}"`);
    assert.deepEqual(err.buttons, []);
  });

  it('a non-JSON 200 body is reported without crashing', async () => {
    await runWith({ status: 200, body: '<html><body>Welcome to nginx</body></html>', headers: { 'content-type': 'text/html' } });
    const err = onlyError();
    assert.match(err.message, /answered HTTP 200 with a body that is not JSON \(text\/html\)/);
    assert.deepEqual(err.buttons, ['Open settings']);
    assert.equal(w.api.sessions.get(job), undefined);
  });

  it('JSON that is not an interact result is reported without crashing', async () => {
    await runWith({ status: 200, json: { hello: 'world' } });
    assert.match(onlyError().message, /answered HTTP 200 with JSON that is not an interact result/);
  });

  it('a non-JSON error body still maps by status', async () => {
    await runWith({ status: 502, body: '<html><h1>502 Bad Gateway</h1></html>', headers: { 'content-type': 'text/html' } });
    assert.match(onlyError().message, /\(502 Bad Gateway\)/);
  });

  it('a connection dropped before the answer names the URL and warns the run may have happened', async () => {
    const out = await runWith({ drop: 'beforeHeaders' });
    const err = onlyError();
    assert.match(err.message, new RegExp(`The connection to ${server.url.replace(/[.]/g, '\\.')}/v2/scrape/${job}/interact was closed before an answer arrived\\. The server may still have run the request\\.`));
    assert.equal(interactPosts().length, 1, 'POST interact was retried after a dropped connection');
    assert.ok(out.includes(err.message));
  });

  it('a connection dropped mid-body says the answer was cut off', async () => {
    await runWith({ json: OK_RUN, drop: 'midBody' });
    assert.match(onlyError().message, /\(HTTP 200\) was cut off before it was complete/);
    assert.equal(interactPosts().length, 1);
  });

  it('stop is retried on 502 and then reports the billed credits', async () => {
    await runWith({ json: OK_RUN });
    assert.ok(w.api.sessions.get(job), 'no session after a successful run');
    server.setRoute(STOP, [{ status: 502, json: { success: false, error: 'release not confirmed' } }, { json: { success: true, sessionDurationMs: 61_000, creditsBilled: 3 } }]);
    const mark = w.outputMark();
    await w.command(CMD.stopSession, { jobId: job });
    assert.equal(server.requests.filter((r) => r.method === 'DELETE').length, 2);
    assert.match(w.outputSince(mark), new RegExp(`■ Session stopped · job ${job} · duration 1:01 · 3 credits billed`));
    assert.ok(shown.some((m) => m.severity === 'info' && /the server billed 3 credits/.test(m.message)));
    assert.equal(w.api.sessions.get(job), undefined);
  });
});

