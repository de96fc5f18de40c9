// Layer `e2e`: Playwright drives the real VS Code workbench (code-server + headless Debian
// Chromium) as a person would, against the real local engine and a fixture page. The extension
// is installed in place from the repository (as a user's installed extension, not a development
// one), pointed at the engine through the FIRECRAWL_API_URL and FIRECRAWL_API_KEY variables (as
// the demo does; no job is handed over, so the walk starts at the welcome view). Steps: test/e2e/steps.ts; one screenshot per
// step in test-results/screenshots/. Writes test-results/e2e.json; exits non-zero on any failure.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chineseWalk, japaneseWalk } from '../e2e/display-language';
import { restrictedModeWalk } from '../e2e/restricted-mode';
import { steps } from '../e2e/steps';
import { Workbench } from '../e2e/workbench';
import { startEngine } from '../support/engine';
import { startFixtureServer } from '../support/fixture-server';
import { launchChromium, startCodeServer, workbenchUrl } from './code-server';
import { copyExamples } from './examples-copy';
import { scrapeJob } from './scrape-job';
import { slug, Tally, walk } from './step-loop';
import { failure, writeResult, type SuiteCounts } from './suite-result';

const ROOT = resolve(__dirname, '..', '..');
const RESULTS = join(ROOT, 'test-results');
const SCREENSHOTS = join(RESULTS, 'screenshots');
// Per step: a first run creates the browser session and replays the scrape on a 2-core machine.
const STEP_TIMEOUT_MS = Number(process.env.FIRECRAWL_E2E_STEP_TIMEOUT_MS ?? 300_000);

async function main(): Promise<SuiteCounts> {
  if (!existsSync(join(ROOT, 'dist', 'extension.js')) || !existsSync(join(ROOT, 'dist', 'engine.js'))) {
    console.log('dist/ is incomplete: run `npm run build` first (npm test builds before running layers)');
    return { passed: 0, failed: 1, failures: [failure('UI suite', 'dist/ is incomplete')] };
  }
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });

  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    // Traces on, as the engine the extension starts has them (localEngine.trace): Open trace reads them.
    const engine = await startEngine({ args: ['--trace', 'on'] });
    cleanups.push(() => engine.stop());
    const fixtures = await startFixtureServer();
    cleanups.push(() => fixtures.close());
    const jobId = await scrapeJob(engine.url, engine.apiKey, `${fixtures.url}/index.html`);

    const examples = copyExamples(ROOT, 'interact-e2e-ws-');
    cleanups.push(async () => examples.remove());
    const workspace = examples.folder;

    const server = await startCodeServer({
      folder: workspace,
      env: { FIRECRAWL_API_URL: engine.url, FIRECRAWL_API_KEY: engine.apiKey },
      installExtensions: [ROOT],
      onLog: (l) => process.env.CODE_SERVER_DEBUG && console.log(`[code-server] ${l}`),
    });
    cleanups.push(() => server.stop());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.on('pageerror', (err) => process.env.CODE_SERVER_DEBUG && console.log(`[page error] ${err.message}`));
    await page.goto(workbenchUrl(server, workspace));

    const ctx = { wb: new Workbench(page), engineUrl: engine.url, jobId, fixturesUrl: fixtures.url, workspace, // README pictures go to media/ only when asked for (FIRECRAWL_E2E_MEDIA=1): an ordinary run
    // leaves the work tree as it found it.
    media: process.env.FIRECRAWL_E2E_MEDIA === '1' ? join(ROOT, 'media') : SCREENSHOTS };
    const tally = new Tally();
    // FIRECRAWL_E2E_STEPS=<regex>: only the steps whose names match (a local run of a few steps; they may need earlier ones).
    const only = process.env.FIRECRAWL_E2E_STEPS ? new RegExp(process.env.FIRECRAWL_E2E_STEPS) : undefined;
    await walk(steps, ctx, tally, { page, shots: SCREENSHOTS, timeoutMs: STEP_TIMEOUT_MS, only });
    // Restricted Mode and each display language need a window of their own.
    const env = { FIRECRAWL_API_URL: engine.url, FIRECRAWL_API_KEY: engine.apiKey };
    const pictures = process.env.FIRECRAWL_E2E_MEDIA === '1' ? join(ROOT, 'media', 'l10n') : SCREENSHOTS;
    mkdirSync(pictures, { recursive: true });
    const windows: Array<[string, (shot: string) => Promise<void>]> = [
      ['restricted mode: nothing runs, the view says why', (shot) => restrictedModeWalk({ root: ROOT, browser, env, screenshot: shot })],
      // A job of its own: the walk above stopped the first job's session, and a job's session cannot restart.
      ['Japanese (--locale ja): palette, a run, its notification, the Firecrawl view and a notebook\'s JSON tree in Japanese', async (shot) => japaneseWalk({ root: ROOT, browser, env, jobId: await scrapeJob(engine.url, engine.apiKey, `${fixtures.url}/index.html`), pictures, failureShot: shot })],
      ['Simplified Chinese (--locale zh-cn): palette, view welcome and status bar in Chinese', (shot) => chineseWalk({ root: ROOT, browser, env, jobId, pictures, failureShot: shot })],
    ];
    for (const [i, [name, walkWindow]] of windows.entries()) {
      const label = `${String(steps.length + 1 + i).padStart(2, '0')} ${name}`;
      if (only && !only.test(label)) continue;
      await tally.step(label, () => walkWindow(join(SCREENSHOTS, `${slug(label)}.png`)), STEP_TIMEOUT_MS);
    }
    return tally.counts;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

function write(counts: SuiteCounts): number {
  console.log(`UI suite: ${counts.passed} passed, ${counts.failed} failed (screenshots in test-results/screenshots/)`);
  return writeResult(join(RESULTS, 'e2e.json'), counts);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().then(
  (counts) => process.exit(write(counts)),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : String(err));
    process.exit(write({ passed: 0, failed: Math.max(1, steps.length), failures: [failure('UI suite', err)] }));
  },
);
