// Layer `host`: runs the extension-host suite (test/suite/, bundled into dist/test/suite/index.js by
// the build) inside a real VS Code. Default: code-server + headless Debian Chromium, with VS Code's
// own browser test mechanism (the `payload` query: extensionDevelopmentPath + extensionTestsPath;
// the workbench reports through window.codeAutomationLog / codeAutomationExit).
// FIRECRAWL_TEST_HOST=electron (or --electron, `npm run test:electron`) runs the same suite
// through @vscode/test-electron instead.
// Writes test-results/host.json = {passed, failed, failures}; exits non-zero on any failure, crash or timeout.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { runInElectron } from './run-electron';
import { developmentPayload, launchChromium, startCodeServer, workbenchUrl } from './code-server';
import { failure, parseSuiteOutput, writeResult, type SuiteCounts } from './suite-result';
import { TEST_CAPABILITIES_ENV } from '../../src/sessions/session-snapshot';

const ROOT = resolve(__dirname, '..', '..');
const TESTS_MODULE = join(ROOT, 'dist', 'test', 'suite', 'index.js');
const RESULT_FILE = join(ROOT, 'test-results', 'host.json');
// The whole suite, engine starts and Chromium sessions included, on a slow 2-core machine.
const OVERALL_TIMEOUT_MS = Number(process.env.FIRECRAWL_SUITE_OVERALL_TIMEOUT_MS ?? 20 * 60_000);
const SIGN_OF_LIFE_MS = 180_000;
const timers: NodeJS.Timeout[] = [];

function after(ms: number, reason: string): Promise<string> {
  return new Promise((resolve) => timers.push(setTimeout(() => resolve(reason), ms)));
}

async function runInCodeServer(): Promise<SuiteCounts> {
  const workspace = mkdtempSync(join(tmpdir(), 'interact-suite-ws-'));
  // The suite reads sessions' capability URLs through the extension's API (a test run only).
  const server = await startCodeServer({ folder: workspace, env: { [TEST_CAPABILITIES_ENV]: '1' }, onLog: (l) => process.env.CODE_SERVER_DEBUG && console.log(`[code-server] ${l}`) });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, reducedMotion: 'reduce' });
    const lines: string[] = [];
    let onExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (onExit = r));
    // Both must exist before the workbench loads, or the run can start before we listen.
    await context.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = formatLog(args);
      lines.push(text);
      if (process.env.CODE_SERVER_DEBUG || !isKnownNoise(text)) console.log(type === 'error' ? `[workbench error] ${text}` : text);
    });
    await context.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
    const page = await context.newPage();
    await page.goto(workbenchUrl(server, workspace, developmentPayload(server, ROOT, TESTS_MODULE)));

    const code = await Promise.race([
      exited,
      server.exited.then((c) => `code-server exited (${c})`),
      after(OVERALL_TIMEOUT_MS, `did not finish within ${OVERALL_TIMEOUT_MS / 60_000} min`),
      // A workbench that never loads says nothing at all: do not wait the whole timeout for it.
      after(SIGN_OF_LIFE_MS, 'no output from the workbench').then((r) => (lines.length > 0 ? new Promise<never>(() => undefined) : r)),
    ]);
    const counts = parseSuiteOutput(lines.join('\n'));
    if (typeof code === 'string') {
      console.log(`extension-host suite: ${code}`);
      return { passed: counts?.passed ?? 0, failed: Math.max(1, counts?.failed ?? 0), failures: [...(counts?.failures ?? []), failure('extension-host suite', code)] };
    }
    if (!counts) {
      console.log(`VS Code exited with ${code} without a suite result; last log lines:\n${lines.slice(-30).join('\n')}`);
      return { passed: 0, failed: 1, failures: [failure('extension-host suite', `VS Code exited with ${code} without a suite result`)] };
    }
    // A non-zero exit with no failed test (e.g. run() threw while loading) still fails the layer.
    return code !== 0 && counts.failed === 0 ? { ...counts, failed: 1, failures: [failure('extension-host suite', `VS Code exited with ${code} after every test passed`)] } : counts;
  } finally {
    timers.forEach(clearTimeout);
    await browser.close().catch(() => undefined);
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

// Extension-host console output (Mocha's spec reporter, printf-style) arrives as log-service
// messages together with the workbench's own log.
function formatLog(args: unknown[]): string {
  return typeof args[0] === 'string' ? format(...args) : args.map((a) => JSON.stringify(a)).join(' ');
}

// The workbench asks the extension gallery on start; on a closed network that fails harmlessly.
function isKnownNoise(text: string): boolean {
  return /ENOTFOUND open-vsx\.org/.test(text);
}

async function main(): Promise<number> {
  for (const f of [TESTS_MODULE, join(ROOT, 'dist', 'extension.js')]) {
    if (!existsSync(f)) {
      console.log(`${f} is missing: run \`npm run build\` first (npm test builds before running layers)`);
      return write({ passed: 0, failed: 1, failures: [failure('extension-host suite', `${f} is missing`)] });
    }
  }
  let counts: SuiteCounts;
  if (process.env.FIRECRAWL_TEST_HOST === 'electron' || process.argv.includes('--electron')) {
    counts = await runInElectron(ROOT, TESTS_MODULE);
  } else {
    counts = await runInCodeServer();
  }
  return write(counts);
}

function write(counts: SuiteCounts): number {
  console.log(`extension-host suite: ${counts.passed} passed, ${counts.failed} failed`);
  return writeResult(RESULT_FILE, counts);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    write({ passed: 0, failed: 1, failures: [failure('extension-host suite', err)] });
    process.exit(1);
  },
);
