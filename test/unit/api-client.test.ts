/**
 * CONTRACT and FAULT tests of FirecrawlClient against the scripted contract server: cloud-only
 * statuses, malformed and cut-off bodies, dropped connections, cancel, retries and headers.
 * The happy path against the real local engine lives in the engine and extension-host layers.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { ClientSettings } from '../../src/api/client';
import { FirecrawlClient } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { OFF_THREAD_BYTES } from '../../src/api/json-body';
import type { ContractServer } from '../support/contract-server';
import { startContractServer } from '../support/contract-server';

const JOB = '550e8400-e29b-41d4-a716-446655440000';
const KEY = 'fc-0123456789abcdef0123456789abcdef';
const INTERACT = `POST /v2/scrape/:id/interact`;
const STOP = `DELETE /v2/scrape/:id/interact`;
const OK_RUN = {
  success: true,
  sessionId: 'sess-1',
  cdpUrl: 'wss://cdp.example/devtools?token=secret',
  liveViewUrl: 'https://live.example/view?token=secret',
  interactiveLiveViewUrl: 'https://live.example/view?token=secret&interactive=1',
  stdout: 'hi\n',
  result: '42',
  stderr: '',
  exitCode: 0,
  killed: false,
};

let server: ContractServer;
let settings: ClientSettings;
let client: FirecrawlClient;

before(async () => {
  server = await startContractServer();
});
after(async () => {
  await client?.dispose();
  await server.close();
});
beforeEach(async () => {
  await client?.dispose();
  server.requests.length = 0;
  settings = { apiUrl: server.url, apiKey: KEY, origin: 'vscode-firecrawl-interact', timeoutMarginSec: 30 };
  client = new FirecrawlClient({ stopRetryDelaysMs: [10, 20] });
});

async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

function assertNoSecrets(err: ApiError) {
  for (const text of [err.message, err.serverMessage ?? '', err.url ?? '']) {
    assert.ok(!text.includes(KEY), `API key leaked: ${text}`);
    assert.ok(!text.includes('token=secret'), `capability token leaked: ${text}`);
  }
}

describe('contract: interact request', () => {
  test('sends code, language, timeout and origin as JSON with the bearer key', async () => {
    server.setRoute(INTERACT, { json: OK_RUN });
    const res = await client.interact(settings, JOB, { code: '1+1', language: 'node', timeout: 5 });
    assert.equal(res.success, true);
    assert.equal(res.result, '42');
    const [req] = server.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.path, `/v2/scrape/${JOB}/interact`);
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    assert.match(String(req.headers['content-type']), /application\/json/);
    assert.deepEqual(req.json, { code: '1+1', language: 'node', timeout: 5, origin: 'vscode-firecrawl-interact' });
  });

  test('sends no Authorization header when no key is set (keyless self-hosted use)', async () => {
    settings.apiKey = undefined;
    server.setRoute(INTERACT, { json: OK_RUN });
    await client.interact(settings, JOB, { prompt: 'What is the title?' });
    assert.equal(server.requests[0].headers.authorization, undefined);
    assert.deepEqual(server.requests[0].json, { prompt: 'What is the title?', origin: 'vscode-firecrawl-interact' });
  });

  test('a blank key counts as no key', async () => {
    settings.apiKey = '   ';
    server.setRoute(INTERACT, { json: OK_RUN });
    await client.interact(settings, JOB, { code: '1' });
    assert.equal(server.requests[0].headers.authorization, undefined);
  });

  test('joins the URL whatever the trailing slashes, and with a /v2 base', async () => {
    server.setRoute(INTERACT, { json: OK_RUN });
    for (const apiUrl of [`${server.url}/`, `${server.url}//`, `${server.url}/v2`, `${server.url}/v2/`]) {
      settings.apiUrl = apiUrl;
      await client.interact(settings, JOB, { code: '1' });
    }
    assert.deepEqual(
      server.requests.map((r) => r.path),
      Array(4).fill(`/v2/scrape/${JOB}/interact`),
    );
  });

  test('HTTP 200 with success:false is returned as a failed run, not thrown', async () => {
    server.setRoute(INTERACT, { json: { ...OK_RUN, success: false, stderr: 'boom', exitCode: 1, error: 'boom' } });
    const res = await client.interact(settings, JOB, { code: 'throw 1' });
    assert.equal(res.success, false);
    assert.equal(res.exitCode, 1);
  });

  test('validation failures name the rule and send nothing', async () => {
    const cases: [string, Parameters<FirecrawlClient['interact']>[2], RegExp][] = [
      ['not-a-uuid', { code: '1' }, /not a UUID/],
      [JOB, { code: '' }, /Code is empty/],
      [JOB, { code: 'x'.repeat(100_001) }, /1–100,000 characters/],
      [JOB, { prompt: 'p'.repeat(10_001) }, /1–10,000 characters/],
      [JOB, { code: '1', timeout: 301 }, /from 1 to 300/],
      [JOB, { code: '1', timeout: 2.5 }, /whole number/],
      [JOB, {}, /Either 'code' or 'prompt'/],
      [JOB, { code: '1', prompt: 'p' }, /not both/],
    ];
    for (const [job, body, rule] of cases) {
      const err = await rejects(client.interact(settings, job, body));
      assert.equal(err.kind, 'validation');
      assert.match(err.message, rule);
    }
    assert.equal(server.requests.length, 0);
  });

  test('an invalid API URL setting is a validation error with the settings action', async () => {
    settings.apiUrl = 'ftp://nope';
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'validation');
    assert.deepEqual(err.actions, ['openSettings']);
  });

  test('an API key pasted into the API URL setting is not repeated in the message', async () => {
    const key = 'engine-key-0123456789abcdef';
    settings = { ...settings, apiUrl: key, apiKey: key };
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'validation');
    assert.ok(!err.message.includes(key), err.message);
  });
});

describe('contract: HTTP error statuses map to actionable errors', () => {
  const cases: [number, string, RegExp, string[]][] = [
    [400, 'Invalid job ID format', /rejected the request \(400.*Invalid job ID format/, []],
    [401, 'Unauthorized: Invalid token', /rejected the API key \(401/, ['setApiKey']],
    [402, 'Insufficient credits', /Not enough credits.*firecrawl\.dev/, ['setApiKey']],
    [403, 'Forbidden', /belongs to another team/, ['setApiKey', 'chooseJob']],
    [404, 'Job not found', /was not found/, ['chooseJob']],
    [409, 'Replay context unavailable', /Scrape the URL again/, ['rescrape']],
    [410, 'Browser session destroyed', /cannot be restarted.*Scrape the URL again/, ['rescrape']],
    [429, 'Too many concurrent browser sessions', /Stop a session/, ['stopSessions']],
    [501, 'Not implemented', /not available on .*local engine/, ['startLocalEngine', 'openSettings']],
    [503, 'Interact is not supported', /not available on .*local engine/, ['startLocalEngine', 'openSettings']],
    [502, 'Browser service failed', /browser service or AI agent failed.*Try again/, ['retry']],
    [500, 'Internal error', /failed with HTTP 500.*Check the request/, []],
    [504, 'Upstream timeout', /timed out \(504\).*Try again/, ['retry']],
    [418, "I'm a teapot", /answered HTTP 418/, []],
  ];
  for (const [status, error, message, actions] of cases) {
    test(`${status}`, async () => {
      server.setRoute(INTERACT, { status, json: { success: false, error } });
      const err = await rejects(client.interact(settings, JOB, { code: '1' }));
      assert.equal(err.kind, 'http');
      assert.equal(err.status, status);
      assert.match(err.message, message);
      assert.deepEqual(err.actions, actions);
      assert.equal(err.url, `${server.url}/v2/scrape/${JOB}/interact`);
      assert.equal(server.requests.length, 1, 'POST interact is never retried');
      assertNoSecrets(err);
    });
  }

  test('400 details (zod issues) are spelled out', async () => {
    server.setRoute(INTERACT, { status: 400, json: { success: false, error: 'Bad Request', code: 'BAD_REQUEST', details: [{ path: ['timeout'], message: 'Number must be less than or equal to 300' }] } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.match(err.message, /timeout: Number must be less than or equal to 300/);
    assert.equal(err.code, 'BAD_REQUEST');
  });

  test('401 without a key says that none is set', async () => {
    settings.apiKey = undefined;
    server.setRoute(INTERACT, { status: 401, json: { success: false, error: 'Unauthorized' } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.match(err.message, /requires an API key .* none is set/);
  });

  test('an API key echoed by the server never reaches the message', async () => {
    server.setRoute(INTERACT, { status: 401, json: { success: false, error: `Invalid token ${KEY} (Bearer ${KEY})` } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assertNoSecrets(err);
    assert.match(err.message, /Invalid token \*\*\*/);
  });

  test('an HTML error page (e.g. a proxy 502) is summarised without tags', async () => {
    server.setRoute(INTERACT, { status: 502, body: '<html><head><style>x{}</style></head><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.status, 502);
    assert.match(err.message, /502 Bad Gateway/);
    assert.doesNotMatch(err.message, /<h1>|x\{\}/);
  });
});

describe('fault: malformed, cut-off and dropped answers', () => {
  test('a 200 with a non-JSON HTML body is a malformed error with a short snippet', async () => {
    server.setRoute(INTERACT, { status: 200, body: `<!doctype html><html><body>${'Welcome '.repeat(100)}</body></html>`, headers: { 'content-type': 'text/html; charset=utf-8' } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'malformed');
    assert.equal(err.status, 200);
    assert.match(err.message, /not JSON \(text\/html\)/);
    assert.ok(err.message.length < 400, 'the snippet is short');
  });

  test('truncated JSON is a malformed error', async () => {
    server.setRoute(INTERACT, { status: 200, body: '{"success": true, "stdout": "ab', headers: { 'content-type': 'application/json' } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'malformed');
  });

  test('JSON of the wrong shape is a malformed error', async () => {
    for (const json of [[1, 2], { ok: true }, 'text', null]) {
      server.setRoute(INTERACT, { json });
      const err = await rejects(client.interact(settings, JOB, { code: '1' }));
      assert.equal(err.kind, 'malformed', JSON.stringify(json));
    }
  });

  test('a body past the off-thread size (parsed on a worker thread) answers the same run, multi-byte text intact', async () => {
    const result = `${'ü€ "quoted" \\ line\n'.repeat(80_000)}end`;
    assert.ok(Buffer.byteLength(JSON.stringify({ ...OK_RUN, result })) >= OFF_THREAD_BYTES, 'the body is big enough to leave the thread');
    server.setRoute(INTERACT, { json: { ...OK_RUN, result } });
    const run = await client.interact(settings, JOB, { code: '1' });
    assert.deepEqual(run, { ...OK_RUN, result });
  });

  test('a big non-JSON body (parsed off the thread) is the same malformed error with a short snippet', async () => {
    server.setRoute(INTERACT, { status: 200, body: `<html>${'Welcome '.repeat(200_000)}</html>`, headers: { 'content-type': 'text/html' } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'malformed');
    assert.match(err.message, /not JSON \(text\/html\): "<html>Welcome/);
    assert.ok(err.message.length < 400, 'the snippet is short');
  });

  test('a big error body (parsed off the thread) keeps the server message', async () => {
    server.setRoute(INTERACT, { status: 404, json: { success: false, error: `Job not found. ${'x'.repeat(1_100_000)}` } });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.status, 404);
    assert.match(err.serverMessage ?? '', /^Job not found\./);
  });

  test('an empty 200 body is a malformed error', async () => {
    server.setRoute(INTERACT, { status: 200, body: '' });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'malformed');
    assert.match(err.message, /empty body/);
  });

  test('a connection dropped mid-body is a malformed error that says the run may have finished', async () => {
    server.setRoute(INTERACT, { json: { ...OK_RUN, stdout: 'x'.repeat(5000) }, drop: 'midBody' });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'malformed');
    assert.equal(err.status, 200);
    assert.match(err.message, /cut off.*may have finished/);
    assert.equal(server.requests.length, 1);
  });

  test('a connection dropped before the answer is a network error, and POST is not retried', async () => {
    server.setRoute(INTERACT, { drop: 'beforeHeaders' });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'network');
    assert.match(err.message, new RegExp(`${server.url}/v2/scrape/${JOB}/interact`));
    assert.match(err.message, /closed before an answer.*may still have run/);
    assert.equal(server.requests.length, 1);
  });

  test('an unreachable server: the message names the URL (without query) and asks whether it runs', async () => {
    const dead = await startContractServer();
    const deadUrl = dead.url;
    await dead.close();
    settings.apiUrl = `${deadUrl}/?token=abc`;
    const err = await rejects(client.interact(settings, JOB, { code: '1' }));
    assert.equal(err.kind, 'network');
    assert.match(err.message, /connection refused.*Is the server running\?/);
    assert.ok(err.message.includes(`${deadUrl}/v2/scrape/${JOB}/interact`), err.message);
    assert.doesNotMatch(err.message, /token=abc/);
    assert.deepEqual(err.actions, ['retry', 'startLocalEngine', 'openSettings']);
  });

  test('cancel aborts the request and says the server may still finish the run', async () => {
    server.setRoute(INTERACT, { json: OK_RUN, delayMs: 10_000 });
    const ac = new AbortController();
    const p = client.interact(settings, JOB, { code: '1' }, ac.signal);
    setTimeout(() => ac.abort(), 100);
    const err = await rejects(p);
    assert.equal(err.kind, 'cancelled');
    assert.match(err.message, /may still finish the run/);
  });

  test('an already-aborted signal sends nothing', async () => {
    server.setRoute(INTERACT, { json: OK_RUN });
    const err = await rejects(client.interact(settings, JOB, { code: '1' }, AbortSignal.abort()));
    assert.equal(err.kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  });

  test('a slow server past timeout + margin is a timeout error', async () => {
    settings.timeoutMarginSec = 0;
    server.setRoute(INTERACT, { json: OK_RUN, delayMs: 10_000 });
    const err = await rejects(client.interact(settings, JOB, { code: '1', timeout: 1 }));
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /within 1 s/);
  });
});

describe('contract: stop (DELETE)', () => {
  test('returns the billing summary', async () => {
    server.setRoute(STOP, { json: { success: true, sessionDurationMs: 61_000, creditsBilled: 3 } });
    const res = await client.stop(settings, JOB);
    assert.deepEqual(res, { success: true, sessionDurationMs: 61_000, creditsBilled: 3 });
    assert.equal(server.requests[0].method, 'DELETE');
    assert.equal(server.requests[0].body, '');
  });

  test('is retried on 502 until it succeeds', async () => {
    server.setRoute(STOP, [{ status: 502, json: { success: false, error: 'release not confirmed' } }, { json: { success: true, sessionDurationMs: 1, creditsBilled: 2 } }]);
    const res = await client.stop(settings, JOB);
    assert.equal(res.success, true);
    assert.equal(server.requests.length, 2);
  });

  test('is retried on network errors, at most twice', async () => {
    server.setRoute(STOP, { drop: 'beforeHeaders' });
    const err = await rejects(client.stop(settings, JOB));
    assert.equal(err.kind, 'network');
    assert.equal(server.requests.length, 3);
  });

  test('is not retried on other errors; 404 says there is no session', async () => {
    server.setRoute(STOP, { status: 404, json: { success: false, error: 'No browser session for this job' } });
    const err = await rejects(client.stop(settings, JOB));
    assert.match(err.message, /no browser session to stop/);
    assert.equal(server.requests.length, 1);
  });

  test('a 502 that persists ends with a retry action', async () => {
    server.setRoute(STOP, { status: 502, json: { success: false, error: 'release not confirmed' } });
    const err = await rejects(client.stop(settings, JOB));
    assert.equal(err.status, 502);
    assert.match(err.message, /could not confirm/);
    assert.deepEqual(err.actions, ['retry']);
    assert.equal(server.requests.length, 3);
  });
});

describe('contract: scrape and list sessions', () => {
  test('scrape posts the URL with origin and returns the job id', async () => {
    server.setRoute('POST /v2/scrape', { json: { success: true, data: { markdown: '# Hi', metadata: { scrapeId: JOB, sourceURL: 'https://example.com' } } } });
    const res = await client.scrape(settings, { url: 'https://example.com' });
    assert.equal(res.data?.metadata.scrapeId, JOB);
    assert.deepEqual(server.requests[0].json, { url: 'https://example.com', formats: ['markdown'], origin: 'vscode-firecrawl-interact' });
  });

  test('scrape rejects a non-http URL before sending', async () => {
    const err = await rejects(client.scrape(settings, { url: 'example.com' }));
    assert.equal(err.kind, 'validation');
    assert.equal(server.requests.length, 0);
  });

  test('a scrape answer without a job id is malformed', async () => {
    server.setRoute('POST /v2/scrape', { json: { success: true, data: { markdown: '' } } });
    const err = await rejects(client.scrape(settings, { url: 'https://example.com' }));
    assert.equal(err.kind, 'malformed');
  });

  test('listSessions asks for active sessions and returns them', async () => {
    const sessions = [{ id: 's1', status: 'active', createdAt: '2026-01-01T00:00:00Z', lastActivity: '2026-01-01T00:01:00Z' }];
    server.setRoute('GET /v2/browser', { json: { success: true, sessions } });
    assert.deepEqual(await client.listSessions(settings), sessions);
    assert.equal(server.requests[0].path, '/v2/browser?status=active');
    assert.equal(server.requests[0].headers.authorization, `Bearer ${KEY}`);
  });

  test('each call goes where its target says, with its key (the caller resolves the backend once)', async () => {
    server.setRoute('GET /v2/browser', { json: { success: true, sessions: [] } });
    const shared = new FirecrawlClient();
    await shared.listSessions({ ...settings, apiKey: 'fc-key-number-1' });
    await shared.listSessions({ ...settings, apiKey: 'fc-key-number-2' });
    await shared.dispose();
    assert.deepEqual(
      server.requests.map((r) => r.headers.authorization),
      ['Bearer fc-key-number-1', 'Bearer fc-key-number-2'],
    );
  });
});
