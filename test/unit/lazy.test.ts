/** Activation cost: the client and language modules must not load undici or sucrase until used. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FirecrawlClient } from '../../src/api/client';
import { stripTypes } from '../../src/run/language';
import { isUndiciLoaded } from '../../src/api/lazy';

const loaded = (name: string) => Object.keys(require.cache).some((k) => k.includes(`/node_modules/${name}/`));

test('lazy: importing the client and language modules loads neither undici nor sucrase', () => {
  new FirecrawlClient();
  assert.equal(isUndiciLoaded(), false);
  assert.equal(loaded('undici'), false);
  assert.equal(loaded('sucrase'), false);
});

test('lazy: the first use loads them', async () => {
  assert.equal(stripTypes('const a: number = 1;', false), 'const a = 1;');
  assert.equal(loaded('sucrase'), true);
  const client = new FirecrawlClient();
  await assert.rejects(client.listSessions({ apiUrl: 'http://127.0.0.1:1', origin: 't', timeoutMarginSec: 1 }), { name: 'ApiError' });
  await client.dispose();
  assert.equal(isUndiciLoaded(), true);
  assert.equal(loaded('undici'), true);
});
