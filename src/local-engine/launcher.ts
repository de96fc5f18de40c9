/**
 * Starts the local engine (`dist/engine.js`) as a child Node process and waits until it is
 * ready. Plain Node, no VS Code: the extension's Start/Stop local engine commands use it,
 * and it can be tested on its own.
 *
 * The engine gets a fresh random API key through the environment (never on the command
 * line, where `ps` would show it), a free loopback port (`--port 0`) and a data directory.
 * It announces readiness with exactly one stdout line `listening on http://<host>:<port>`.
 * Why it did not start reaches the user (the controller's notification), so it is in the display
 * language; the engine's own lines that follow it stay as the engine wrote them.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { formatNumber, l10n } from '../shared/l10n';

export interface EngineLaunchOptions {
  /** Absolute path of the bundled engine (`dist/engine.js`). */
  enginePath: string;
  /** Where the engine keeps jobs' replay contexts; created if missing. */
  dataDir: string;
  chromiumPath?: string;
  /** Interpreter for python runs (`--python`). */
  pythonPath?: string;
  /** bash for bash runs (`--bash`; Windows: Git for Windows' bash.exe). */
  bashPath?: string;
  /** The proxy its Chromium uses for pages (`--proxy-server`, `--proxy-bypass`; no credentials). */
  proxy?: { server: string; bypass: string };
  /** Sessions record Playwright traces (`--trace on`). */
  trace?: boolean;
  /** Extra environment (e.g. INTERACT_LLM_URL); the parent's environment is inherited. */
  env?: Record<string, string | undefined>;
  /** The port to listen on (a restart keeps its URL); default a free one. */
  port?: number;
  /** How long to wait for the "listening on" line. */
  readyTimeoutMs?: number;
  /** Every line the engine prints, for diagnostics. */
  onOutput?(line: string, stream: 'stdout' | 'stderr'): void;
}

export interface RunningEngine {
  readonly url: string;
  readonly apiKey: string;
  readonly pid: number | undefined;
  /** Resolves with the exit code (or signal name) when the process ends, for any reason. */
  readonly exited: Promise<number | string | null>;
  /** SIGTERM (the engine closes its browsers), then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const READY_RE = /^listening on (https?:\/\/\S+)\s*$/;
const STDERR_TAIL = 20;

export function newEngineKey(): string {
  // Web Crypto: node:crypto would be loaded at activation for an engine that may never start.
  return `fc-local-${Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url')}`;
}

export async function launchEngine(opts: EngineLaunchOptions): Promise<RunningEngine> {
  // Loaded here, not at activation (child_process brings net, dgram and stream with it).
  const { fork } = await import('node:child_process');
  mkdirSync(opts.dataDir, { recursive: true });
  const apiKey = newEngineKey();
  const args = ['--port', String(opts.port ?? 0), '--host', '127.0.0.1', '--data-dir', opts.dataDir];
  if (opts.chromiumPath) args.push('--chromium', opts.chromiumPath);
  if (opts.pythonPath) args.push('--python', opts.pythonPath);
  if (opts.bashPath) args.push('--bash', opts.bashPath);
  args.push('--trace', opts.trace === false ? 'off' : 'on');
  if (opts.proxy) args.push('--proxy-server', opts.proxy.server, ...(opts.proxy.bypass ? ['--proxy-bypass', opts.proxy.bypass] : []));

  const child = fork(opts.enginePath, args, {
    // The extension host may run with --inspect flags; the engine must not inherit them.
    execArgv: [],
    silent: true,
    // ELECTRON_RUN_AS_NODE makes a desktop VS Code's Electron binary behave as plain Node.
    env: { ...process.env, ...opts.env, FIRECRAWL_ENGINE_API_KEY: apiKey, ELECTRON_RUN_AS_NODE: '1' },
  });

  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? null));
    child.once('error', () => resolve(null));
  });

  return new Promise<RunningEngine>((resolve, reject) => {
    const stderrTail: string[] = [];
    let ready = false;
    const fail = (why: string) => {
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      const tail = stderrTail.length ? `\n${stderrTail.join('\n')}` : '';
      reject(new Error(`${why}${tail}`));
    };
    const timer = setTimeout(() => fail(l10n.t('The local engine did not report "listening on" within {0} s.', formatNumber(Math.round((opts.readyTimeoutMs ?? 60_000) / 1000)))), opts.readyTimeoutMs ?? 60_000);

    eachLine(child, 'stderr', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL) stderrTail.shift();
      opts.onOutput?.(line, 'stderr');
    });
    eachLine(child, 'stdout', (line) => {
      opts.onOutput?.(line, 'stdout');
      const m = READY_RE.exec(line);
      if (!m || ready) return;
      ready = true;
      clearTimeout(timer);
      resolve({ url: m[1].replace(/\/+$/, ''), apiKey, pid: child.pid, exited, stop: (graceMs) => stopChild(child, exited, graceMs) });
    });
    child.once('error', (err) => fail(l10n.t('The local engine could not be started: {0}', err.message)));
    void exited.then((code) => fail(l10n.t('The local engine exited before it was ready (exit {0}).', String(code))));
  });
}

function eachLine(child: ChildProcess, stream: 'stdout' | 'stderr', onLine: (line: string) => void): void {
  let buffered = '';
  child[stream]?.setEncoding('utf8');
  child[stream]?.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl).replace(/\r$/, ''));
      buffered = buffered.slice(nl + 1);
    }
  });
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, graceMs);
  });
  await Promise.race([exited, forced]);
  clearTimeout(timer);
  await exited;
}
