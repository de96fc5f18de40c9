/**
 * Bash runs, as in the cloud sandbox: `agent-browser` (npm package, native binary) is on PATH
 * and already pointed at this session's browser through its environment variables; each
 * session gets its own agent-browser daemon, stopped with the session.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runProcess } from './process-run';
import type { RunRequest, RunResult } from './types';

function agentBrowserBinDir(): string | undefined {
  try {
    const pkg = require.resolve('agent-browser/package.json');
    const bin = join(dirname(dirname(pkg)), '.bin');
    return existsSync(join(bin, 'agent-browser')) ? bin : undefined;
  } catch {
    return undefined;
  }
}

export class BashRunner {
  private readonly socketDir: string;

  constructor(
    dataDir: string,
    private readonly sessionId: string,
    private readonly wsEndpoint: string,
    private readonly idleMs: number,
    private readonly ended: AbortSignal,
  ) {
    this.socketDir = join(dataDir, 'agent-browser');
    mkdirSync(this.socketDir, { recursive: true });
  }

  run({ code, timeoutMs }: RunRequest): Promise<RunResult> {
    const bin = agentBrowserBinDir();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: bin ? `${bin}:${process.env.PATH ?? ''}` : process.env.PATH,
      CDP_URL: this.wsEndpoint,
      AGENT_BROWSER_CDP: this.wsEndpoint,
      AGENT_BROWSER_SESSION: this.sessionId,
      AGENT_BROWSER_SOCKET_DIR: this.socketDir,
      // If the engine dies without stopping it, the daemon still goes away on its own.
      AGENT_BROWSER_IDLE_TIMEOUT_MS: String(this.idleMs),
    };
    return runProcess({ command: 'bash', args: ['-c', code], env, timeoutMs, signal: this.ended });
  }

  /** Stops this session's agent-browser daemon, if one was started. */
  close(): void {
    try {
      const pid = Number(readFileSync(join(this.socketDir, `${this.sessionId}.pid`), 'utf8').trim());
      if (pid > 0) process.kill(pid, 'SIGTERM');
    } catch {
      // No daemon was started for this session.
    }
  }
}
