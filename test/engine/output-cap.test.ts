import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { interact, scrapeJob, shown, withEngineAndFixtures } from './api';

// The engine keeps 1,000,000 characters per stream and of the result (runners/output-cap.ts).
const CAP = 1_000_000;
const NOTE = /\n\[(stdout|stderr|result) cut by the engine after 1,000,000 characters; [\d,]+ more were not kept\]\n$/;

describe('engine: run output is bounded and says where it was cut', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let jobId: string;
  withEngineAndFixtures(async (e, f) => {
    engine = e;
    fx = f;
    jobId = await scrapeJob(engine, `${fx.url}/index.html`);
  });

  test('node: 40 MB of stdout and stderr are cut at the cap, truncated: true, the count of what was dropped', async () => {
    const r = await interact(engine, jobId, {
      code: "const line = 'x'.repeat(1_000_000); for (let i = 0; i < 20; i++) { console.log(line); process.stderr.write(line); } 'done'",
    });
    assert.equal(r.status, 200);
    assert.equal(r.body.success, true, shown(r.body).slice(0, 500));
    assert.equal(r.body.truncated, true);
    assert.equal(r.body.result, 'done');
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = r.body[stream] as string;
      assert.match(text, NOTE);
      assert.equal(text.indexOf('\n['), CAP, `${stream} keeps exactly the cap before its note`);
    }
    assert.match(r.body.stdout, /19,000,020 more were not kept/);
    assert.match(r.body.stderr, /19,000,000 more were not kept/);
  });

  test('node: a result longer than the cap is cut; a small run right after is whole again', async () => {
    const r = await interact(engine, jobId, { code: "'r'.repeat(3_000_000)" });
    assert.equal(r.body.truncated, true);
    assert.equal(r.body.result.length < CAP + 200, true);
    assert.match(r.body.result, /\[result cut by the engine after 1,000,000 characters; 2,000,000 more were not kept\]/);
    const small = await interact(engine, jobId, { code: "console.log('hi'); 1" });
    assert.equal(small.body.truncated, false);
    assert.equal(small.body.stdout, 'hi\n');
  });

  test('node: output of a run killed at its timeout is capped too', async () => {
    const r = await interact(engine, jobId, { code: "const big = 'y'.repeat(500_000); setInterval(() => console.log(big), 1); await new Promise(() => {})", timeout: 3 });
    assert.equal(r.body.killed, true);
    assert.equal(r.body.truncated, true);
    assert.equal(r.body.stdout.indexOf('\n['), CAP);
  });

  test('bash: 20 MB of stdout is cut at the cap with truncated: true; multi-byte characters stay whole', async () => {
    const r = await interact(engine, jobId, { language: 'bash', code: "head -c 20000000 /dev/zero | tr '\\0' a; yes é | head -c 3000000 >&2" });
    assert.equal(r.status, 200);
    assert.equal(r.body.exitCode, 0, shown(r.body).slice(0, 500));
    assert.equal(r.body.truncated, true);
    assert.equal(r.body.stdout.indexOf('\n['), CAP);
    assert.match(r.body.stdout, /19,000,000 more were not kept/);
    assert.match(r.body.stderr, NOTE);
    assert.equal(r.body.stderr.includes('\uFFFD'), false, 'no character was split into replacement characters');
    const small = await interact(engine, jobId, { language: 'bash', code: 'echo ok' });
    assert.equal(small.body.truncated, false);
  });
});

describe('engine: python run output is bounded too', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let jobId: string;
  withEngineAndFixtures(async (e, f) => {
    engine = e;
    fx = f;
    jobId = await scrapeJob(engine, `${fx.url}/index.html`);
  });

  test('python: 20 MB printed and a 3,000,000-character result are cut at the cap with truncated: true', async (t) => {
    const probe = await interact(engine, jobId, { language: 'python', code: '1' });
    if (probe.body.success !== true && /Playwright for Python/.test(probe.body.stderr)) {
      t.skip('Playwright for Python is not installed here (scripts/setup.sh installs it into .cache/py)');
      return;
    }
    const r = await interact(engine, jobId, { language: 'python', code: "for _ in range(20):\n    print('z' * 1_000_000)\n'q' * 3_000_000" });
    assert.equal(r.body.success, true, shown(r.body).slice(0, 500));
    assert.equal(r.body.truncated, true);
    assert.equal(r.body.stdout.indexOf('\n['), CAP);
    assert.match(r.body.stdout, /19,000,020 more were not kept/);
    assert.match(r.body.result, /\[result cut by the engine after 1,000,000 characters; 2,000,000 more were not kept\]/);
  });
});
