/**
 * The extension's local-engine launcher against the real bundled engine: it must find the
 * engine's "listening on" line, hand it a key through the environment (requests without it
 * get 401), and stop it cleanly.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { launchEngine } from '../../src/local-engine/launcher';

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

test('launcher: a missing engine file fails with the reason instead of hanging', { timeout: 30_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'launcher-test-'));
  try {
    await assert.rejects(launchEngine({ enginePath: join(dataDir, 'nope.js'), dataDir, readyTimeoutMs: 20_000 }), /exited before it was ready/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
