// npm run demo: the whole product on this machine, no account or API key.
// Builds, prepares code-server (once), starts the local engine and a small site (the fixture
// pages), scrapes its home page so a job exists, and starts VS Code (code-server) with the
// extension installed, a fresh temp copy of examples/ open (removed on exit) and the extension
// pointed at the engine.
// Prints the URL to open; Ctrl+C stops everything it started.
// DEMO_PORT / DEMO_HOST choose code-server's address (default: 127.0.0.1, a free port).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The helpers are TypeScript (test/host, test/support): run under tsx's loader, as the tests do.
if (!process.execArgv.join(' ').includes('tsx')) {
  // Ctrl+C reaches both processes; this one just waits for the demo to clean up and exit.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  const demo = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(demo.status ?? 1);
}

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const load = (file) => import(join(root, file));

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const [{ ensureCodeServer }, { startCodeServer, workbenchUrl }, { startEngine }, { startFixtureServer }, { scrapeJob }, { copyExamples }] = await Promise.all([
  load('test/host/setup-code-server.ts'),
  load('test/host/code-server.ts'),
  load('test/support/engine.ts'),
  load('test/support/fixture-server.ts'),
  load('test/host/scrape-job.ts'),
  load('test/host/examples-copy.ts'),
]);

const stops = [];
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the demo (VS Code, engine and its browsers, demo site)…');
  for (const stop of stops.reverse()) await stop().catch((err) => console.error(String(err)));
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  ensureCodeServer((line) => console.log(line));
  console.log('Starting the local engine and the demo site…');
  const engine = await startEngine({ args: ['--trace', 'on'], spares: true });
  stops.push(() => engine.stop());
  engine.proc.once('exit', (code) => {
    if (!stopping) console.error(`The local engine exited (${code}); stopping the demo.`);
    void shutdown(1);
  });
  const site = await startFixtureServer();
  stops.push(() => site.close());
  const demoPage = `${site.url}/index.html`;
  const jobId = await scrapeJob(engine.url, engine.apiKey, demoPage);

  // A fresh copy each time: Run All saves the notebook with its job and outputs, which must
  // neither change the repository nor greet the next demo with a job that is gone.
  const copy = copyExamples(root, 'firecrawl-demo-');
  stops.push(async () => copy.remove());
  const examples = copy.folder;
  console.log('Starting VS Code (code-server)…');
  const server = await startCodeServer({
    folder: examples,
    host: process.env.DEMO_HOST,
    port: process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : undefined,
    // The backend, its key and the scraped job reach the extension through the environment
    // (FIRECRAWL_API_URL / FIRECRAWL_API_KEY, as Firecrawl's SDK and CLI read them), so no
    // settings edit can move the demo off its engine and the newcomer never types a key or job.
    env: { FIRECRAWL_API_URL: engine.url, FIRECRAWL_API_KEY: engine.apiKey, FIRECRAWL_SCRAPE_ID: jobId, FIRECRAWL_SCRAPE_URL: demoPage },
    // The folder's README opens first: it points to the runbook and the notebook.
    settings: { 'workbench.startupEditor': 'readme' },
    installExtensions: [root],
  });
  stops.push(() => server.stop());

  console.log(`
Firecrawl Interact demo is running.

  Open in your browser:  ${workbenchUrl(server, examples)}
  The folder is a fresh copy of examples/ (${examples}): edit and save freely; it is removed
  when the demo stops, and the repository is never written to.

Then, in that VS Code window (the Firecrawl icon in the activity bar opens its view):
  1. The demo's job is already current: the status bar's left item and the Firecrawl view show
     the backend (${engine.url}) and the job (${demoPage}, ${jobId}).
  2. Open title.js, select line 4 (await page.title()), right-click → "Run in scrape session".
  3. The result appears in the Output panel ("Firecrawl Interact") and under Runs in the view;
     the status bar shows the session's time and estimated credits.
  4. Click the session in the view (or F1 → "Firecrawl: Open live view") to watch the browser.
  5. Try fill-form.ts (TypeScript), snapshot.sh (bash) and links.py (python), run again with
     Ctrl+Alt+R, then click the ■ stop button in the status bar: it asks, then reports what the
     engine billed.
  6. Open runbook.md and click "Run in session" above a block, or open page-steps.fcnb and press
     "Run All": each result appears under its cell, ending with a picture of the page.

The extension talks to the local engine at ${engine.url}; no Firecrawl account or API key.
Prompts ("Firecrawl: Ask the page") need INTERACT_LLM_URL/INTERACT_LLM_MODEL/INTERACT_LLM_KEY
set before \`npm run demo\` (any OpenAI-compatible endpoint).
${process.env.DEMO_HOST && process.env.DEMO_HOST !== '127.0.0.1' ? '\nWarning: VS Code listens without a password on ' + process.env.DEMO_HOST + '; anyone who can reach it can run code.\n' : ''}
Press Ctrl+C to stop everything.`);
} catch (err) {
  console.error(`The demo could not start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
}
