import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob } from './api';
import { processAlive } from '../../src/engine/browser/chromium';
import { running as stillRuns } from '../../src/engine/process/process-tree';

const EXIT_SNAPSHOT = join(__dirname, '..', 'support', 'exit-snapshot.mjs');

/** Child processes of `pid` as [pid, command name] (the engine starts browsers and REPL workers directly). */
function children(pid: number): [number, string][] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no such process
  }
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([p]) => p)
    .map(([p, comm]) => [Number(p), comm ?? '']);
}

/** Every process below `pid` as [pid, command name] (a bash run's commands are grandchildren). */
function descendants(pid: number): [number, string][] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([p]) => p)
    .map(([p, ppid, comm]) => ({ pid: Number(p), ppid: Number(ppid), comm: comm ?? '' }));
  const found: [number, string][] = [];
  const walk = (parent: number): void => {
    for (const r of rows.filter((row) => row.ppid === parent)) {
      found.push([r.pid, r.comm]);
      walk(r.pid);
    }
  };
  walk(pid);
  return found;
}

async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && pids.some(processAlive)) await sleep(100);
  return pids.filter(processAlive);
}

describe('engine: shutdown leaves no Chromium', { timeout: 120_000 }, () => {
  let fx: FixtureServer;
  before(async () => {
    fx = await startFixtureServer();
  });
  after(async () => {
    await fx?.close();
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    test(`${signal}: every browser (session, spare, scrape), REPL worker and busy run is gone`, async () => {
      // The engine writes what still runs at its own 'exit' event (test/support/exit-snapshot.mjs):
      // "nothing of it runs when it has exited" is checked at that moment, not after the exit has
      // reached this process, by when helpers that outlive it may have ended too.
      const snapshot = join(mkdtempSync(join(tmpdir(), 'interact-exit-')), 'alive.json');
      const engine = await startEngine({ nodeArgs: ['--import', EXIT_SNAPSHOT], env: { EXIT_SNAPSHOT_FILE: snapshot }, spares: true });
      let stopped: number | undefined;
      try {
        const job = await scrapeJob(engine, `${fx.url}/index.html`);
        assert.equal((await interact(engine, job, { code: '1' })).status, 200);
        // A session busy in a run while the engine is told to stop.
        void interact(engine, job, { language: 'bash', code: 'sleep 300', timeout: 300 }).catch(() => undefined);
        // Session browser, refilled spare and the scrape browser (each in its sandbox: bwrap, then Chromium).
        let kids: [number, string][] = [];
        const browsers = (): number => kids.filter(([pid, comm]) => /chrom/i.test(comm) || (comm === 'bwrap' && descendants(pid).some(([, c]) => /chrom/i.test(c)))).length;
        for (let i = 0; i < 100 && browsers() < 3; i++) {
          kids = children(engine.proc.pid as number);
          if (browsers() < 3) await sleep(100);
        }
        assert.ok(browsers() >= 3, `expected ≥3 Chromium children, saw ${JSON.stringify(kids)}`);
        for (let i = 0; i < 100 && !descendants(engine.proc.pid as number).some(([, comm]) => comm === 'sleep'); i++) await sleep(100);
        const started = descendants(engine.proc.pid as number);
        // The REPL worker runs in its sandbox (bwrap, then node) or, without one, directly.
        assert.ok(started.some(([, comm]) => comm === 'node'), 'the session REPL worker runs');
        assert.ok(started.some(([, comm]) => comm === 'sleep'), 'the bash run is busy');
        assert.ok(started.filter(([, comm]) => /chrom/i.test(comm)).length > 3, 'browser helpers (zygotes, renderers) run too');
        const pids = started.map(([p]) => p);
        // One browser helper stopped (SIGSTOP): like a helper on a loaded machine, it does not end
        // by itself when its browser goes; the engine must still not exit before it is gone.
        if (signal !== 'SIGKILL') {
          const helper = started.find(([p, comm]) => /chrom/i.test(comm) && !kids.some(([k]) => k === p));
          assert.ok(helper, 'a browser helper runs');
          stopped = helper[0];
          process.kill(stopped, 'SIGSTOP');
        }
        const exited = new Promise((resolve) => engine.proc.once('exit', (code, sig) => resolve(code ?? sig)));
        engine.proc.kill(signal);
        const how = await exited;
        if (signal === 'SIGKILL') {
          // The browsers notice their DevTools pipe closing, and the workers their IPC channel,
          // and exit by themselves.
          assert.deepEqual(await waitGone(pids, 20_000), []);
        } else {
          assert.equal(how, 0);
          const alive = JSON.parse(readFileSync(snapshot, 'utf8')) as { pid: number; comm: string }[];
          const left = alive.filter((p) => pids.includes(p.pid));
          assert.deepEqual(left, [], `still running at the moment the engine exited: ${JSON.stringify(left)}`);
          assert.deepEqual(pids.filter(stillRuns), []);
        }
      } finally {
        await engine.stop();
        if (stopped !== undefined && stillRuns(stopped)) process.kill(stopped, 'SIGKILL');
        rmSync(dirname(snapshot), { recursive: true, force: true });
      }
    });
  }

  test('a bash run in progress ends with its session (DELETE) and with the engine (SIGTERM)', async () => {
    const engine = await startEngine({ spares: true });
    try {
      const sleepers = async (): Promise<number[]> => {
        for (let i = 0; i < 300; i++) {
          const found = descendants(engine.proc.pid as number).filter(([, comm]) => comm === 'sleep').map(([p]) => p);
          if (found.length > 0) return found;
          await sleep(100);
        }
        return [];
      };
      const first = await scrapeJob(engine, `${fx.url}/index.html`);
      const run = interact(engine, first, { language: 'bash', code: 'sleep 300; echo never', timeout: 300 });
      const running = await sleepers();
      assert.ok(running.length > 0, 'the bash run started');
      assert.equal((await call(engine, 'DELETE', `/v2/scrape/${first}/interact`)).status, 200);
      const answer = await run;
      assert.equal(answer.body.success, false);
      assert.match(answer.body.stderr, /session ended/);
      assert.deepEqual(await waitGone(running, 20_000), []);

      const second = await scrapeJob(engine, `${fx.url}/index.html`);
      void interact(engine, second, { language: 'bash', code: 'sleep 300', timeout: 300 }).catch(() => undefined);
      const left = await sleepers();
      assert.ok(left.length > 0, 'the second bash run started');
      const exited = new Promise((resolve) => engine.proc.once('exit', (code, sig) => resolve(code ?? sig)));
      engine.proc.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.deepEqual(left.filter(stillRuns), [], 'the sandboxed run ended before the engine exited');
    } finally {
      await engine.stop();
    }
  });
});
