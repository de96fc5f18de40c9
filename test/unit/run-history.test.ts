import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunHistory } from '../../src/run/history';
import type { RunRecord } from '../../src/run/types';
import type { KeyValueStore } from '../../src/sessions/job-history';

const JOB = '550e8400-e29b-41d4-a716-446655440000';
const SECRET = 'fc-local-abcdefghijklmnop';

function memory(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

const masks = { maskCode: (c: string) => c.split(SECRET).join('***'), maskText: (t: string) => t.split(SECRET).join('***').replace(/\?token=\w+/g, '?…') };

function record(i: number, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id: `run-${i}`,
    input: { kind: 'code', language: 'node', code: `await page.title() // ${i}`, source: { uri: 'file:///w/a.js', label: 'a.js', startLine: 3, endLine: 3 } },
    jobId: JOB,
    server: { apiUrl: 'http://127.0.0.1:1', kind: 'local', label: 'local engine' },
    startedAt: 1000 + i,
    durationMs: 12,
    status: 'ok',
    response: { success: true, result: `Title ${i}`, exitCode: 0, cdpUrl: 'ws://x/cdp?token=abc' },
    ...extra,
  };
}

test('run history: newest first, bounded by the setting, persisted, and read back by a new instance (a reload)', async () => {
  const store = memory();
  let limit = 3;
  const h = new RunHistory(store, () => limit, masks);
  for (let i = 1; i <= 5; i++) await h.add(record(i), `report ${i}`);
  assert.deepEqual(h.list().map((e) => e.id), ['run-5', 'run-4', 'run-3']);
  const again = new RunHistory(store, () => limit, masks);
  assert.deepEqual(again.list().map((e) => e.id), ['run-5', 'run-4', 'run-3']);
  assert.equal(again.get('run-4')?.summary, 'Title 4');
  assert.equal(again.get('run-4')?.input.source?.label, 'a.js');
  limit = 1;
  await again.add(record(6), 'report 6');
  assert.deepEqual(again.list().map((e) => e.id), ['run-6']);
  await again.clear();
  assert.deepEqual(new RunHistory(store, () => 10, masks).list(), []);
});

test('run history: stores no key, capability URL or response object', async () => {
  const store = memory();
  const h = new RunHistory(store, () => 10, masks);
  const entry = await h.add(record(1, { input: { kind: 'code', language: 'node', code: `const key = '${SECRET}';` }, errorMessage: `failed with ${SECRET}` }), `report ws://x/cdp?token=abc ${SECRET}`);
  const stored = JSON.stringify(store.data.get('firecrawlInteract.runHistory.v1'));
  assert.doesNotMatch(stored, new RegExp(SECRET));
  assert.doesNotMatch(stored, /token=abc/);
  assert.doesNotMatch(stored, /cdpUrl/);
  assert.equal(entry.masked, true, 'masking the code is recorded so a re-run can say so');
});

test('run history: a prompt run keeps its turns, actions and tokens for the Runs view; code runs have none', async () => {
  const h = new RunHistory(memory(), () => 10, masks);
  const prompt = await h.add(record(1, { input: { kind: 'prompt', prompt: 'Click more' }, response: { success: true, output: 'Done.', turnCount: 4, actionCount: 3, usage: { inputTokens: 1200, outputTokens: 40 } } }), 'report');
  assert.equal(prompt.counts, '4 turns · 3 actions · 1,200 input + 40 output tokens');
  assert.equal((await h.add(record(2), 'report')).counts, undefined);
});
