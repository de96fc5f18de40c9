/**
 * Firecrawl: Set up Python for the local engine. Makes the virtual environment with Playwright
 * for Python (local-engine/python-setup.ts) under a notification's progress, pip's output in
 * the log, then restarts a running engine so python runs use it (the controller passes the
 * environment's interpreter as --python whenever it exists).
 */
import { routeFor } from '../api/proxy';
import { CMD } from '../ids';
import { readProxySettings } from '../host/proxy-settings';
import { setUpPython, type ProcessOutcome, type PythonSetupPorts } from '../local-engine/python-setup';
import type { Services } from '../wiring/services';
import { l10n } from '../shared/l10n';

/** Output kept per program (pip can print a lot): the tail is what a message quotes. */
const OUTPUT_TAIL = 64 * 1024;

let running: Promise<void> | undefined;

export function setupPython(svc: Services): Promise<void> {
  running ??= run(svc).finally(() => {
    running = undefined;
  });
  return running;
}

async function run(svc: Services): Promise<void> {
  const { vscode, notifier, engine } = svc;
  const log = svc.log.for('python-setup');
  const { spawn } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const { rm } = await import('node:fs/promises');
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Firecrawl: setting up Python for the local engine') }, (progress) => {
    const ports: PythonSetupPorts = {
      platform: process.platform,
      run: (command, args, opts) => runProgram(spawn, command, args, opts),
      exists: existsSync,
      remove: (path) => rm(path, { recursive: true, force: true }),
      progress: (message) => progress.report({ message }),
      log: (line) => log.info(line),
    };
    return setUpPython({ venvDir: engine.pythonVenvDir, pythonPath: svc.settings.pythonPath.get(), pipEnv: pipProxyEnv(svc) }, ports);
  });
  if (!result.ok) {
    notifier.error(result.message, { label: l10n.t('Open settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', svc.settings.pythonPath.id) });
    return;
  }
  const url = engine.snapshot().url;
  if (!url) {
    notifier.info(l10n.t('Python is set up for the local engine (Playwright for Python in {0}). Start the local engine to use it. Python runs work now.', engine.pythonVenvDir));
    return;
  }
  log.info('restarting the local engine so python runs use the new environment');
  await engine.restart();
  // The restart ended the job's session, and a job's session cannot start again: a new scrape of its page can.
  const job = svc.jobs.current(url);
  const again = job?.url ? [{ label: l10n.t('Scrape it again'), run: () => vscode.commands.executeCommand(CMD.scrapeUrl, { replacing: job.jobId, apiUrl: url }) }] : [];
  notifier.info(l10n.t('Python is set up for the local engine (Playwright for Python in {0}). The engine was restarted with it, which ended its sessions: scrape the page again for a new job, then python runs work.', engine.pythonVenvDir), ...again);
}

/** VS Code's proxy (http.proxy, else the environment's) for pip, which reads HTTPS_PROXY. */
function pipProxyEnv(svc: Services): Record<string, string> {
  const route = routeFor('https://pypi.org/simple/', readProxySettings(svc.vscode), process.env);
  if (route.kind !== 'proxy') return {};
  return { HTTPS_PROXY: route.uri, HTTP_PROXY: route.uri };
}

function runProgram(spawn: typeof import('node:child_process').spawn, command: string, args: string[], opts: { env?: Record<string, string>; onLine?: (line: string) => void }): Promise<ProcessOutcome> {
  return new Promise((done) => {
    let output = '';
    let partial = '';
    const child = spawn(command, args, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const take = (chunk: Buffer): void => {
      const text = chunk.toString();
      output = (output + text).slice(-OUTPUT_TAIL);
      partial += text;
      const lines = partial.split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) opts.onLine?.(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', (err) => done({ code: null, output, startError: err.message }));
    child.once('close', (code) => {
      if (partial.trim()) opts.onLine?.(partial);
      done({ code, output });
    });
  });
}
