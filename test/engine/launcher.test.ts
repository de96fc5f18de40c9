/**
 * The extension's local-engine launcher against the real bundled engine: it must find the
 * engine's "listening on" line, hand it a key through the environment (requests without it
 * get 401), and stop it cleanly; and the engine must end with the process that launched it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchEngine } from '../../src/local-engine/launcher';
import { processAlive } from '../../src/engine/browser/chromium';
import { useTranslator } from '../../src/shared/l10n';

const enginePath = join(__dirname, '..', '..', 'dist', 'engine.js');

test('launcher: starts dist/engine.js on a free loopback port with a fresh key, then stops it', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  const lines: string[] = [];
  const engine = await launchEngine({ enginePath, dataDir, readyTimeoutMs: 90_000, onOutput: (l) => lines.push(l) });
  try {
    assert.match(engine.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(engine.apiKey, /^fc-local-[A-Za-z0-9_-]{20,}$/);
    assert.ok(lines.some((l) => l.startsWith('listening on ')));
    assert.ok(!lines.some((l) => l.includes(engine.apiKey)), 'the engine printed its key');

    const anonymous = await fetch(`${engine.url}/v2/browser?status=active`);
    assert.equal(anonymous.status, 401);
    const keyed = await fetch(`${engine.url}/v2/browser?status=active`, { headers: { authorization: `Bearer ${engine.apiKey}` } });
    assert.equal(keyed.status, 200);
  } finally {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const code = await engine.exited;
  assert.notEqual(code, null);
  await assert.rejects(fetch(`${engine.url}/v2/browser`), 'the engine still answers after stop');
});

test('launcher: a restart on the same port (Set up Python) keeps the URL and gets a fresh key', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  const first = await launchEngine({ enginePath, dataDir, readyTimeoutMs: 90_000 });
  await first.stop();
  const again = await launchEngine({ enginePath, dataDir, port: Number(new URL(first.url).port), readyTimeoutMs: 90_000 });
  try {
    assert.equal(again.url, first.url);
    assert.notEqual(again.apiKey, first.apiKey);
    assert.equal((await fetch(`${again.url}/v2/browser?status=active`, { headers: { authorization: `Bearer ${first.apiKey}` } })).status, 401);
    assert.equal((await fetch(`${again.url}/v2/browser?status=active`, { headers: { authorization: `Bearer ${again.apiKey}` } })).status, 200);
  } finally {
    await again.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('launcher: a missing engine file fails with the reason instead of hanging', { timeout: 30_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  try {
    await assert.rejects(launchEngine({ enginePath: join(dataDir, 'nope.js'), dataDir, readyTimeoutMs: 20_000 }), /exited before it was ready/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('launcher: why it did not start is in the display language; the engine\'s own lines after it stay as printed', { timeout: 30_000 }, async (t) => {
  const ja = JSON.parse(readFileSync(join(__dirname, '..', '..', 'l10n', 'bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
  const fill = (message: string, args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
  useTranslator({ t: (message, ...args) => fill(ja[message] ?? message, args), language: 'ja' });
  t.after(() => useTranslator({ t: (message, ...args) => fill(message, args), language: 'en' }));
  const dataDir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  try {
    await assert.rejects(launchEngine({ enginePath: join(dataDir, 'nope.js'), dataDir, readyTimeoutMs: 20_000 }), /^Error: ローカルエンジンが準備完了前に終了しました \(終了コード 1\)。\n[\s\S]*Cannot find module/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('launcher: the engine shuts down when the process that launched it dies without stopping it', { timeout: 120_000 }, async () => {
  // The extension host can crash or be killed before deactivate; the engine must not outlive it.
  const dataDir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  const launcher = join(__dirname, '..', '..', 'src', 'local-engine', 'launcher.ts');
  const script = `require(${JSON.stringify(launcher)}).launchEngine({ enginePath: ${JSON.stringify(enginePath)}, dataDir: ${JSON.stringify(dataDir)}, readyTimeoutMs: 90000 }).then((e) => console.log('engine pid ' + e.pid));`;
  const parent = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let enginePid: number | undefined;
  try {
    enginePid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /engine pid (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      parent.once('exit', (code) => reject(new Error(`the launching process exited (${String(code)}) before the engine was ready: ${out}`)));
    });
    assert.ok(processAlive(enginePid), 'the engine is not running');
    parent.kill('SIGKILL');
    for (let i = 0; i < 300 && processAlive(enginePid); i++) await sleep(100);
    assert.ok(!processAlive(enginePid), 'the engine still runs 30 s after the process that launched it was killed');
  } finally {
    parent.kill('SIGKILL');
    if (enginePid !== undefined && processAlive(enginePid)) process.kill(enginePid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
