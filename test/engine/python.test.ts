// Python runs against the real engine, its real Chromium and Playwright for Python from the
// setup's virtual environment (.cache/py): a persistent REPL per session, as node's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { interact, scrapeJob, shown } from './api';

const VENV_PYTHON = join(__dirname, '..', '..', '.cache', 'py', 'bin', 'python3');

describe('engine: python runs (persistent REPL)', { timeout: 240_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let jobId: string;
  const py = (code: string, extra: Record<string, unknown> = {}) => interact(engine, jobId, { language: 'python', code, ...extra });
  before(async () => {
    assert.ok(existsSync(VENV_PYTHON), 'scripts/setup.sh (and .ci/run) install Playwright for Python into .cache/py');
    fx = await startFixtureServer();
    engine = await startEngine();
    jobId = await scrapeJob(engine, `${fx.url}/index.html`, { actions: [{ type: 'click', selector: '#btn' }] });
  });
  after(async () => {
    await engine?.stop();
    await fx?.close();
  });

  test('the last expression is the result, top-level await works, stdout and stderr stay apart', async () => {
    const r = await py("import sys\nprint('hello')\nprint('warn', file=sys.stderr)\nawait page.title()");
    assert.equal(r.status, 200, shown(r.body));
    assert.equal(r.body.success, true, shown(r.body));
    assert.equal(r.body.result, 'Fixture Home');
    assert.equal(r.body.stdout, 'hello\n');
    assert.equal(r.body.stderr, 'warn\n');
    assert.equal(r.body.exitCode, 0);
    // The page is the job's replayed page.
    assert.equal((await py("await page.text_content('#btn')")).body.result, 'Clicked 1 times');
    // Values that are not strings come back as JSON.
    assert.equal((await py("{'a': [1, 2], 'b': None}")).body.result, '{"a": [1, 2], "b": null}');
  });

  test('variables, functions and imports survive between runs', async () => {
    await py('import json\ncounter = 41\nasync def heading():\n    return await page.text_content("h1")');
    const r = await py('counter += 1\njson.dumps({"n": counter, "h": await heading()})');
    assert.equal(r.body.result, '{"n": 42, "h": "Hello fixture"}', shown(r.body));
  });

  test('without a value, result is stdout (as the cloud documents); bash likewise', async () => {
    const r = await py("x = 1\nprint('only output')");
    assert.equal(r.body.result, 'only output\n');
    const bash = await interact(engine, jobId, { language: 'bash', code: 'echo from-bash' });
    assert.equal(bash.body.result, 'from-bash\n');
  });

  test("tracebacks show only the user's lines", async () => {
    await py('def broken():\n    return 1 / 0');
    const r = await py('y = 2\nbroken()');
    assert.equal(r.body.success, false);
    assert.equal(r.body.exitCode, 1);
    assert.match(r.body.stderr, /^Traceback \(most recent call last\):\n/);
    assert.match(r.body.stderr, /File "<interact>", line 2, in <module>\n\s+broken\(\)/);
    // broken() was defined by an earlier run: its frame names that run's script, not the running one.
    assert.match(r.body.stderr, /File "<interact-\d+>", line 2, in broken\n\s+return 1 \/ 0/);
    assert.match(r.body.stderr, /ZeroDivisionError: division by zero\n$/);
    assert.doesNotMatch(r.body.stderr, /python-repl\.py|asyncio|site-packages/);
    assert.equal(r.body.error, r.body.stderr);
    const syntax = await py('def (');
    assert.match(syntax.body.stderr, /File "<interact>", line 1\n[\s\S]*SyntaxError/);
    assert.doesNotMatch(syntax.body.stderr, /python-repl\.py/);
  });

  test('a timeout cancels the run and keeps the REPL; code that never yields gets the REPL restarted, and says so', async () => {
    await py('kept = "still here"');
    const cancelled = await py('import asyncio\nawait asyncio.sleep(30)', { timeout: 2 });
    assert.equal(cancelled.body.killed, true);
    assert.equal(cancelled.body.exitCode, 124);
    assert.match(cancelled.body.stderr, /timed out after 2 s and was stopped\. Variables and imports of this session are kept/);
    assert.equal((await py('kept')).body.result, 'still here');

    const blocked = await py('import time\ntime.sleep(60)', { timeout: 2 });
    assert.equal(blocked.body.killed, true);
    assert.match(blocked.body.stderr, /Python REPL was restarted: variables and imports defined in this session were lost/);
    const after = await py("'kept' in globals()");
    assert.equal(after.body.result, 'false');
    // The new REPL drives the same browser and page.
    assert.equal((await py("await page.text_content('#btn')")).body.result, 'Clicked 1 times');
  });
});

describe('engine: --python, and Playwright for Python installed while the engine runs', { timeout: 120_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let dir: string;
  before(async () => {
    fx = await startFixtureServer();
    dir = mkdtempSync(join(tmpdir(), 'interact-python-'));
    // A python without Playwright (a fresh venv), reached through a script the test rewrites.
    const bare = join(dir, 'bare');
    assert.equal(spawnSync('python3', ['-m', 'venv', '--without-pip', bare]).status, 0);
    pointTo(join(bare, 'bin', 'python3'));
    engine = await startEngine({ args: ['--python', join(dir, 'python')] });
  });
  after(async () => {
    await engine?.stop();
    await fx?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const pointTo = (python: string): void => {
    writeFileSync(join(dir, 'python'), `#!/bin/sh\nexec '${python}' "$@"\n`);
    chmodSync(join(dir, 'python'), 0o755);
  };

  test('a python without Playwright says what to install; once it has it, runs work without a restart', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const missing = await interact(engine, jobId, { language: 'python', code: 'print(1)' });
    assert.equal(missing.body.success, false);
    assert.match(missing.body.error, /Playwright for Python.*No module named 'playwright'.*-m pip install playwright.*--python/);
    pointTo(VENV_PYTHON);
    const works = await interact(engine, jobId, { language: 'python', code: 'await page.title()' });
    assert.equal(works.body.success, true, shown(works.body));
    assert.equal(works.body.result, 'Fixture Home');
  });
});

describe('engine: --python through a linked folder', { timeout: 120_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let dir: string;
  before(async () => {
    fx = await startFixtureServer();
    // The setup's venv reached through a linked folder in a place the sandbox shows read-only
    // (not /tmp, which it hides): bwrap cannot make a mount point at a path through a link.
    const results = join(__dirname, '..', '..', 'test-results');
    mkdirSync(results, { recursive: true });
    dir = mkdtempSync(join(results, 'python-link-'));
    symlinkSync(realpathSync(join(VENV_PYTHON, '..', '..')), join(dir, 'linked'));
    engine = await startEngine({ args: ['--python', join(dir, 'linked', 'bin', 'python3')] });
  });
  after(async () => {
    await engine?.stop();
    await fx?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('runs with the venv the link points to', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const r = await interact(engine, jobId, { language: 'python', code: 'import sys\nprint(sys.prefix)\nawait page.title()' });
    assert.equal(r.body.success, true, shown(r.body));
    assert.equal(r.body.result, 'Fixture Home');
  });
});
