import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { call } from './api';

const ENGINE = join(__dirname, '..', '..', 'dist', 'engine.js');

/** Starts the engine by hand (startEngine always passes --api-key; these tests must not). */
async function spawnEngine(args: string[], env: NodeJS.ProcessEnv): Promise<{ url: string; proc: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, [ENGINE, '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let all = '';
  proc.stderr?.on('data', (d) => (all += d));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (d) => {
      all += d;
      const m = /listening on (http:\/\/\S+)/.exec(all);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`exited ${code}: ${all}`)));
  });
  return { url, proc, output: () => all };
}

async function stop(proc: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  await exited;
}

function envWithout(name: string): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env[name];
  return env;
}

test('engine CLI: unknown flags and bad values exit 2 with the usage', () => {
  for (const args of [['--bogus', '1'], ['--port', 'x'], ['--max-sessions', '0']]) {
    const r = spawnSync(process.execPath, [ENGINE, ...args], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /Usage: node dist\/engine\.js/);
  }
});

test('engine CLI: without a key it generates one, stores it in the data dir and says where (not what)', { timeout: 90_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interact-keygen-'));
  try {
    const engine = await spawnEngine(['--data-dir', dataDir], envWithout('FIRECRAWL_ENGINE_API_KEY'));
    const keyFile = join(dataDir, 'api-key');
    const key = readFileSync(keyFile, 'utf8').trim();
    assert.ok(key.length >= 32);
    assert.equal(statSync(keyFile).mode & 0o077, 0, 'key file readable by the owner only');
    assert.ok(engine.output().includes(keyFile), 'says where the key is');
    assert.ok(!engine.output().includes(key), 'never prints the key');
    assert.equal((await call({ url: engine.url, apiKey: key }, 'GET', '/v2/browser')).status, 200);
    assert.equal((await call({ url: engine.url, apiKey: 'wrong' }, 'GET', '/v2/browser')).status, 401);
    await stop(engine.proc);
    // The next start reuses the stored key.
    const again = await spawnEngine(['--data-dir', dataDir], envWithout('FIRECRAWL_ENGINE_API_KEY'));
    assert.equal((await call({ url: again.url, apiKey: key }, 'GET', '/v2/browser')).status, 200);
    await stop(again.proc);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('engine CLI: the key may come from FIRECRAWL_ENGINE_API_KEY (nothing is stored then)', { timeout: 90_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'interact-envkey-'));
  try {
    const engine = await spawnEngine(['--data-dir', dataDir], { ...process.env, FIRECRAWL_ENGINE_API_KEY: 'env-key-for-test' });
    assert.equal((await call({ url: engine.url, apiKey: 'env-key-for-test' }, 'GET', '/v2/browser')).status, 200);
    assert.equal((await call({ url: engine.url, apiKey: 'other' }, 'GET', '/v2/browser')).status, 401);
    assert.equal(existsSync(join(dataDir, 'api-key')), false);
    await stop(engine.proc);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
