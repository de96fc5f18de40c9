import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { engineBrowsers, replWorkers } from '../support/browser-process';
import { startEngine } from '../support/engine';
import { startFixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown } from './api';

const ENGINE = join(__dirname, '..', '..', 'dist', 'engine.js');

test('engine CLI: unknown flags and bad values exit 2 with the usage', () => {
  for (const args of [['--bogus', '1'], ['--port', 'x'], ['--max-sessions', '0'], ['--node-heap-mb', '8'],
    ['--headers-timeout', '40'], ['--request-timeout', '0'], ['--max-devtools-message-mb', '300'], ['--spares', 'maybe']]) {
    const r = spawnSync(process.execPath, [ENGINE, ...args], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /Usage: node dist\/engine\.js/);
  }
});

test('engine CLI: without a key it generates one, stores it in the data dir and says where (not what)', { timeout: 90_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interact-keygen-'));
  const noEnvKey = { FIRECRAWL_ENGINE_API_KEY: '' };
  try {
    const engine = await startEngine({ dataDir, apiKey: null, env: noEnvKey });
    try {
      const keyFile = join(dataDir, 'api-key');
      const key = readFileSync(keyFile, 'utf8').trim();
      assert.ok(key.length >= 32);
      assert.equal(statSync(keyFile).mode & 0o077, 0, 'key file readable by the owner only');
      assert.ok(engine.output().includes(keyFile), 'says where the key is');
      assert.ok(!engine.output().includes(key), 'never prints the key');
      assert.equal((await call({ url: engine.url, apiKey: key }, 'GET', '/v2/browser')).status, 200);
      assert.equal((await call({ url: engine.url, apiKey: 'wrong' }, 'GET', '/v2/browser')).status, 401);
    } finally {
      await engine.stop();
    }
    // The next start reuses the stored key.
    const again = await startEngine({ dataDir, apiKey: null, env: noEnvKey });
    try {
      const key = readFileSync(join(dataDir, 'api-key'), 'utf8').trim();
      assert.equal((await call({ url: again.url, apiKey: key }, 'GET', '/v2/browser')).status, 200);
    } finally {
      await again.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('engine CLI: the key may come from FIRECRAWL_ENGINE_API_KEY (nothing is stored then)', { timeout: 90_000 }, async () => {
  const engine = await startEngine({ apiKey: null, env: { FIRECRAWL_ENGINE_API_KEY: 'env-key-for-test' } });
  try {
    assert.equal((await call({ url: engine.url, apiKey: 'env-key-for-test' }, 'GET', '/v2/browser')).status, 200);
    assert.equal((await call({ url: engine.url, apiKey: 'other' }, 'GET', '/v2/browser')).status, 401);
    assert.equal(existsSync(join(engine.dataDir, 'api-key')), false);
  } finally {
    await engine.stop();
  }
});

test('engine CLI: --spares off starts no browser or REPL worker ahead; a session starts its own, a bash session only at its first node run', { timeout: 90_000 }, async () => {
  const fx = await startFixtureServer();
  const engine = await startEngine({ args: ['--spares', 'off'] });
  const pid = engine.proc.pid as number;
  const workers = (): number[] => replWorkers(pid);
  try {
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual([engineBrowsers(pid).length, workers().length], [0, 0], 'nothing is started ahead');
    const job = await scrapeJob(engine, `${fx.url}/index.html`);
    const scraping = engineBrowsers(pid).length; // the scrapes' own browser
    const r = await interact(engine, job, { code: 'await page.title()' });
    assert.equal(r.body.result, 'Fixture Home', shown(r.body));
    assert.equal(engineBrowsers(pid).length, scraping + 1, 'the session browser alone: no spare after it');
    assert.equal(workers().length, 1, "the session's worker alone");
    // A session whose first run is not node code starts no REPL worker until a node run comes.
    const bashJob = await scrapeJob(engine, `${fx.url}/index.html`);
    const bash = await interact(engine, bashJob, { code: 'echo from-bash', language: 'bash' });
    assert.match(String(bash.body.stdout), /from-bash/, shown(bash.body));
    assert.equal(workers().length, 1, 'a bash session starts no Node worker');
    const node = await interact(engine, bashJob, { code: 'await page.title()' });
    assert.equal(node.body.result, 'Fixture Home', shown(node.body));
    assert.equal(workers().length, 2, "its first node run starts the session's worker");
  } finally {
    await engine.stop();
    await fx.close();
  }
});
