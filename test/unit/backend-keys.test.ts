/**
 * Keys are bound to the server they were set for (issue 16): one SecretStorage entry per
 * origin; FIRECRAWL_API_KEY only for the server FIRECRAWL_API_URL names (or the cloud); a key
 * stored before keys were per server counts as the cloud's. And Switch backend's arguments are
 * checked like typed input.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backend, secretName } from '../../src/host/backend';
import { SECRET } from '../../src/ids';
import type { Log } from '../../src/host/log';
import type { Settings } from '../../src/host/settings';
import { apiUrlProblem, switchArgsProblem } from '../../src/commands/switch-target';

function fakeBackend(apiUrl: string | undefined, env: NodeJS.ProcessEnv = {}, stored: Record<string, string> = {}) {
  const secrets = new Map(Object.entries(stored));
  const settings = { configuredApiUrl: () => ({ apiUrl: apiUrl ?? 'https://api.firecrawl.dev', apiUrlSet: apiUrl !== undefined }) } as unknown as Settings;
  const store = {
    get: async (k: string) => secrets.get(k),
    store: async (k: string, v: string) => void secrets.set(k, v),
    delete: async (k: string) => void secrets.delete(k),
  };
  const log = { addSecret: () => undefined, for: () => ({ info: () => undefined, warn: () => undefined }) } as unknown as Log;
  const backend = new Backend(settings, store as never, log, { warn: () => undefined }, () => undefined, env);
  return { backend, secrets };
}

test('a key stored for one server is sent to that server only', async () => {
  const { backend } = fakeBackend('https://evil.example');
  await backend.storeKey('fc-cloud', 'https://api.firecrawl.dev');
  assert.equal((await backend.server()).apiKey, undefined, 'the cloud key went to another server');
  await backend.storeKey('fc-mine');
  assert.equal((await backend.server()).apiKey, 'fc-mine');
  assert.equal(await backend.storedKey('https://api.firecrawl.dev/v2'), 'fc-cloud', 'a path does not make another server');
  assert.equal(await backend.storedKey('http://evil.example'), undefined, 'http and https are different origins');
  assert.equal(secretName('https://evil.example:443/x'), `${SECRET.apiKey}@https://evil.example`);
  await backend.clearKey();
  assert.equal(await backend.storedKey('https://evil.example'), undefined);
  assert.equal(await backend.storedKey('https://api.firecrawl.dev'), 'fc-cloud', 'clearing one server keeps the others');
});

test("FIRECRAWL_API_KEY goes only to FIRECRAWL_API_URL's server, or the cloud when it names none", async () => {
  const env = { FIRECRAWL_API_KEY: 'fc-env', FIRECRAWL_API_URL: 'http://127.0.0.1:3002' };
  assert.equal((await fakeBackend(undefined, env).backend.server()).apiKey, 'fc-env');
  assert.equal((await fakeBackend('https://api.firecrawl.dev', env).backend.server()).apiKey, undefined, 'the env key went to the cloud');
  assert.equal((await fakeBackend('https://evil.example', env).backend.server()).apiKey, undefined);
  assert.equal((await fakeBackend(undefined, { FIRECRAWL_API_KEY: 'fc-env' }).backend.server()).apiKey, 'fc-env', 'no URL: the cloud');
  assert.equal((await fakeBackend('https://evil.example', { FIRECRAWL_API_KEY: 'fc-env' }).backend.server()).apiKey, undefined);
});

test('a stored key never follows FIRECRAWL_API_URL to its server', async () => {
  const { backend } = fakeBackend(undefined, { FIRECRAWL_API_URL: 'http://127.0.0.1:9' }, { [SECRET.apiKey]: 'fc-old' });
  assert.equal((await backend.server()).apiKey, undefined);
});

test('a key stored before keys were per server is the cloud key from then on', async () => {
  const { backend, secrets } = fakeBackend(undefined, {}, { [SECRET.apiKey]: 'fc-old' });
  assert.equal((await backend.server()).apiKey, 'fc-old');
  assert.equal(secrets.get(SECRET.apiKey), undefined, 'the old entry is moved');
  assert.equal(secrets.get(`${SECRET.apiKey}@https://api.firecrawl.dev`), 'fc-old');
});

test('Switch backend arguments: bad targets and URLs are refused with the reason', () => {
  assert.equal(switchArgsProblem(undefined), undefined);
  assert.equal(switchArgsProblem({ to: 'custom', url: 'https://firecrawl.example.com' }), undefined);
  assert.equal(switchArgsProblem({ to: 'cloud' }), undefined);
  assert.match(switchArgsProblem({ to: 'evil' }) ?? '', /not cloud, local, custom or environment/);
  assert.match(switchArgsProblem({ to: 'custom', url: 'javascript:alert(1)' }) ?? '', /not an http\(s\) URL; nothing was changed/);
  assert.match(switchArgsProblem({ to: 'custom', url: 42 }) ?? '', /not text/);
  assert.match(apiUrlProblem('https://user:pw@evil.example') ?? '', /user name or password/);
  assert.match(apiUrlProblem('https://evil.example/?x=[a](command:x)') ?? '', /query or fragment/);
  assert.ok(!(apiUrlProblem('https://evil.example/?x=[a](command:x)') ?? '').includes('['), 'the URL is quoted as plain text');
});
