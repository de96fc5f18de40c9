import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAge, jobLabel } from '../../src/ui/labels';
import { HISTORY_MAX, JobHistory, type KeyValueStore } from '../../src/sessions/job-history';

const A = 'http://127.0.0.1:3002';
const CLOUD = 'https://api.firecrawl.dev';
const J1 = '550e8400-e29b-41d4-a716-446655440000';
const J2 = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

function memory(): KeyValueStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, get: <T>(k: string) => data.get(k) as T | undefined, update: async (k, v) => void data.set(k, v) };
}

test('jobs: a confirmed job is listed under its server and becomes that server’s current job', async () => {
  const jobs = new JobHistory(memory(), () => 1000);
  await jobs.confirm({ jobId: J1, apiUrl: A, url: 'https://a.test', createdAt: 1 });
  await jobs.confirm({ jobId: J2, apiUrl: CLOUD, createdAt: 2 });
  assert.equal(jobs.current(A)?.jobId, J1);
  assert.equal(jobs.current(CLOUD)?.jobId, J2);
  assert.deepEqual(jobs.list(A).map((j) => j.jobId), [J1]);
  assert.deepEqual(jobs.list().map((j) => j.jobId), [J2, J1], 'most recently used first');
  assert.equal(jobs.get(J1, CLOUD), undefined, 'a job is not known on another server');
});

test('jobs: a typed job is pending, not listed or current, until confirmed; a 404 drops it', async () => {
  const jobs = new JobHistory(memory());
  await jobs.confirm({ jobId: J1, apiUrl: A, createdAt: 1 });
  jobs.setPending({ jobId: J2, apiUrl: A, createdAt: 2 });
  assert.equal(jobs.current(A)?.jobId, J1, 'the current job stays until the server confirms the new one');
  assert.equal(jobs.target(A)?.jobId, J2, 'runs go to the pending job');
  assert.deepEqual(jobs.list(A).map((j) => j.jobId), [J1]);
  await jobs.reject(A, J2);
  assert.equal(jobs.pendingFor(A), undefined);
  assert.equal(jobs.target(A)?.jobId, J1);
  jobs.setPending({ jobId: J2, apiUrl: A, title: 'typed', createdAt: 3 });
  await jobs.confirm({ jobId: J2, apiUrl: A, createdAt: 3, state: 'active' });
  assert.equal(jobs.current(A)?.jobId, J2);
  assert.equal(jobs.current(A)?.title, 'typed', 'details of the pending job are kept');
  assert.equal(jobs.pendingFor(A), undefined);
  // A job confirmed later (a scrape) supersedes a job still pending on that server.
  jobs.setPending({ jobId: J1, apiUrl: A, createdAt: 4 });
  await jobs.confirm({ jobId: J2, apiUrl: A, createdAt: 5 });
  assert.equal(jobs.pendingFor(A), undefined);
  assert.equal(jobs.target(A)?.jobId, J2);
});

test('jobs: states, removal and the bound', async () => {
  const store = memory();
  const jobs = new JobHistory(store);
  let changes = 0;
  jobs.onDidChange(() => changes++);
  await jobs.confirm({ jobId: J1, apiUrl: A, createdAt: 1 });
  await jobs.setState(A, J1, 'stopped');
  assert.equal(jobs.get(J1, A)?.state, 'stopped');
  await jobs.remove(A, J1);
  assert.equal(jobs.get(J1, A), undefined);
  assert.equal(jobs.current(A), undefined, 'removing the current job clears it');
  assert.ok(changes >= 3);
  for (let i = 0; i < HISTORY_MAX + 5; i++) await jobs.confirm({ jobId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, apiUrl: A, createdAt: i });
  assert.equal(jobs.list().length, HISTORY_MAX);
});

test('jobs: use() makes a listed job current and refuses an unknown one', async () => {
  const jobs = new JobHistory(memory());
  await jobs.confirm({ jobId: J1, apiUrl: A, createdAt: 1 });
  await jobs.confirm({ jobId: J2, apiUrl: A, createdAt: 2 });
  assert.equal((await jobs.use(A, J1))?.jobId, J1);
  assert.equal(jobs.current(A)?.jobId, J1);
  assert.equal(await jobs.use(CLOUD, J1), undefined);
});

test('jobs: labels and ages', () => {
  assert.equal(jobLabel({ jobId: J1, title: ' Home ', url: 'https://a' }), 'Home');
  // Without a title the URL is shown as host and path (the scheme, query and fragment say little).
  assert.equal(jobLabel({ jobId: J1, url: 'https://a' }), 'a');
  assert.equal(jobLabel({ jobId: J1, url: 'http://127.0.0.1:34723/index.html?x=1#top' }), '127.0.0.1:34723/index.html');
  assert.equal(jobLabel({ jobId: J1, url: 'https://example.com/caf%C3%A9/' }), 'example.com/café/');
  assert.equal(jobLabel({ jobId: J1, url: 'not a url' }), 'not a url');
  assert.equal(jobLabel({ jobId: J1 }), 'job 550e8400');
  assert.equal(formatAge(5_000), 'just now');
  assert.equal(formatAge(5 * 60_000), '5 min ago');
  assert.equal(formatAge(3 * 3_600_000), '3 h ago');
  assert.equal(formatAge(2 * 86_400_000), '2 d ago');
});
