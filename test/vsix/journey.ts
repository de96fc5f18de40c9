// The installed user's journey (layer `vsix`): what a person does after installing the VSIX, in
// the real workbench, driven by Playwright as the UI suite does. Each step is one counted test
// and builds on the ones before (same window). The first pass has no settings at all: Start
// local engine, Scrape a URL…, node, TypeScript and bash runs, a python run that offers Set up
// Python, the real set-up (pip), a python run, the live view, Stop. The second pass sits behind a
// real forward proxy (http.proxy), with apiUrl on a name only the proxy resolves; then http.noProxy
// sends the same server's requests past it.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ForwardProxy } from '../support/forward-proxy.mjs' with { 'resolution-mode': 'import' };
import { canvasSummary } from '../e2e/steps';
import type { WalkStep } from '../host/step-loop';
import { poll, type Workbench } from '../e2e/workbench';
import { leaks, processesWithHome, type ProcessInfo } from './processes';

export interface JourneyContext {
  wb: Workbench;
  /** The repository: nothing the installed extension runs may name it. */
  root: string;
  /** VS Code's own install (code-server): VS Code's variables may name it. */
  codeServerDir: string;
  /** The user's fresh home folder (HOME of code-server and all it starts). */
  home: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  fixturesUrl: string;
  shots: string;
  /** The forward proxy of the second pass, and the server behind it. */
  proxy: ForwardProxy;
  server: { port: number; apiKey: string };
  /** A host name this machine resolves to loopback by itself (not "localhost"): the noProxy pass. */
  directHost: string;
}

export type JourneyStep = WalkStep<JourneyContext>;

const TITLE = 'Fixture Home';
const EXTENSION_DIR = /^firecrawl-interact\.firecrawl-interact-\d+\.\d+\.\d+/;

/** Files of the user's project; each prints 42 computed in the run (the code holds `6 * 7`, not 42). */
export const PROJECT_FILES: Record<string, string> = {
  'title.js': '`node says ${6 * 7} ${await page.title()}`\n',
  'form.ts': "const n: number = 6 * 7;\nawait page.fill('#name', 'Ada');\n`ts says ${n} ${await page.textContent('#echo')}`\n",
  'title.sh': 'echo "bash says $((6 * 7))"\nagent-browser get title\n',
  'title.py': 'print("python says", 6 * 7, await page.title())\n',
  'proxied.js': '`through the proxy ${6 * 7} ${await page.title()}`\n',
  'direct.js': '`past the proxy ${6 * 7} ${await page.title()}`\n',
};

export const journey: JourneyStep[] = [
  {
    name: 'the workbench opens with the extension installed from the VSIX, outside the repository, in a clean environment',
    async run(ctx) {
      await ctx.wb.waitReady();
      const dirs = readdirSync(ctx.extensionsDir).filter((d) => d.startsWith('firecrawl-interact.'));
      assert.equal(dirs.length, 1, `installed: ${dirs.join(', ')}`);
      assert.match(dirs[0], EXTENSION_DIR);
      const ext = join(ctx.extensionsDir, dirs[0]);
      assert.ok(!ext.startsWith(ctx.root), `the extension is inside the repository: ${ext}`);
      const binaries = readdirSync(join(ext, 'node_modules', 'agent-browser', 'bin')).filter((f) => f.startsWith('agent-browser-'));
      assert.deepEqual(binaries, ['agent-browser-linux-x64']);
      // The backend of a fresh install is the cloud: nothing points it at a local server.
      const backend = ctx.wb.statusItem('firecrawlInteract.backend');
      await backend.waitFor({ state: 'visible', timeout: 60_000 });
      assert.doesNotMatch(await backend.innerText(), /127\.0\.0\.1|FIRECRAWL_API_URL|local engine/);
      const host = await poll(async () => extensionHost(ctx), (p) => p !== undefined, 60_000, 'the extension host process');
      assert.ok(host);
      assert.deepEqual(leaks(host, ctx.root, ctx.codeServerDir), [], "the extension host's environment names the repository or Firecrawl");
    },
  },
  {
    name: "Start local engine (palette) makes the local engine the backend, run from the installed extension's own files",
    async run(ctx) {
      await ctx.wb.runCommand('Firecrawl: Start local engine');
      await poll(() => ctx.wb.statusItem('firecrawlInteract.backend').innerText(), (t) => /local engine/.test(t), 120_000, 'the local engine as the backend');
      const engine = await poll(async () => engineProcess(ctx), (p) => p !== undefined, 30_000, 'the engine process');
      assert.ok(engine);
      const script = engine.argv.find((a) => a.endsWith('engine.js')) ?? '';
      assert.ok(script.startsWith(ctx.extensionsDir), `the engine runs ${script}, not the installed copy`);
      assert.deepEqual(leaks(engine, ctx.root, ctx.codeServerDir, ['FIRECRAWL_ENGINE_API_KEY']), [], "the engine's environment names the repository");
    },
  },
  {
    name: 'Scrape a URL… (palette) scrapes the page and makes its job the current one',
    async run({ wb, fixturesUrl }) {
      await scrape(wb, `${fixturesUrl}/index.html`, 'local engine');
    },
  },
  {
    name: 'a node run (Ctrl+Alt+Enter) starts the session and prints its value',
    async run({ wb }) {
      await runFile(wb, 'title.js');
      await wb.waitForOutput((t) => t.includes(`node says 42 ${TITLE}`), 180_000);
    },
  },
  {
    name: 'a TypeScript run has its types stripped and fills the page',
    async run({ wb }) {
      await runFile(wb, 'form.ts');
      await wb.waitForOutput((t) => /ts says 42\b[\s\S]*Ada/.test(t), 120_000);
    },
  },
  {
    name: 'a bash run has agent-browser on its PATH',
    async run({ wb }) {
      await runFile(wb, 'title.sh');
      await wb.waitForOutput((t) => new RegExp(`bash says 42\\n[^\\n]*${TITLE}`).test(t), 120_000);
    },
  },
  {
    name: 'a python run without Playwright for Python says so and offers Set up Python',
    async run({ wb, shots }) {
      await wb.runCommand('Notifications: Clear All Notifications');
      await runFile(wb, 'title.py');
      const toast = wb.page.locator('.notification-toast', { hasText: /python/i }).filter({ has: wb.page.locator('a', { hasText: 'Set up Python' }) });
      await toast.first().waitFor({ state: 'visible', timeout: 120_000 });
      await wb.page.screenshot({ path: join(shots, 'offers-set-up-python.png') });
      await wb.waitForOutput((t) => /Playwright for Python/.test(t), 30_000);
    },
  },
  {
    name: "Set up Python (the message's button) makes a venv in global storage with pip install playwright, and restarts the engine with it",
    async run(ctx) {
      const { wb } = ctx;
      await wb.page.locator('.notification-toast a', { hasText: 'Set up Python' }).first().click();
      // pip downloads Playwright for Python (no browser) from its index: allow minutes.
      const ended = (m: string): boolean => /Python is set up for the local engine|Firecrawl Interact \(log\)|Set up Python for the local engine" again/.test(m);
      const texts = await poll(() => wb.notificationTexts(), (t) => t.some(ended), 420_000, 'the end of Set up Python');
      const done = texts.find((m) => /Python is set up for the local engine/.test(m));
      assert.ok(done, `Set up Python did not succeed: ${texts.join(' | ')}`);
      const storage = join(ctx.userDataDir, 'User', 'globalStorage');
      assert.ok(done.includes(storage), `the environment is not in the extension's global storage (${storage}): ${done}`);
      const engine = await poll(async () => engineProcess(ctx), (p) => (p?.argv.indexOf('--python') ?? -1) >= 0, 60_000, 'the engine restarted with --python');
      const python = engine?.argv[(engine?.argv.indexOf('--python') ?? 0) + 1] ?? '';
      assert.ok(python.startsWith(storage) && existsSync(python), `the engine's python is ${python}`);
      // The restart keeps the backend (same URL), with no detour through the cloud.
      assert.ok(!texts.some((m) => /cloud|api\.firecrawl\.dev/.test(m)), texts.join(' | '));
      assert.match(await wb.statusItem('firecrawlInteract.backend').innerText(), /local engine/);
    },
  },
  {
    name: "the set-up message's Scrape it again makes a new job of the page (the restart ended the old job's session), and the python run works",
    async run({ wb }) {
      const jobs = (t: string): string[] => [...t.matchAll(/Scraped [\s\S]*?→ job\s*([0-9a-f-]{36})/g)].map((m) => m[1]);
      const before = jobs(await wb.outputText());
      await wb.page.locator('.notification-toast .monaco-button', { hasText: 'Scrape it again' }).first().click();
      await wb.waitForOutput((t) => jobs(t).some((j) => !before.includes(j)), 120_000);
      await wb.runCommand('Notifications: Clear All Notifications');
      await runFile(wb, 'title.py');
      await wb.waitForOutput((t) => t.includes(`python says 42 ${TITLE}`), 180_000);
    },
  },
  {
    name: "the live view (palette) shows the session's page",
    async run({ wb }) {
      await wb.runCommand('Firecrawl: Open live view');
      // The engine's viewer page (/live/<session>), framed in the panel's webview.
      const viewer = await poll(
        async () => wb.page.frames().find((f) => f.parentFrame() !== null && /^http:\/\/127\.0\.0\.1:\d+\/live\//.test(f.url())),
        (f) => f !== undefined,
        60_000,
        'the live view frame',
      );
      assert.ok(viewer);
      await poll(() => viewer.evaluate(canvasSummary).catch(() => 'unreadable'), (s) => s === 'painted', 90_000, 'the live view canvas');
    },
  },
  {
    name: 'Stop (status bar) ends the session; Stop local engine leaves no engine, browser or sandbox running',
    async run(ctx) {
      const { wb } = ctx;
      await wb.statusItem('firecrawlInteract.stop').click();
      await wb.answerDialog('Stop session');
      await poll(() => wb.notificationTexts(), (t) => t.some((m) => /stopped/i.test(m)), 60_000, 'the stop notification');
      await wb.statusItem('firecrawlInteract.cost').waitFor({ state: 'hidden', timeout: 30_000 });
      await wb.runCommand('Firecrawl: Stop local engine');
      const left = await poll(async () => engineTree(ctx), (ps) => ps.length === 0, 60_000, 'the engine and its children to exit');
      assert.deepEqual(left, []);
    },
  },
  {
    name: 'behind a proxy (http.proxy), with apiUrl on a name only the proxy resolves: Set API key, Scrape a URL… and a run go through it',
    async run(ctx) {
      const { wb, proxy, server } = ctx;
      const host = `engine.internal:${server.port}`;
      await writeSettings(ctx, { 'http.proxy': proxy.url, 'firecrawlInteract.apiUrl': `http://${host}` });
      await setApiKey(wb, host, server.apiKey);
      await scrape(wb, `${ctx.fixturesUrl}/index.html`, host);
      const before = proxy.tunnelled.length;
      await runFile(wb, 'proxied.js');
      await wb.waitForOutput((t) => t.includes(`through the proxy 42 ${TITLE}`), 180_000);
      assert.ok(proxy.log.some((e) => e.method === 'CONNECT' && e.target === host), `the proxy carried no tunnel to ${host}: ${JSON.stringify(proxy.log)}`);
      const run = proxy.tunnelled.slice(before);
      assert.ok(run.some((e) => e.method === 'POST' && e.target.startsWith(`${host}/v2/`)), `the proxy did not carry the run's requests: ${JSON.stringify(run)}`);
    },
  },
  {
    name: 'http.noProxy sends the same server, under a name this machine resolves, past the proxy: the proxy carries nothing',
    async run(ctx) {
      const { wb, proxy, server, directHost } = ctx;
      const host = `${directHost}:${server.port}`;
      await writeSettings(ctx, { 'firecrawlInteract.apiUrl': `http://${host}`, 'http.noProxy': [directHost] });
      const before = { log: proxy.log.length, tunnelled: proxy.tunnelled.length };
      await setApiKey(wb, host, server.apiKey);
      await scrape(wb, `${ctx.fixturesUrl}/index.html`, host);
      await runFile(wb, 'direct.js');
      await wb.waitForOutput((t) => t.includes(`past the proxy 42 ${TITLE}`), 180_000);
      // VS Code itself may use the proxy meanwhile (http.proxy is its setting too): only the server's port counts.
      const toServer = (e: { target: string }): boolean => e.target.includes(`:${server.port}`);
      assert.deepEqual({ log: proxy.log.slice(before.log).filter(toServer), tunnelled: proxy.tunnelled.slice(before.tunnelled).filter(toServer) }, { log: [], tunnelled: [] });
    },
  },
];

async function runFile(wb: Workbench, name: string): Promise<void> {
  await wb.openFile(name);
  await wb.editor().locator('.view-lines').click();
  await wb.page.keyboard.press('Control+Home');
  await wb.page.keyboard.press('Control+Alt+Enter');
}

async function scrape(wb: Workbench, url: string, backend: string): Promise<void> {
  await wb.runCommand('Firecrawl: Scrape a URL and use its job');
  await wb.answerInputBox('Scrape a URL', url);
  const status = wb.statusItem('firecrawlInteract.backend');
  await poll(() => status.innerText(), (t) => t.includes(backend) && t.includes(TITLE), 120_000, 'the new job in the status bar');
}

async function setApiKey(wb: Workbench, server: string, key: string): Promise<void> {
  // The settings file changed on disk: the backend follows once VS Code has read it.
  await poll(() => wb.statusItem('firecrawlInteract.backend').innerText(), (t) => t.includes(server), 60_000, `${server} as the backend`);
  await wb.runCommand('Firecrawl: Set API key');
  await wb.answerInputBox('Firecrawl: Set API key', key);
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
}

/**
 * Merges `values` into the user's settings and code-server's machine settings, then reloads the
 * window, as a person changing their proxy would: in a remote window (code-server) machine-scoped
 * settings such as apiUrl are read only from the machine's file, and the user's file (http.proxy)
 * is read again when the window loads.
 */
async function writeSettings(ctx: JourneyContext, values: Record<string, unknown>): Promise<void> {
  for (const scope of ['User', 'Machine']) {
    const file = join(ctx.userDataDir, scope, 'settings.json');
    mkdirSync(dirname(file), { recursive: true });
    const now = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as object) : {};
    writeFileSync(file, JSON.stringify({ ...now, ...values }, null, 2));
  }
  await ctx.wb.page.reload();
  await ctx.wb.waitReady();
}

function extensionHost(ctx: JourneyContext): ProcessInfo | undefined {
  return processesWithHome(ctx.home).find((p) => p.argv.some((a) => a.includes('extensionHost')));
}

function engineProcess(ctx: JourneyContext): ProcessInfo | undefined {
  return processesWithHome(ctx.home).find((p) => p.argv.some((a) => a.endsWith('/dist/engine.js')));
}

/** The engine and whatever it started (browsers, sandboxes, REPLs, agent-browser), by their command lines. */
function engineTree(ctx: JourneyContext): string[] {
  return processesWithHome(ctx.home)
    .filter((p) => p.argv.some((a) => /dist\/(engine|repl-worker)\.js$|chromium|bwrap|agent-browser|python-repl/.test(a)))
    .map((p) => `${p.pid} ${p.argv.join(' ').slice(0, 160)}`);
}
