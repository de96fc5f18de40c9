import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { interact, scrapeJob } from './api';

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && pids.some(alive)) await sleep(100);
  return pids.filter(alive);
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
    test(`${signal}: every browser (session, spare, scrape) and REPL worker is gone`, async () => {
      const engine = await startEngine();
      const job = await scrapeJob(engine, `${fx.url}/index.html`);
      assert.equal((await interact(engine, job, { code: '1' })).status, 200);
      // Session browser, refilled spare and the scrape browser.
      let kids: [number, string][] = [];
      const browsers = (): number => kids.filter(([, comm]) => /chrom/i.test(comm)).length;
      for (let i = 0; i < 100 && browsers() < 3; i++) {
        kids = children(engine.proc.pid as number);
        if (browsers() < 3) await sleep(100);
      }
      assert.ok(browsers() >= 3, `expected ≥3 Chromium children, saw ${JSON.stringify(kids)}`);
      assert.ok(kids.some(([, comm]) => comm === 'node'), 'the session REPL worker runs');
      const pids = kids.map(([p]) => p);
      const exited = new Promise((resolve) => engine.proc.once('exit', (code, sig) => resolve(code ?? sig)));
      engine.proc.kill(signal);
      const how = await exited;
      if (signal !== 'SIGKILL') assert.equal(how, 0);
      // After SIGKILL the browsers notice their DevTools pipe closing, and the workers their IPC
      // channel, and exit by themselves.
      assert.deepEqual(await waitGone(pids, 10_000), []);
      await engine.stop();
    });
  }
});
