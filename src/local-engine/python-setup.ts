/**
 * "Set up Python": a virtual environment in the extension's global storage, made with the
 * user's Python (3.9+), with Playwright for Python installed by pip (the package only: the
 * engine connects it to its own Chromium over CDP, so no browser is downloaded). Plain Node,
 * no VS Code: the command (commands/python-setup.ts) gives it a process runner, a progress
 * callback and the log, and unit tests give it fakes. Every failure is one clear message and
 * leaves no half-made environment behind.
 */
import { join } from 'node:path';
import { l10n } from '../shared/l10n';

/** What running a program gave: its exit code (null when it could not start), all output. */
export interface ProcessOutcome {
  code: number | null;
  /** stdout and stderr interleaved, as the log shows them. */
  output: string;
  /** Why it could not start (ENOENT: no such program). */
  startError?: string;
}

export interface PythonSetupPorts {
  platform: NodeJS.Platform;
  /** Runs a program to its end; each output line also goes to `onLine` as it comes. */
  run(command: string, args: string[], opts: { env?: Record<string, string>; onLine?: (line: string) => void }): Promise<ProcessOutcome>;
  exists(path: string): boolean;
  /** Removes a folder and everything in it (no error when it is missing). */
  remove(path: string): Promise<void>;
  progress(message: string): void;
  log(line: string): void;
}

export interface PythonSetupOptions {
  /** Where the environment goes (a folder of the extension's global storage). */
  venvDir: string;
  /** `localEngine.pythonPath` when set: the interpreter to make the environment with. */
  pythonPath?: string;
  /** Extra environment for pip: the proxy VS Code's settings name (HTTPS_PROXY, …). */
  pipEnv?: Record<string, string>;
}

export type PythonSetupResult = { ok: true; python: string } | { ok: false; message: string };

const MIN = [3, 9] as const;

/** The environment's interpreter (what the engine gets as --python). */
export function venvPython(venvDir: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? join(venvDir, 'Scripts', 'python.exe') : join(venvDir, 'bin', 'python');
}

/** Interpreters tried in order when localEngine.pythonPath is not set. */
function candidates(platform: NodeJS.Platform): { command: string; args: string[] }[] {
  return platform === 'win32'
    ? [{ command: 'py', args: ['-3'] }, { command: 'python', args: [] }, { command: 'python3', args: [] }]
    : [{ command: 'python3', args: [] }, { command: 'python', args: [] }];
}

const VERSION_CODE = 'import sys; print("%d.%d.%d" % sys.version_info[:3])';
/** pip's words when it never reached its index (no network, a proxy, DNS, TLS). */
const UNREACHABLE = /NewConnectionError|Failed to establish a new connection|Max retries exceeded|ProxyError|Temporary failure in name resolution|Name or service not known|getaddrinfo failed|Network is unreachable|Connection refused|SSLError|CERTIFICATE_VERIFY_FAILED|ConnectTimeoutError|Read timed out|No matching distribution found for playwright/;

export async function setUpPython(opts: PythonSetupOptions, ports: PythonSetupPorts): Promise<PythonSetupResult> {
  ports.progress(l10n.t('Looking for Python 3.9 or later…'));
  const found = await findPython(opts, ports);
  if ('message' in found) return { ok: false, message: found.message };
  const { command, args, version } = found;
  ports.log(`using ${[command, ...args].join(' ')} (Python ${version}) to make ${opts.venvDir}`);

  // An environment left from an earlier attempt (or another Python) is made anew.
  await ports.remove(opts.venvDir);
  const fail = async (message: string): Promise<PythonSetupResult> => {
    ports.log(`failed: ${message}`);
    await ports.remove(opts.venvDir);
    return { ok: false, message };
  };

  ports.progress(l10n.t('Making a virtual environment…'));
  const venv = await ports.run(command, [...args, '-m', 'venv', opts.venvDir], { onLine: ports.log });
  if (venv.code !== 0) {
    if (/No module named venv|ensurepip is not available|python3(\.\d+)?-venv/.test(venv.output)) {
      return fail(
        l10n.t('Python {0} ({1}) has no working venv module, so no virtual environment can be made. On Debian or Ubuntu install the package python3-venv (sudo apt install python3-venv); elsewhere install Python from python.org. Then run "Firecrawl: Set up Python for the local engine" again.', version, command),
      );
    }
    return fail(l10n.t('Making the virtual environment with {0} failed (exit {1}): {2}. See "Firecrawl Interact (log)" for its output.', command, String(venv.code), lastLine(venv.output)));
  }
  const python = venvPython(opts.venvDir, ports.platform);
  if (!ports.exists(python)) return fail(l10n.t('The virtual environment made by {0} has no {1}. See "Firecrawl Interact (log)".', command, python));

  ports.progress(l10n.t('Installing Playwright for Python with pip (no browser download)…'));
  const pip = await ports.run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', 'playwright'], {
    env: { ...opts.pipEnv, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PIP_NO_INPUT: '1' },
    onLine: ports.log,
  });
  if (pip.code !== 0) {
    if (UNREACHABLE.test(pip.output)) {
      return fail(
        l10n.t('pip could not reach its package index to download Playwright for Python: {0}. Check the network; behind a proxy set http.proxy in VS Code\'s settings (pip gets it), or pip\'s own index in pip.conf. Then run "Firecrawl: Set up Python for the local engine" again.', lastLine(pip.output)),
      );
    }
    return fail(l10n.t('pip install playwright failed (exit {0}): {1}. See "Firecrawl Interact (log)" for pip\'s output.', String(pip.code), lastLine(pip.output)));
  }

  ports.progress(l10n.t('Checking that Playwright for Python imports…'));
  const check = await ports.run(python, ['-c', 'import playwright.async_api'], { onLine: ports.log });
  if (check.code !== 0) return fail(l10n.t('Playwright for Python was installed but does not import: {0}. See "Firecrawl Interact (log)".', lastLine(check.output)));
  ports.log(`Python for the local engine: ${python}`);
  return { ok: true, python };
}

async function findPython(opts: PythonSetupOptions, ports: PythonSetupPorts): Promise<{ command: string; args: string[]; version: string } | { message: string }> {
  const tried = opts.pythonPath ? [{ command: opts.pythonPath, args: [] }] : candidates(ports.platform);
  let tooOld: { command: string; version: string } | undefined;
  for (const c of tried) {
    const asked = await ports.run(c.command, [...c.args, '-c', VERSION_CODE], {});
    const version = asked.code === 0 ? /^(\d+)\.(\d+)\.(\d+)\s*$/m.exec(asked.output) : null;
    if (!version) {
      ports.log(`${c.command}: ${asked.startError ?? `not a usable Python (exit ${String(asked.code)}${asked.output.trim() ? `: ${lastLine(asked.output)}` : ''})`}`);
      continue;
    }
    const [major, minor] = [Number(version[1]), Number(version[2])];
    if (major > MIN[0] || (major === MIN[0] && minor >= MIN[1])) return { ...c, version: version[0].trim() };
    tooOld = { command: c.command, version: version[0].trim() };
    ports.log(`${c.command} is Python ${tooOld.version}: too old`);
  }
  const where = opts.pythonPath ? `firecrawlInteract.localEngine.pythonPath (${opts.pythonPath})` : tried.map((c) => c.command).join(', ');
  if (tooOld) return { message: l10n.t('Python runs need Python 3.9 or later; {0} is Python {1}. Install a newer Python (python.org, or your system\'s packages) and set firecrawlInteract.localEngine.pythonPath to it if it is not on PATH, then run "Firecrawl: Set up Python for the local engine" again.', tooOld.command, tooOld.version) };
  return { message: l10n.t('No Python found (tried {0}). Install Python 3.9 or later (python.org, or your system\'s packages) and set firecrawlInteract.localEngine.pythonPath to it if it is not on PATH, then run "Firecrawl: Set up Python for the local engine" again.', where) };
}

function lastLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const error = [...lines].reverse().find((l) => /error/i.test(l));
  return (error ?? lines[lines.length - 1] ?? 'no output').slice(0, 300);
}
