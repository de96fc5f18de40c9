/**
 * Starts the real local engine (dist/engine.js, built by scripts/build.mjs) on a free port with a
 * fresh key and data dir, for tests that talk to it over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EngineHandle {
  url: string;
  /** The key passed with --api-key ('' when started with `apiKey: null`). */
  apiKey: string;
  proc: ChildProcess;
  /** The data dir the engine was started with (removed by stop()). */
  dataDir: string;
  /** Everything the engine printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartEngineOptions {
  args?: string[];
  env?: Record<string, string>;
  /** Reuse a data dir (e.g. to test that jobs survive a restart); it is then not removed. */
  dataDir?: string;
  /** null: start without --api-key (the engine takes its key from the environment or data dir). */
  apiKey?: null;
  /** Options for Node itself, before the script (e.g. --inspect for the soak's heap figures). */
  nodeArgs?: string[];
  /** Shell commands run before the engine starts in that shell (e.g. `ulimit -n 256`). */
  shellPrefix?: string;
  /** Runs the engine as this user and group id (its data dir is given to it); needs root. */
  uid?: number;
  /**
   * Keep a browser and a Node worker started ahead, as the engine does by default. Off unless
   * asked (--spares off): most tests do not time session starts, and the spare an engine still
   * holds when a test file ends is CPU for nothing (about 1 s on the test machine, per engine).
   */
  spares?: boolean;
}

const ROOT = join(__dirname, '..', '..');

/**
 * The full Chromium (Debian's chromium package). Without --chromium the engine finds the headless
 * shell (chromium-headless-shell) first; the files that pass this keep the full browser's path,
 * the one most users' Chrome takes, under test.
 */
export const FULL_CHROMIUM = process.env.FIRECRAWL_TEST_FULL_CHROMIUM ?? '/usr/bin/chromium';

export function startEngine(opts: StartEngineOptions = {}): Promise<EngineHandle> {
  const apiKey = opts.apiKey === null ? '' : randomBytes(16).toString('hex');
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'interact-engine-'));
  const keyArgs = apiKey ? ['--api-key', apiKey] : [];
  const spareArgs = opts.spares || opts.args?.includes('--spares') ? [] : ['--spares', 'off'];
  const args = [...(opts.nodeArgs ?? []), join(ROOT, 'dist', 'engine.js'), '--port', '0', '--host', '127.0.0.1', ...keyArgs, '--data-dir', dataDir, ...spareArgs, ...(opts.args ?? [])];
  if (opts.uid !== undefined) chownSync(dataDir, opts.uid, opts.uid);
  const user = opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.uid };
  const env = { ...process.env, ...(opts.uid === undefined ? {} : { HOME: dataDir }), ...opts.env };
  const [command, commandArgs] = opts.shellPrefix ? ['sh', ['-c', `${opts.shellPrefix}; exec "$@"`, 'sh', process.execPath, ...args]] : [process.execPath, args];
  const proc = spawn(command, commandArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], ...user });
  let log = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`engine did not start within 60 s; output:\n${log}`));
    }, 60_000);
    proc.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      if (process.env.ENGINE_DEBUG) process.stderr.write(d);
    });
    proc.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
      if (process.env.ENGINE_DEBUG) process.stderr.write(d);
      const m = /listening on (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], apiKey, proc, dataDir, output: () => log, stop });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code} before listening; output:\n${log}`));
    });
  });
}
