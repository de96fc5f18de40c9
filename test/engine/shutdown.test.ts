import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { interact, scrapeJob } from './api';

/** Pids of Chromium processes whose parent is `pid` (the engine launches them directly). */
function chromiumChildren(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there is no such process
  }
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([p, comm]) => p && /chrom/i.test(comm ?? ''))
    .map(([p]) => Number(p));
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
    test(`${signal}: every browser (sessions, spare, scrape) is gone`, async () => {
      const engine = await startEngine();
      const job = await scrapeJob(engine, `${fx.url}/index.html`);
      assert.equal((await interact(engine, job, { code: '1' })).status, 200);
      // Session browser, refilled spare and the scrape browser.
      let pids: number[] = [];
      for (let i = 0; i < 100 && pids.length < 3; i++) {
        pids = chromiumChildren(engine.proc.pid as number);
        if (pids.length < 3) await sleep(100);
      }
      assert.ok(pids.length >= 3, `expected ≥3 Chromium children, saw ${pids.length}`);
      const exited = new Promise((resolve) => engine.proc.once('exit', (code, sig) => resolve(code ?? sig)));
      engine.proc.kill(signal);
      const how = await exited;
      if (signal !== 'SIGKILL') assert.equal(how, 0);
      // After SIGKILL the browsers notice their DevTools pipe closing and exit by themselves.
      assert.deepEqual(await waitGone(pids, 10_000), []);
      await engine.stop();
    });
  }
});
