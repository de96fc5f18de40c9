import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { Backend } from '../../src/host/backend';
import type { Log } from '../../src/host/log';
import type { Settings } from '../../src/host/settings';

/** A Backend on these settings and environment; nothing in it touches VS Code. */
function backend(env: NodeJS.ProcessEnv, apiUrlSet = false): Backend {
  const settings = { configuredApiUrl: () => ({ apiUrl: apiUrlSet ? 'https://fc.example.com' : 'https://api.firecrawl.dev', apiUrlSet }) } as unknown as Settings;
  const log = { addSecret: () => undefined, for: () => ({ info: () => undefined, warn: () => undefined }) } as unknown as Log;
  return new Backend(settings, {} as vscode.SecretStorage, log, { warn: () => undefined }, () => undefined, env);
}

test("backend: the environment's server is named after FIRECRAWL_API_URL, never 'local engine'", () => {
  const engine = backend({ FIRECRAWL_API_URL: 'http://127.0.0.1:34723/' }).snapshot();
  assert.equal(engine.label, '127.0.0.1:34723 (FIRECRAWL_API_URL)');
  assert.equal(engine.source, 'environment');
  assert.equal(engine.apiUrl, 'http://127.0.0.1:34723');
  const remote = backend({ FIRECRAWL_API_URL: 'https://fc.example.com' }).snapshot();
  assert.equal(remote.label, 'fc.example.com (FIRECRAWL_API_URL)');
  assert.equal(backend({ FIRECRAWL_API_URL: 'https://api.firecrawl.dev' }).snapshot().label, 'cloud');
});

test("backend: this window's engine is 'local engine', a set apiUrl its host, and the environment's URL stays known", () => {
  const b = backend({ FIRECRAWL_API_URL: 'http://127.0.0.1:34723' });
  b.setOverride({ apiUrl: 'http://127.0.0.1:40000', apiKey: 'k', label: 'local engine' });
  assert.equal(b.snapshot().label, 'local engine');
  assert.equal(b.environmentUrl(), 'http://127.0.0.1:34723', 'the way back to the environment server is lost');
  const set = backend({ FIRECRAWL_API_URL: 'http://127.0.0.1:34723' }, true).snapshot();
  assert.equal(set.label, 'fc.example.com');
  assert.equal(backend({}).environmentUrl(), undefined);
});
