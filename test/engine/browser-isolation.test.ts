// A session's browser sees only its own files (defect 1 of issue 17): Chromium runs in the
// sandbox, and the DevTools commands that open local files are checked. Each payload once read
// the engine's key file or a job file holding a scrape's Authorization header.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { profileMark } from '../support/browser-process';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { downloadInto, FILE_READ_PAYLOADS } from '../support/file-read-payloads';
import { call, interact, scrapeJob, shown } from './api';

const ROOT = join(__dirname, '..', '..');

describe('engine: no DevTools trick reads a local file', { timeout: 600_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let key: string;
  let job: string;
  let jobFile: string;
  const jobSecret = `job-secret-${Math.random().toString(36).slice(2)}`;
  before(async () => {
    fx = await startFixtureServer();
    // No --api-key: the engine keeps its generated key in a file in the data dir.
    engine = await startEngine({ apiKey: null });
    key = readFileSync(join(engine.dataDir, 'api-key'), 'utf8').trim();
    engine.apiKey = key;
    const secretJob = await scrapeJob(engine, `${fx.url}/__headers`, { headers: { Authorization: `Bearer ${jobSecret}` } });
    jobFile = join(engine.dataDir, 'jobs', `${secretJob}.json`);
    assert.ok(readFileSync(jobFile, 'utf8').includes(jobSecret), 'the job file holds the header');
    job = await scrapeJob(engine, `${fx.url}/index.html`);
  });
  after(async () => {
    await engine?.stop();
    await fx?.close();
  });

  for (const payload of FILE_READ_PAYLOADS) {
    test(`${payload.name}: neither the key nor a job file`, async () => {
      for (const file of [join(engine.dataDir, 'api-key'), jobFile]) {
        const r = await interact(engine, job, { code: payload.code(file), timeout: 60 });
        const seen = JSON.stringify(r.body);
        assert.equal(seen.includes(key), false, `${payload.name} read the key file`);
        assert.equal(seen.includes(jobSecret), false, `${payload.name} read the job file`);
      }
    });
  }

  test('downloads pointed at the data dir land in the browser\'s own downloads folder instead', async () => {
    const r = await interact(engine, job, { code: downloadInto(engine.dataDir, 'planted.txt'), timeout: 60 });
    assert.equal(r.body.result, 'clicked', shown(r.body));
    assert.equal(existsSync(join(engine.dataDir, 'planted.txt')), false, 'a download was written into the data dir');
  });

  test('job files are 0600 in a 0700 folder; the data dir and profiles are 0700', () => {
    const mode = (p: string): number => statSync(p).mode & 0o777;
    assert.equal(mode(jobFile), 0o600);
    assert.equal(mode(join(engine.dataDir, 'jobs')), 0o700);
    assert.equal(mode(join(engine.dataDir, 'api-key')), 0o600);
    const profiles = readdirSync(tmpdir()).filter((n) => n.startsWith(`interact-chromium-${engine.proc.pid}-`));
    assert.ok(profiles.length > 0, 'the engine has browser profiles');
    for (const p of profiles) assert.equal(mode(join(tmpdir(), p)), 0o700, p);
  });
});

describe('engine: what a browser sees (even with --allow-file-urls)', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let home: string;
  let dataDir: string;
  before(async () => {
    fx = await startFixtureServer();
    home = mkdtempSync(join(tmpdir(), 'interact-home-'));
    writeFileSync(join(home, 'private.txt'), 'home-secret');
    // A data dir in a folder the sandbox shows (the engine's own, read-only): it must still be hidden.
    dataDir = mkdtempSync(join(ROOT, 'dist', '.isolation-data-'));
    engine = await startEngine({ apiKey: null, dataDir, args: ['--allow-file-urls'], env: { HOME: home } });
    engine.apiKey = readFileSync(join(dataDir, 'api-key'), 'utf8').trim();
  });
  after(async () => {
    await engine?.stop();
    await fx?.close();
    rmSync(home, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("file: URLs open the fixtures, but not the key, the home folder or another session's profile", async () => {
    const a = await scrapeJob(engine, `${fx.url}/index.html`);
    const b = await scrapeJob(engine, `${fx.url}/two.html`);
    const profileOf = async (job: string): Promise<string> => {
      const mark = profileMark();
      const r = await interact(engine, job, { code: mark.code });
      assert.equal(r.body.result, 'downloaded', shown(r.body));
      const found = mark.find();
      assert.ok(found, "the session browser's profile folder holds its download");
      return found;
    };
    const profileB = await profileOf(b);
    assert.match(profileB, /interact-chromium-/);
    writeFileSync(join(profileB, 'secret-of-b.txt'), 'b-secret');
    const fixture = `file://${join(__dirname, '..', 'fixtures', 'pages', 'two.html')}`;
    const open = async (url: string): Promise<string> => {
      const r = await interact(engine, a, { code: `await page.goto(${JSON.stringify(url)}).catch((e) => e.message.split('\\n')[0]); await page.content()`, timeout: 30 });
      return JSON.stringify(r.body);
    };
    assert.match(await open(fixture), /Second Page/, 'the allowed fixture opens');
    assert.doesNotMatch(await open(`file://${dataDir}/api-key`), new RegExp(engine.apiKey));
    assert.doesNotMatch(await open(`file://${home}/private.txt`), /home-secret/);
    assert.doesNotMatch(await open(`file://${profileB}/secret-of-b.txt`), /b-secret/);
    const listing = await open(`file://${tmpdir()}/`);
    assert.equal(listing.includes(profileB.split('/').pop() as string), false, "another session's profile is not even listed");
    // Its own profile is its own: the browser writes there.
    const profileA = await profileOf(a);
    assert.ok(existsSync(join(profileA, 'Default')), shown(profileA));
    assert.equal((await call(engine, 'DELETE', `/v2/scrape/${b}/interact`)).status, 200);
  });
});
