import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeUrl } from '../../src/commands/choose-job';
import { checkCode, checkInteract, checkJobId, checkLanguage, checkPrompt, checkTimeout, isUuid } from '../../src/shared/validation';

const JOB = '550e8400-e29b-41d4-a716-446655440000';

test('validation: job id must be a UUID, and the message says so', () => {
  assert.equal(isUuid(JOB), true);
  assert.equal(isUuid(JOB.toUpperCase()), true);
  assert.equal(checkJobId(JOB), undefined);
  assert.match(checkJobId('') ?? '', /empty: it must be a UUID/);
  assert.match(checkJobId('1234') ?? '', /"1234" is not a UUID \(8-4-4-4-12 hex digits/);
  assert.match(checkJobId(`${JOB}x`) ?? '', /not a UUID/);
});

test('validation: code, prompt and timeout bounds name the exact rule', () => {
  assert.equal(checkInteract(JOB, { code: 'x'.repeat(100_000) }), undefined);
  assert.match(checkInteract(JOB, { code: 'x'.repeat(100_001) }) ?? '', /100,001 characters; the limit is 1–100,000/);
  assert.equal(checkPrompt('p'.repeat(10_000)), undefined);
  assert.match(checkPrompt('p'.repeat(10_001)) ?? '', /10,001 characters; the limit is 1–10,000/);
  assert.match(checkPrompt('   ') ?? '', /Prompt is empty/);
  assert.match(checkCode('') ?? '', /Code is empty: it must be 1–100,000 characters/);
  assert.equal(checkTimeout(1), undefined);
  assert.equal(checkTimeout(300), undefined);
  for (const t of [0, 301, 1.5, Number.NaN]) assert.match(checkTimeout(t) ?? '', /whole number of seconds from 1 to 300/);
  assert.match(checkLanguage('ruby') ?? '', /"ruby" is not supported: use node, python or bash/);
});

test('validation: exactly one of code or prompt; the first failing rule wins', () => {
  assert.match(checkInteract(JOB, {}) ?? '', /Either 'code' or 'prompt' must be provided/);
  assert.match(checkInteract(JOB, { code: '1', prompt: 'p' }) ?? '', /not both/);
  assert.match(checkInteract('bad', { code: '' }) ?? '', /not a UUID/);
  assert.match(checkInteract(JOB, { code: '1', timeout: 0 }) ?? '', /from 1 to 300/);
  assert.equal(checkInteract(JOB, { prompt: 'Find the price', timeout: 60 }), undefined);
});

test('scrape URL: a host without a scheme is taken as https', () => {
  assert.equal(normalizeUrl('example.org'), 'https://example.org');
  assert.equal(normalizeUrl(' example.org/path?q=1 '), 'https://example.org/path?q=1');
  assert.equal(normalizeUrl('http://127.0.0.1:8080/x'), 'http://127.0.0.1:8080/x');
  assert.equal(normalizeUrl('https://a.test'), 'https://a.test');
  assert.equal(normalizeUrl('127.0.0.1:45475/index.html'), 'http://127.0.0.1:45475/index.html', 'this machine is reached over http');
  assert.equal(normalizeUrl('localhost:3000'), 'http://localhost:3000');
});

test('checkInteract: allowedDomains follows the cloud rule (at most 8 lower-case host names)', () => {
  const job = '550e8400-e29b-41d4-a716-446655440000';
  assert.equal(checkInteract(job, { code: '1', allowedDomains: ['example.com', 'docs.example.com', '127.0.0.1'] }), undefined);
  assert.match(checkInteract(job, { code: '1', allowedDomains: Array.from({ length: 9 }, (_, i) => `h${i}.example`) }) ?? '', /9 host names; at most 8/);
  assert.match(checkInteract(job, { code: '1', allowedDomains: ['Example.com'] }) ?? '', /"Example.com" is not a lower-case host name/);
  assert.match(checkInteract(job, { code: '1', allowedDomains: ['https://example.com'] }) ?? '', /not a lower-case host name/);
});
