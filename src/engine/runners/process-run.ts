/**
 * Runs one command to completion with a timeout; on timeout, or when `signal` aborts (the
 * session ended), the whole process group is killed.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { RunResult } from './types';

const MAX_OUTPUT = 5 * 1024 * 1024;

export interface ProcessRunOptions {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  stdin?: string;
  timeoutMs: number;
  /** Aborted when the run's session ends: the run must not outlive it (or the engine). */
  signal: AbortSignal;
}

export function runProcess(opts: ProcessRunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    // detached: its own process group, so a timeout also kills what the command started.
    const proc = spawn(opts.command, opts.args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let stopped = false;
    const append = (which: 'out' | 'err') => (d: Buffer) => {
      if (which === 'out' && stdout.length < MAX_OUTPUT) stdout += d.toString();
      if (which === 'err' && stderr.length < MAX_OUTPUT) stderr += d.toString();
    };
    proc.stdout.on('data', append('out'));
    proc.stderr.on('data', append('err'));
    proc.stdin.on('error', () => undefined);
    proc.stdin.end(opts.stdin ?? '');
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
    const settle = (): void => {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', stop);
    };
    proc.once('error', (err) => {
      settle();
      resolve({ stdout, stderr: `${stderr}Could not start ${opts.command}: ${err.message}\n`, exitCode: 127, killed: false });
    });
    proc.once('close', (code, signal) => {
      settle();
      if (stopped) stderr += 'Stopped: the browser session ended.\n';
      if (killed) {
        stderr += `Execution timed out after ${Math.round(opts.timeoutMs / 1000)} s and was killed.\n`;
        return resolve({ stdout, stderr, exitCode: 124, killed: true });
      }
      // Killed by a signal: the shell's convention, 128 + the signal's number.
      resolve({ stdout, stderr, exitCode: code ?? (signal ? 128 + constants.signals[signal] : 1), killed: false });
    });
  });
}
