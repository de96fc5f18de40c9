/**
 * Runs one command to completion with a timeout; on timeout, or when `signal` aborts (the
 * session ended), the whole process group is killed.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { resourceShortage } from '../http/errors';
import { cpuLimitNote, SIGXCPU_EXIT } from './limits';
import { CappedText } from './output-cap';
import type { Sandbox } from './sandbox';
import type { RunResult } from './types';


export interface ProcessRunOptions {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  stdin?: string;
  timeoutMs: number;
  /** Aborted when the run's session ends: the run must not outlive it (or the engine). */
  signal: AbortSignal;
  /** Runs the command in a fresh sandbox (ended, with all it started, when the command ends). */
  sandbox?: Sandbox;
  /** Files or folders mounted read-only into the sandbox. */
  mounts?: { from: string; to: string }[];
}

/** Rejects (only) with a 503 HttpError when the machine is out of descriptors or processes. */
export function runProcess(opts: ProcessRunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const { command, args } = opts.sandbox ? opts.sandbox.wrap(opts.command, opts.args, opts.mounts, { memory: true, cpu: true }) : opts;
    // detached: its own process group, so a timeout also kills what the command started (without
    // a sandbox, only what stayed in the group; in one, killing bwrap ends the whole sandbox).
    const proc = spawn(command, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout = new CappedText('stdout');
    const stderr = new CappedText('stderr');
    let killed = false;
    let stopped = false;
    // A decoder per stream: a UTF-8 character split across two chunks stays one character.
    const collect = (text: CappedText) => {
      const decoder = new StringDecoder('utf8');
      return (d: Buffer) => text.append(decoder.write(d));
    };
    // A spawn that fails for want of descriptors has no streams at all.
    proc.stdout?.on('data', collect(stdout));
    proc.stderr?.on('data', collect(stderr));
    for (const stream of [proc.stdin, proc.stdout, proc.stderr]) stream?.on('error', () => undefined);
    proc.stdin?.end(opts.stdin ?? '');
    const killGroup = (): void => {
      try {
        process.kill(-(proc.pid as number), 'SIGKILL');
      } catch {
        proc.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      killed = true;
      killGroup();
    }, opts.timeoutMs);
    const stop = (): void => {
      stopped = true;
      killGroup();
    };
    opts.signal.addEventListener('abort', stop, { once: true });
    if (opts.signal.aborted) stop();
    const result = (exitCode: number, timedOut: boolean): RunResult => ({
      stdout: String(stdout),
      stderr: String(stderr),
      exitCode,
      killed: timedOut,
      truncated: stdout.truncated || stderr.truncated,
    });
    const settle = (): void => {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', stop);
    };
    proc.on('error', (err) => {
      settle();
      const shortage = resourceShortage(err);
      if (shortage) return reject(shortage);
      stderr.append(`Could not start ${opts.command}: ${err.message}\n`);
      resolve(result(127, false));
    });
    proc.once('close', (code, signal) => {
      settle();
      if (stopped) stderr.append('Stopped: the browser session ended.\n');
      if (killed) {
        stderr.append(`Execution timed out after ${Math.round(opts.timeoutMs / 1000)} s and was killed.\n`);
        return resolve(result(124, true));
      }
      // Killed by a signal: the shell's convention, 128 + the signal's number.
      const exitCode = code ?? (signal ? 128 + constants.signals[signal] : 1);
      if (opts.sandbox && exitCode === SIGXCPU_EXIT) stderr.append(`${cpuLimitNote(opts.sandbox.limits.cpuSeconds)}\n`);
      resolve(result(exitCode, false));
    });
  });
}
