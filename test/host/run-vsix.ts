// Layer `vsix`: the installed user's journey. Builds the linux-x64 VSIX (scripts/package.mjs;
// with --prebuilt it takes the one `npm test` packaged before its lanes started),
// installs it into code-server (`--install-extension`, offline) for a user with a fresh HOME,
// user-data and extensions folders outside the repository, and an environment with no
// FIRECRAWL_* variables, no .cache/py and no repository folder on any path. Playwright then walks
// the workbench through test/vsix/journey.ts (the local engine the extension starts itself, then
// a pass behind a real forward proxy). One screenshot per step in test-results/screenshots/vsix/.
// Writes test-results/vsix.json; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Workbench } from '../e2e/workbench';
import { startEngine } from '../support/engine';
import { startFixtureServer } from '../support/fixture-server';
import { journey, PROJECT_FILES, type JourneyContext } from '../vsix/journey';
import { launchChromium, startCodeServer, workbenchUrl } from './code-server';
import { codeServerEntry } from './setup-code-server';
import { Tally, walk } from './step-loop';
import { failure, writeResult, type SuiteCounts } from './suite-result';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const SHOTS = join(RESULTS, 'screenshots', 'vsix');
const STEP_TIMEOUT_MS = 480_000;

async function main(): Promise<SuiteCounts> {
  const { vsixPath } = (await import(join(ROOT, 'scripts/package.mjs'))) as { vsixPath: (target: string) => string };
  if (!process.argv.includes('--prebuilt')) {
    execFileSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), 'linux-x64'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  } else if (!existsSync(vsixPath('linux-x64'))) {
    throw new Error(`--prebuilt: no VSIX at ${vsixPath('linux-x64')}; run \`node scripts/package.mjs linux-x64\` first`);
  }
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const { startForwardProxy } = await import('../support/forward-proxy.mjs');

  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const home = mkdtempSync(join(tmpdir(), 'interact-vsix-home-'));
    cleanups.push(async () => rmSync(home, { recursive: true, force: true }));
    const workspace = join(home, 'project');
    mkdirSync(workspace);
    for (const [name, text] of Object.entries(PROJECT_FILES)) writeFileSync(join(workspace, name), text);
    // pip's own settings (which index it reaches) belong to the user's machine, not to this
    // repository: a user who can pip install has them, so they come along into the fresh HOME.
    for (const conf of ['.config/pip/pip.conf', '.pip/pip.conf']) {
      if (!existsSync(join(homedir(), conf))) continue;
      mkdirSync(dirname(join(home, conf)), { recursive: true });
      copyFileSync(join(homedir(), conf), join(home, conf));
    }

    const fixtures = await startFixtureServer();
    cleanups.push(() => fixtures.close());
    // The second pass's server, reached by name through the proxy, then past it.
    const server = await startEngine();
    cleanups.push(() => server.stop());
    const port = Number(new URL(server.url).port);
    const proxy = await startForwardProxy({ hosts: { 'engine.internal': '127.0.0.1' } });
    cleanups.push(() => proxy.close());

    const codeServer = await startCodeServer({
      folder: workspace,
      installVsix: [vsixPath('linux-x64')],
      env: installedUserEnv(home),
      replaceEnv: true,
      cwd: home,
      onLog: (l) => process.env.CODE_SERVER_DEBUG && console.log(`[code-server] ${l}`),
    });
    cleanups.push(() => codeServer.stop());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })).newPage();
    await page.goto(workbenchUrl(codeServer, workspace));

    const ctx: JourneyContext = {
      wb: new Workbench(page),
      root: ROOT,
      codeServerDir: dirname(dirname(dirname(codeServerEntry))),
      home,
      workspace,
      userDataDir: codeServer.userDataDir,
      extensionsDir: codeServer.extensionsDir,
      fixturesUrl: fixtures.url,
      shots: SHOTS,
      proxy,
      server: { port, apiKey: server.apiKey },
      directHost: await loopbackName(),
    };
    const tally = new Tally();
    await walk(journey, ctx, tally, { page, shots: SHOTS, timeoutMs: STEP_TIMEOUT_MS });
    return tally.counts;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

/**
 * An installed user's environment: this one without Firecrawl's variables, npm's and Node's
 * module paths, a Python environment, the test's own settings, or any folder of the repository;
 * HOME is the fresh one (so XDG folders, pip's cache and VS Code's data start empty).
 */
function installedUserEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || v.includes(ROOT)) continue;
    if (/^(FIRECRAWL_|npm_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|PWD$|OLDPWD$|VIRTUAL_ENV$|PYTHON|XDG_|PLAYWRIGHT_|CHROMIUM_PATH$|CODE_SERVER)/.test(k)) continue;
    env[k] = v;
  }
  env.PATH = (process.env.PATH ?? '').split(':').filter((d) => d && !d.startsWith(ROOT) && !d.includes('node_modules')).join(':');
  env.HOME = home;
  return env;
}

/** This machine's own name when it resolves to a loopback address without a proxy (/etc/hosts). */
async function loopbackName(): Promise<string> {
  const name = hostname();
  const { address } = await lookup(name, { family: 4 }).catch(() => ({ address: '' }));
  if (!/^127\./.test(address)) throw new Error(`the noProxy pass needs a host name that resolves to loopback here; ${name} resolves to "${address}"`);
  return name;
}

function write(counts: SuiteCounts): number {
  console.log(`installed journey: ${counts.passed} passed, ${counts.failed} failed (screenshots in test-results/screenshots/vsix/)`);
  return writeResult(join(RESULTS, 'vsix.json'), counts);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  (counts) => process.exit(write(counts)),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(write({ passed: 0, failed: Math.max(1, journey.length), failures: [failure('installed journey', err)] }));
  },
);
