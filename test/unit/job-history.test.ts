import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KeyValueStore } from '../../src/sessions/job-history';
import { formatAge, HISTORY_MAX, JobHistory } from '../../src/sessions/job-history';

/** A Memento-like store that, like VS Code's, hands out JSON copies. */
class MapStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
  }
}

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

test('history: most recently added or used first, deduplicated, details kept', async () => {
  const store = new MapStore();
  let t = 1_000;
  const h = new JobHistory(store, () => t);
  await h.add({ jobId: id(1), url: 'https://a.example', title: 'A', createdAt: 1 });
  await h.add({ jobId: id(2), url: 'https://b.example', createdAt: 2 });
  assert.deepEqual(h.list().map((j) => j.jobId), [id(2), id(1)]);
  await h.add({ jobId: id(1), createdAt: 3, url: undefined });
  assert.deepEqual(h.list().map((j) => j.jobId), [id(1), id(2)]);
  assert.equal(h.get(id(1))?.url, 'https://a.example', 'known details survive a re-add without them');
  assert.equal(h.get(id(1))?.title, 'A');
  t = 5_000;
  await h.setCurrent(id(3));
  assert.equal(h.current(), id(3));
  assert.deepEqual(h.list()[0], { jobId: id(3), createdAt: 5_000 });
  await h.setCurrent(id(2));
  assert.deepEqual(h.list().map((j) => j.jobId), [id(2), id(3), id(1)]);
  assert.equal(new JobHistory(store).current(), id(2), 'persisted in the store');
});

test('history: making the job just added current writes the list once', async () => {
  const store = new MapStore();
  const writes: string[] = [];
  const update = store.update.bind(store);
  store.update = (key, value) => {
    writes.push(key);
    return update(key, value);
  };
  const h = new JobHistory(store);
  await h.add({ jobId: id(1), url: 'https://a.example', createdAt: 1 });
  await h.setCurrent(id(1));
  assert.deepEqual(writes, ['firecrawlInteract.jobs', 'firecrawlInteract.currentJob']);
  assert.equal(h.current(), id(1));
  assert.equal(h.get(id(1))?.url, 'https://a.example');
});

test('history: capped at HISTORY_MAX entries, oldest dropped', async () => {
  const h = new JobHistory(new MapStore());
  for (let i = 0; i < HISTORY_MAX + 5; i++) await h.add({ jobId: id(i), createdAt: i });
  const list = h.list();
  assert.equal(list.length, HISTORY_MAX);
  assert.equal(list[0].jobId, id(HISTORY_MAX + 4));
  assert.ok(!list.some((j) => j.jobId === id(0)));
});

test('history: remove clears the current job too; corrupt stored data is ignored', async () => {
  const store = new MapStore();
  const h = new JobHistory(store);
  await h.setCurrent(id(7));
  await h.remove(id(7));
  assert.equal(h.current(), undefined);
  assert.deepEqual(h.list(), []);
  await store.update('firecrawlInteract.jobs', [{ jobId: 5 }, 'x', null, { jobId: id(1), createdAt: 1 }]);
  assert.deepEqual(h.list(), [{ jobId: id(1), createdAt: 1 }]);
  await store.update('firecrawlInteract.jobs', { not: 'a list' });
  assert.deepEqual(h.list(), []);
});

test('history: ages', () => {
  assert.equal(formatAge(0), 'just now');
  assert.equal(formatAge(59_999), 'just now');
  assert.equal(formatAge(5 * 60_000), '5 min ago');
  assert.equal(formatAge(59 * 60_000), '59 min ago');
  assert.equal(formatAge(2 * 3_600_000 + 10), '2 h ago');
  assert.equal(formatAge(3 * 86_400_000), '3 d ago');
  assert.equal(formatAge(-10), 'just now');
});
