/**
 * Python runs: one persistent REPL process per session (python-repl.py), started on the first
 * python run, with Playwright's async API connected over CDP to the session's browser. At a
 * run's timeout the run is cancelled (a message to the REPL) and it keeps its variables; only code that
 * does not give control back within a grace period gets the REPL killed, and the answer says
 * the REPL restarted. When Python Playwright is not importable, each run says what to install
 * (and tries again: installing it needs no engine restart). With a sandbox the REPL runs in one
 * (its interpreter mounted read-only), ended with the REPL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { resourceShortage } from '../http/errors';
import { FrameError, JsonLineReader } from './frames';
import { cpuLimitNote, SIGXCPU_EXIT } from './limits';
import { capResult, CappedText } from './output-cap';
import type { Sandbox } from './sandbox';
import type { Runner, RunRequest, RunResult } from './types';

const DRIVER = join(__dirname, 'python-repl.py');
const START_TIMEOUT_MS = 30_000;
/** How long cancelled code has to give control back before its REPL is killed. */
const CANCEL_GRACE_MS = 3_000;

/** The interpreter used without --python: the setup's virtual environment, else python3. */
export function defaultPython(): string {
  const venv = resolve(__dirname, '..', '.cache', 'py', 'bin', 'python3');
  return existsSync(venv) ? venv : 'python3';
}

/**
 * How a sandbox starts an interpreter: by a path that exists inside it, and with what it must
 * show of it read-only: the executable itself (which may be a wrapper script in a hidden folder)
 * and its installation and environment (sys.prefix and sys.base_prefix: a virtual environment,
 * a pyenv version under a hidden home). Folders are taken at their real paths: bwrap cannot make
 * a mount point through a symbolic link (a venv reached through a linked folder), and a link in
 * a hidden folder would not exist inside. The executable keeps its own name, since a venv's
 * bin/python3 is itself a link that Python reads to find its environment.
 */
function sandboxedInterpreter(python: string): { exe: string; mounts: { from: string; to: string }[] } {
  const found = isAbsolute(python) ? python : (process.env.PATH ?? '').split(delimiter).map((d) => join(d, python)).find((p) => existsSync(p));
  if (!found) return { exe: python, mounts: [] };
  const exe = join(realpathSync(dirname(found)), basename(found));
  const asked = spawnSync(exe, ['-c', 'import sys; print(sys.prefix); print(sys.base_prefix)'], { encoding: 'utf8', timeout: 10_000 });
  const prefixes = asked.status === 0 ? asked.stdout.split('\n').filter((p) => isAbsolute(p) && existsSync(p)) : [];
  // A link cannot be a mount point; its target lies in a prefix anyway.
  const own = lstatSync(exe).isSymbolicLink() ? [] : [exe];
  const real = [...new Set([...own, ...prefixes.map((p) => realpathSync(p))])].filter((p) => p !== '/');
  return { exe, mounts: real.map((p) => ({ from: p, to: p })) };
}

type FromRepl =
  | { type: 'ready' }
  | { type: 'missing'; message: string }
  | { type: 'connect-error'; message: string }
  /** `skipped_*`: characters past the run's cap that the REPL did not send (see python-repl.py). */
  | { type: 'output'; stdout?: string; stderr?: string; skipped_stdout?: number; skipped_stderr?: number }
  | { type: 'done'; id: number; exitCode: number; result?: string; result_skipped?: number; cancelled?: boolean };

/** One REPL process and its message stream. */
class ReplProcess {
  readonly proc: ChildProcess;
  /** Resolves with undefined when ready, or with the reason it cannot run code. */
  readonly started: Promise<string | undefined>;
  private readonly listeners = new Set<(m: FromRepl) => void>();
  private stderrTail = '';
  /** Why the engine stopped this REPL itself: its channel carried what is not a message. */
  broken: string | undefined;
  /** The spawn's own failure (EMFILE, ENOENT), if it failed. */
  spawnError: Error | undefined;

  constructor(python: string, wsEndpoint: string, sandbox: Sandbox | undefined) {
    const inside = sandbox ? sandboxedInterpreter(python) : undefined;
    const { command, args } = sandbox && inside ? sandbox.wrap(inside.exe, ['-u', DRIVER], inside.mounts, { memory: true }) : { command: python, args: ['-u', DRIVER] };
    const limits = sandbox ? { INTERACT_SANDBOXED: '1', INTERACT_RUN_CPU_SECONDS: String(sandbox.limits.cpuSeconds) } : {};
    // detached: its own process group, so a kill also ends whatever user code started (in a
    // sandbox, killing bwrap ends everything in it).
    this.proc = spawn(command, args, {
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...limits, CDP_URL: wsEndpoint, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
    });
    this.proc.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-2_000);
    });
    // User code can write to fd 3 too: what arrives there is parsed as untrusted, with a size cap.
    const channel = this.proc.stdio[3] as Readable | null;
    const reader = new JsonLineReader<FromRepl>();
    channel?.on('data', (chunk: Buffer) => {
      let messages: FromRepl[];
      try {
        messages = reader.push(chunk);
      } catch (err) {
        if (!(err instanceof FrameError)) throw err;
        channel.destroy();
        this.broken = `The Python REPL's channel to the engine (fd 3) carried ${err.message}: something in the run wrote to it, so the engine stopped the REPL. Variables defined in this session were lost; the browser and its pages are unchanged. Leave fd 3 alone.`;
        this.kill();
        return;
      }
      messages.forEach((msg) => this.listeners.forEach((l) => l(msg)));
    });
    for (const stream of [this.proc.stdin, this.proc.stderr, channel]) stream?.on('error', () => undefined);
    this.proc.on('error', (err) => {
      this.spawnError ??= err;
    });
    this.started = new Promise((done) => {
      const timer = setTimeout(() => finish(`the Python REPL did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
      const finish = (problem: string | undefined): void => {
        clearTimeout(timer);
        this.listeners.delete(onMsg);
        done(problem);
      };
      const onMsg = (m: FromRepl): void => {
        if (m.type === 'ready') finish(undefined);
        else if (m.type === 'missing') finish(`missing:${m.message}`);
        else if (m.type === 'connect-error') finish(`the Python REPL could not connect to the session's browser: ${m.message}`);
      };
      this.listeners.add(onMsg);
      this.proc.once('error', (err) => finish(`could not start ${python}: ${err.message}`));
      // 'close', not 'exit': the streams are read to their end first, so a last message is not lost.
      this.proc.once('close', (code, signal) => finish(this.broken ?? `the Python REPL exited during start (${signal ?? `code ${code}`})${this.stderrTail ? `: ${this.stderrTail.trim().split('\n').pop()}` : ''}`));
    });
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  listen(fn: (m: FromRepl) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  send(msg: { type: 'run'; id: number; code: string } | { type: 'cancel' }): void {
    this.proc.stdin?.write(`${JSON.stringify(msg)}\n`);
  }

  kill(): void {
    if (!this.alive || this.proc.pid === undefined) return;
    try {
      process.kill(-this.proc.pid, 'SIGKILL');
    } catch {
      this.proc.kill('SIGKILL');
    }
  }
}

export interface PythonRunnerOptions {
  /** The interpreter (--python, else python3 or python). */
  python: string;
  /** The session browser's DevTools endpoint, which the REPL connects Playwright to. */
  wsEndpoint: string;
  /** Aborted when the session ends: the REPL stops. */
  ended: AbortSignal;
  sandbox: Sandbox | undefined;
}

export class PythonRunner implements Runner {
  private repl: ReplProcess | undefined;
  private nextId = 1;
  private readonly python: string;
  private readonly wsEndpoint: string;
  private readonly ended: AbortSignal;
  private readonly sandbox: Sandbox | undefined;

  constructor(opts: PythonRunnerOptions) {
    this.python = opts.python;
    this.wsEndpoint = opts.wsEndpoint;
    this.ended = opts.ended;
    this.sandbox = opts.sandbox;
    opts.ended.addEventListener('abort', () => this.close(), { once: true });
  }

  async run({ code, timeoutMs }: RunRequest): Promise<RunResult> {
    if (!this.repl || !this.repl.alive) this.repl = new ReplProcess(this.python, this.wsEndpoint, this.sandbox);
    const repl = this.repl;
    // Starting the REPL is the engine's own cost: it has its own bound, not the run's timeout.
    const problem = await repl.started;
    if (problem) {
      repl.kill();
      this.repl = undefined;
      const shortage = resourceShortage(repl.spawnError);
      if (shortage) throw shortage;
      return { stdout: '', stderr: `${this.describe(problem)}\n`, exitCode: 1, killed: false };
    }
    const id = this.nextId++;
    const stdout = new CappedText('stdout');
    const stderr = new CappedText('stderr');
    const reply = (fields: { result?: string; resultSkipped?: number; exitCode: number; killed: boolean; note?: string }): RunResult => {
      if (fields.note) stderr.append(`${fields.note}\n`);
      const result = capResult(fields.result, fields.resultSkipped);
      return { stdout: String(stdout), stderr: String(stderr), result: result.result, exitCode: fields.exitCode, killed: fields.killed, truncated: stdout.truncated || stderr.truncated || result.truncated };
    };
    return new Promise<RunResult>((done) => {
      let timedOut = false;
      let grace: NodeJS.Timeout | undefined;
      const finish = (result: RunResult): void => {
        clearTimeout(timer);
        clearTimeout(grace);
        unlisten();
        repl.proc.off('close', onExit);
        done(result);
      };
      const timeoutNote = `Execution timed out after ${Math.round(timeoutMs / 1000)} s`;
      const unlisten = repl.listen((m) => {
        if (m.type === 'output') {
          stdout.append(m.stdout ?? '');
          stdout.skip(m.skipped_stdout ?? 0);
          stderr.append(m.stderr ?? '');
          stderr.skip(m.skipped_stderr ?? 0);
        } else if (m.type === 'done' && m.id === id) {
          if (m.cancelled) {
            const note = this.ended.aborted ? 'Stopped: the browser session ended.' : `${timeoutNote} and was stopped. Variables and imports of this session are kept.`;
            finish(reply({ exitCode: 124, killed: !this.ended.aborted, note }));
          } else {
            finish(reply({ result: m.result, resultSkipped: m.result_skipped, exitCode: m.exitCode, killed: false }));
          }
        }
      });
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        this.repl = undefined;
        if (timedOut) {
          const note = `${timeoutNote} and did not stop when cancelled, so the Python REPL was restarted: variables and imports defined in this session were lost; the browser and its pages are unchanged.`;
          finish(reply({ exitCode: 124, killed: true, note }));
        } else {
          finish(reply({ exitCode: code || 1, killed: false, note: repl.broken ?? this.exitNote(code, signal) }));
        }
      };
      repl.proc.once('close', onExit);
      const timer = setTimeout(() => {
        timedOut = true;
        repl.send({ type: 'cancel' });
        grace = setTimeout(() => repl.kill(), CANCEL_GRACE_MS);
      }, timeoutMs);
      repl.send({ type: 'run', id, code });
    });
  }

  close(): void {
    this.repl?.kill();
    this.repl = undefined;
  }

  /** What a REPL that exited during a run says (through bwrap a signal is the exit code 128 + its number). */
  private exitNote(code: number | null, signal: NodeJS.Signals | null): string {
    if (this.ended.aborted) return 'Stopped: the browser session ended.';
    if (this.sandbox && (signal === 'SIGXCPU' || code === SIGXCPU_EXIT)) {
      return `${cpuLimitNote(this.sandbox.limits.cpuSeconds)} Its Python REPL ended with it: variables defined in this session were lost; the browser and its pages are unchanged.`;
    }
    return `The Python REPL exited (${signal ?? `code ${code}`}); the next run starts a new one (variables defined so far are lost).`;
  }

  private describe(problem: string): string {
    if (!problem.startsWith('missing:')) return `Python runs cannot start: ${problem}.`;
    return (
      `Python runs need Playwright for Python, which ${this.python} cannot import (${problem.slice('missing:'.length)}). ` +
      `Install it with \`${this.python} -m pip install playwright\` (no browser download is needed: the engine connects to its own Chromium over CDP), ` +
      'or start the engine with --python <interpreter that has it>; then run the code again.'
    );
  }
}
