// Layer `vsix`: builds the linux-x64 VSIX (scripts/package.mjs), installs it into code-server
// with `--install-extension` (offline), and runs test/vsix/check.ts in its extension host
// against the real local engine: the installed extension runs a bash selection with
// agent-browser. Writes test-results/vsix.json; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { build } from 'esbuild';
import { startEngine } from '../support/engine';
import { startFixtureServer } from '../support/fixture-server';
import { launchChromium, startCodeServer, workbenchUrl } from './code-server';
import { scrapeJob } from './scrape-job';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const TIMEOUT_MS = 10 * 60_000;

async function main(): Promise<boolean> {
  execFileSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), 'linux-x64'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const { vsixPath } = (await import(join(ROOT, 'scripts/package.mjs'))) as { vsixPath: (target: string) => string };

  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    // A development extension only to carry the test module: the extension under test is the installed VSIX.
    const carrier = mkdtempSync(join(tmpdir(), 'interact-vsix-check-'));
    cleanups.push(async () => rmSync(carrier, { recursive: true, force: true }));
    writeFileSync(join(carrier, 'package.json'), JSON.stringify({ name: 'vsix-check', publisher: 'test', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
    await build({ entryPoints: [join(ROOT, 'test/vsix/check.ts')], outfile: join(carrier, 'check.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });

    const engine = await startEngine();
    cleanups.push(() => engine.stop());
    const fixtures = await startFixtureServer();
    cleanups.push(() => fixtures.close());
    const jobId = await scrapeJob(engine.url, engine.apiKey, `${fixtures.url}/index.html`);
    const workspace = mkdtempSync(join(tmpdir(), 'interact-vsix-ws-'));
    cleanups.push(async () => rmSync(workspace, { recursive: true, force: true }));

    const server = await startCodeServer({
      folder: workspace,
      installVsix: [vsixPath('linux-x64')],
      // The environment's key goes only to the server the environment names (issue 16).
      env: { FIRECRAWL_API_URL: engine.url, FIRECRAWL_API_KEY: engine.apiKey, FIRECRAWL_VSIX_JOB: jobId, FIRECRAWL_VSIX_REPO: ROOT },
      settings: { 'firecrawlInteract.apiUrl': engine.url },
      onLog: (l) => process.env.CODE_SERVER_DEBUG && console.log(`[code-server] ${l}`),
    });
    cleanups.push(() => server.stop());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext();
    let onExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (onExit = r));
    await context.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const text = typeof args[0] === 'string' ? format(...args) : JSON.stringify(args);
      if (process.env.CODE_SERVER_DEBUG || /✔|Error|assert/i.test(text)) console.log(text);
    });
    await context.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
    const page = await context.newPage();
    await page.goto(
      workbenchUrl(server, workspace, [
        ['extensionDevelopmentPath', `${server.remoteAuthority}${carrier}`],
        ['extensionTestsPath', `${server.remoteAuthority}${join(carrier, 'check.js')}`],
        ['skipWelcome', 'true'],
      ]),
    );
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('timed out'), TIMEOUT_MS)))]);
    clearTimeout(timer);
    console.log(`VSIX check in code-server: ${code === 0 ? 'passed' : `failed (${code})`}`);
    return code === 0;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

function write(ok: boolean): number {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'vsix.json'), JSON.stringify({ passed: ok ? 1 : 0, failed: ok ? 0 : 1 }) + '\n');
  return ok ? 0 : 1;
}

main().then(
  (ok) => process.exit(write(ok)),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(write(false));
  },
);
