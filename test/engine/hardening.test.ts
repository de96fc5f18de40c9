// Inputs that once ended the whole engine or ran without bounds (issue 17: hostile runs, bodies,
// connections). Each case checks the engine's answer and that the engine and the session live on.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine, type EngineHandle } from '../support/engine';
import { call, shown } from './api';

type Engine = EngineHandle;

const run = (engine: Engine, id: string, language: string, code: string, timeout = 60) =>
  call(engine, 'POST', `/v2/browser/${id}/execute`, { language, code, timeout });

async function session(engine: Engine): Promise<string> {
  const r = await call(engine, 'POST', '/v2/browser', {});
  assert.equal(r.status, 200, shown(r.body));
  return r.body.id as string;
}

async function assertAlive(engine: Engine, id: string): Promise<void> {
  assert.equal(engine.proc.exitCode, null, `the engine exited:\n${engine.output().slice(-2000)}`);
  assert.equal((await call(engine, 'GET', '/health')).status, 200);
  const r = await run(engine, id, 'node', '6 * 7');
  assert.equal(r.body.result, '42', `the session still runs code: ${shown(r.body)}`);
}

/** `count` idle connections that sent part of a request line, each connected (or refused) before the next. */
async function idleSockets(url: string, count: number): Promise<Socket[]> {
  const { hostname, port } = new URL(url);
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const s = connect(Number(port), hostname);
    s.on('error', () => undefined);
    // Flowing, so the server's answer and close are seen.
    s.resume();
    await once(s, 'connect').catch(() => undefined);
    s.write('GET /health HTTP/1.1\r\n');
    sockets.push(s);
  }
  return sockets;
}

describe('engine: hostile runs and requests (issue 17)', { timeout: 600_000 }, () => {
  describe('one engine, default limits', () => {
    let engine: Engine;
    let id: string;
    before(async () => {
      // Python runs (the interpreter of the setup's venv is root's here) get their CPU limit tested in this engine.
      engine = await startEngine({ args: ['--run-cpu-seconds', '2'] });
      id = await session(engine);
    });
    after(async () => {
      await engine?.stop();
    });

    const channelGarbage: [string, string][] = [
      ['a line that is not JSON', "require('fs').writeSync(3, 'not a message\\n')"],
      ['a length over the cap', "require('fs').writeSync(3, Buffer.from([0x7f, 0xff, 0xff, 0xff, 0x41]))"],
      ['a frame that is not JSON', "const b = Buffer.from('{nope'); const h = Buffer.alloc(4); h.writeUInt32BE(b.length); require('fs').writeSync(3, Buffer.concat([h, b]))"],
    ];
    for (const [what, code] of channelGarbage) {
      test(`a node run that writes ${what} to its REPL's channel ends only that REPL`, async () => {
        const r = await run(engine, id, 'node', `${code}; await new Promise((r) => setTimeout(r, 2000))`);
        assert.equal(r.status, 200, shown(r.body));
        assert.equal(r.body.success, false);
        assert.match(r.body.stderr, /channel to the engine carried .* so the engine stopped the REPL/);
        await assertAlive(engine, id);
      });
    }

    test('a python run that floods fd 3 without a newline ends only its REPL, with a clear message', async () => {
      const flood = 'import os\nchunk = b"x" * (1 << 20)\nfor _ in range(800):\n    os.write(3, chunk)';
      const r = await run(engine, id, 'python', flood, 120);
      assert.equal(r.status, 200, shown(r.body));
      assert.equal(r.body.success, false);
      assert.match(r.body.stderr, /channel to the engine \(fd 3\) carried a line over the 64 MB cap/);
      await assertAlive(engine, id);
      const again = await run(engine, id, 'python', '1 + 1');
      assert.equal(again.body.result, '2', shown(again.body));
    });

    test('a python run that writes a non-message line to fd 3 ends only its REPL', async () => {
      const r = await run(engine, id, 'python', 'import os, time\nos.write(3, b"garbage\\n")\ntime.sleep(2)');
      assert.match(r.body.stderr, /fd 3\) carried a message that is not JSON/);
      await assertAlive(engine, id);
    });

    test("a python run's threads and processes end with the run", async () => {
      const start = [
        'import threading, time, subprocess',
        'ticks = [0]',
        'def tick():',
        '    while True:',
        '        ticks[0] += 1',
        '        time.sleep(0.01)',
        'threading.Thread(target=tick, daemon=True).start()',
        'child = subprocess.Popen(["sleep", "600"])',
        'time.sleep(0.2)',
        'ticks[0] > 0',
      ].join('\n');
      const first = await run(engine, id, 'python', start);
      assert.equal(first.body.result, 'true', shown(first.body));
      const later = await run(engine, id, 'python', 'seen = ticks[0]\ntime.sleep(0.5)\n[ticks[0] - seen, child.poll()]');
      // The thread made no progress after its run, the process was killed (SIGKILL), and the REPL's variables survived.
      assert.equal(later.body.result, '[0, -9]', shown(later.body));
    });

    test('--run-cpu-seconds: a python run spinning on the CPU ends its REPL with a clear message', async () => {
      const r = await run(engine, id, 'python', 'while True: pass', 60);
      assert.match(r.body.stderr, /used more than 2 s of CPU time \(--run-cpu-seconds\)/, shown(r.body));
      const again = await run(engine, id, 'python', '1 + 1');
      assert.equal(again.body.result, '2', shown(again.body));
    });

    test('a body nested deeper than 64 levels is a 400 before anything walks it, without a stack trace in the log', async () => {
      const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
      for (const body of [`{"url":"http://127.0.0.1:9/","formats":${deep(4500)}}`, `{"url":"http://127.0.0.1:9/","actions":[{"type":${deep(4500)}}]}`, `{"language":${deep(100)},"code":"1"}`]) {
        const path = body.includes('language') ? `/v2/browser/${id}/execute` : '/v2/scrape';
        const r = await call(engine, 'POST', path, body);
        assert.equal(r.status, 400, shown(r.body));
        assert.match(r.body.error, /more than 64 levels deep/);
      }
      const ok = await call(engine, 'POST', `/v2/browser/${id}/execute`, `{"code":"1","language":"node","timeout":${'['.repeat(10)}${']'.repeat(10)}}`);
      assert.equal(ok.status, 400, 'a shallow bad body still gets its own 400');
      assert.doesNotMatch(engine.output(), /\n\s+at /, 'no stack trace logged');
      await assertAlive(engine, id);
    });

    test('error messages never quote large raw input', async () => {
      const big = 'x'.repeat(100_000);
      for (const body of [{ url: 'http://127.0.0.1:9/', formats: [big] }, { url: 'http://127.0.0.1:9/', actions: [{ type: big }] }]) {
        const r = await call(engine, 'POST', '/v2/scrape', body);
        assert.equal(r.status, 400);
        assert.ok(JSON.stringify(r.body).length < 5_000, `answer of ${JSON.stringify(r.body).length} characters`);
      }
      const lang = await run(engine, id, big, '1');
      assert.equal(lang.status, 400);
      assert.ok(JSON.stringify(lang.body).length < 5_000, `answer of ${JSON.stringify(lang.body).length} characters`);
    });
  });

  describe('sandbox limits hit in runs', () => {
    let engine: Engine;
    let id: string;
    before(async () => {
      // The kernel does not apply RLIMIT_NPROC to root: as root, the engine runs as nobody here, as a user's engine would.
      const uid = process.getuid?.() === 0 ? 65534 : undefined;
      engine = await startEngine({ uid, args: ['--run-max-procs', '64', '--run-tmp-mb', '8', '--run-memory-mb', '2048', '--run-cpu-seconds', '2'] });
      id = await session(engine);
    });
    after(async () => {
      await engine?.stop();
    });

    test('--run-max-procs: forks past the limit fail in the run', async () => {
      const bomb = 'import os, time\nn = 0\ntry:\n    while n < 500:\n        if os.fork() == 0:\n            time.sleep(30)\n            os._exit(0)\n        n += 1\nexcept OSError as e:\n    print("stopped after", n, e.errno)';
      const r = await run(engine, id, 'bash', `python3 -c '${bomb}'`);
      const m = /stopped after (\d+) 11/.exec(r.body.stdout);
      assert.ok(m, `fork failed with EAGAIN: ${shown(r.body)}`);
      assert.ok(Number(m[1]) < 64, `at most 64 processes: ${m[1]}`);
      await assertAlive(engine, id);
    });

    test('--run-tmp-mb: /tmp fills up at its size', async () => {
      const r = await run(engine, id, 'bash', 'dd if=/dev/zero of=/tmp/big bs=1M count=32; dd if=/dev/zero of=/dev/shm/big bs=1M count=32');
      assert.equal((r.body.stderr.match(/No space left on device/g) ?? []).length, 2, shown(r.body));
    });

    test('--run-memory-mb: a bash run cannot map more memory', async () => {
      const r = await run(engine, id, 'bash', 'python3 -c "import mmap; mmap.mmap(-1, 3 << 30); print(\'mapped\')"');
      assert.doesNotMatch(r.body.stdout, /mapped/, shown(r.body));
      assert.match(r.body.stderr, /Cannot allocate memory|MemoryError/);
    });

    test('--run-cpu-seconds: a bash run spinning on the CPU is stopped before its timeout', async () => {
      const r = await run(engine, id, 'bash', 'python3 -c "while True: pass"', 60);
      assert.equal(r.body.killed, false, `ended by the CPU limit, not the 60 s timeout: ${shown(r.body)}`);
      assert.equal(r.body.exitCode, 128 + 24, 'SIGXCPU');
      assert.match(r.body.stderr, /used more than 2 s of CPU time \(--run-cpu-seconds\)/);
    });

  });

  describe('saved profiles are bounded', () => {
    let engine: Engine;
    before(async () => {
      engine = await startEngine({ args: ['--max-profiles', '1', '--max-profile-mb', '1'] });
      // A saved profile of 2 MB, as a session that stored that much would leave.
      mkdirSync(join(engine.dataDir, 'profiles', 'big'), { recursive: true });
      writeFileSync(join(engine.dataDir, 'profiles', 'big', 'Local Storage'), Buffer.alloc(2 << 20));
    });
    after(async () => {
      await engine?.stop();
    });

    test('a saved profile over --max-profile-mb answers 413, a new name past --max-profiles 409', async () => {
      const big = await call(engine, 'POST', '/v2/browser', { profile: { name: 'big', saveChanges: false } });
      assert.equal(big.status, 413, shown(big.body));
      assert.match(big.body.error, /Profile "big" is larger than 1 MB \(--max-profile-mb\)\. Delete it \(DELETE \/v2\/browser\/profiles\/big\)/);
      const other = await call(engine, 'POST', '/v2/browser', { profile: { name: 'other', saveChanges: true } });
      assert.equal(other.status, 409, shown(other.body));
      assert.match(other.body.error, /at most 1 saved profiles \(--max-profiles\)/);
      // Once the large one is deleted, the new name fits.
      assert.equal((await call(engine, 'DELETE', '/v2/browser/profiles/big')).status, 200);
      const ok = await call(engine, 'POST', '/v2/browser', { profile: { name: 'other', saveChanges: true } });
      assert.equal(ok.status, 200, shown(ok.body));
      assert.equal((await call(engine, 'DELETE', `/v2/browser/${ok.body.id}`)).status, 200);
    });
  });

  describe('connections and descriptors', () => {
    test('idle connections are cut after --headers-timeout and per client; the engine answers others', async () => {
      const engine = await startEngine({ args: ['--max-client-connections', '8', '--headers-timeout', '2'] });
      try {
        const sockets = await idleSockets(engine.url, 8);
        const refused = await call(engine, 'GET', '/health').catch((err: Error) => ({ status: 0, body: err.message }));
        assert.notEqual(refused.status, 200, 'a ninth connection from the same address is refused');
        await Promise.all(sockets.map((s) => once(s, 'close')));
        // The client can see its sockets close before the engine's own 'close' events have
        // given the address its slots back, so the engine gets a moment (bounded) to catch up.
        let health = 0;
        for (let tries = 0; tries < 20 && health !== 200; tries++) {
          if (tries > 0) await sleep(100);
          health = (await call(engine, 'GET', '/health').catch(() => ({ status: 0 }))).status;
        }
        assert.equal(health, 200, 'the engine answers once the idle connections are closed');
      } finally {
        await engine.stop();
      }
    });

    test('out of file descriptors: spawns answer 503 with Retry-After, and the engine stays up', async () => {
      const engine = await startEngine({ shellPrefix: 'ulimit -n 256', args: ['--max-connections', '5000', '--max-client-connections', '5000'] });
      let sockets: Socket[] = [];
      try {
        const id = await session(engine);
        assert.equal((await run(engine, id, 'bash', 'echo ready')).body.stdout, 'ready\n');
        // More connections than the engine has descriptors: the last ones are accepted and closed at once.
        sockets = await idleSockets(engine.url, 300);
        await sleep(500);
        // Free a few: enough for the request's own connection, not for a run's pipes.
        sockets.slice(0, 3).forEach((s) => s.destroy());
        await sleep(500);
        const r = await run(engine, id, 'bash', 'echo hi').catch((err: Error) => ({ status: 0, body: err.message, headers: new Headers() }));
        assert.ok([503, 0].includes(r.status), `no descriptor for the run: 503 (or no connection at all): ${r.status} ${shown(r.body)}`);
        if (r.status === 503) {
          assert.equal(r.headers.get('retry-after'), '5');
          assert.match(r.body.error, /out of file descriptors \(EMFILE\)/);
        }
        sockets.forEach((s) => s.destroy());
        await sleep(1000);
        assert.equal(engine.proc.exitCode, null, `the engine exited:\n${engine.output().slice(-2000)}`);
        const after = await run(engine, id, 'bash', 'echo again');
        assert.equal(after.body.stdout, 'again\n', shown(after.body));
      } finally {
        sockets.forEach((s) => s.destroy());
        await engine.stop();
      }
    });
  });
});
