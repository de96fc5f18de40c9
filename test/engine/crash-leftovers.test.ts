// After a crash, the next start removes the dead engine's temp folders at once (defect 12 of
// issue 17): its browser profiles and saved-profile working copies. Folders of engines that
// still run (other engines on this machine) stay.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { call, scrapeJob, shown } from './api';

/** The temp folders an engine made (their names start with its pid). */
const foldersOf = (pid: number): string[] => readdirSync(tmpdir()).filter((n) => new RegExp(`^interact-(chromium|profile)-${pid}-`).test(n)).sort();

describe('engine: a crashed engine leaves nothing for long', { timeout: 300_000 }, () => {
  let fx: FixtureServer;
  const engines: EngineHandle[] = [];
  before(async () => {
    fx = await startFixtureServer();
  });
  after(async () => {
    for (const e of engines) await e.stop();
    await fx?.close();
  });

  test("the next start removes a SIGKILLed engine's profiles and working copies; a live engine's stay", async () => {
    const live = await startEngine();
    engines.push(live);
    const doomed = await startEngine();
    engines.push(doomed);
    for (const e of [live, doomed]) {
      await scrapeJob(e, `${fx.url}/index.html`);
      const s = await call(e, 'POST', '/v2/browser', { profile: { name: 'kept', saveChanges: true } });
      assert.equal(s.status, 200, shown(s.body));
    }
    const livePid = live.proc.pid as number;
    const doomedPid = doomed.proc.pid as number;
    const liveFolders = foldersOf(livePid);
    assert.ok(liveFolders.some((n) => n.startsWith('interact-profile-')), `a working copy: ${liveFolders.join(', ')}`);
    assert.ok(foldersOf(doomedPid).some((n) => n.startsWith('interact-profile-')), 'the doomed engine has a working copy');
    assert.ok(foldersOf(doomedPid).some((n) => n.startsWith('interact-chromium-')), 'the doomed engine has browser profiles');

    const gone = new Promise((resolve) => doomed.proc.once('exit', resolve));
    doomed.proc.kill('SIGKILL');
    await gone;
    assert.ok(foldersOf(doomedPid).length > 0, 'SIGKILL left its folders behind');

    const next = await startEngine();
    engines.push(next);
    let left = foldersOf(doomedPid);
    for (let i = 0; i < 100 && left.length > 0; i++) {
      await sleep(100);
      left = foldersOf(doomedPid);
    }
    assert.deepEqual(left, [], 'the dead engine\'s folders were removed by the next start');
    const stillThere = foldersOf(livePid);
    for (const n of liveFolders) assert.ok(stillThere.includes(n), `the live engine's ${n} stays`);
  });
});
