/**
 * Bash runs, as in the cloud sandbox: `agent-browser` (npm package, native binary) is on PATH
 * and already pointed at this session's browser through its environment variables; each
 * session gets its own agent-browser daemon, stopped with the session.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import type { BashFound } from './bash-path';
import { runProcess } from './process-run';
import { SANDBOX_BIN, type Sandbox } from './sandbox';
import type { Runner, RunRequest, RunResult } from './types';

/**
 * A folder holding `agent-browser`, for PATH. The package ships one native binary per platform
 * (`bin/agent-browser-<os>-<arch>`); npm's `.bin` link is not there when the engine runs from the
 * VSIX, so the engine links the binary for this machine into `<dataDir>/bin` itself (once).
 */
function agentBrowserBinDir(dataDir: string): string | undefined {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('agent-browser/package.json'));
  } catch {
    return undefined;
  }
  const native = join(pkgDir, 'bin', `agent-browser-${nativeTarget()}`);
  if (!existsSync(native)) return undefined;
  const bin = join(dataDir, 'bin');
  // Git for Windows' bash finds `agent-browser` as agent-browser.exe.
  const link = join(bin, platform() === 'win32' ? 'agent-browser.exe' : 'agent-browser');
  // A link from an earlier install (another extension version, a moved checkout) is replaced.
  if (linkTarget(link) !== native) {
    mkdirSync(bin, { recursive: true });
    rmSync(link, { force: true });
    try {
      symlinkSync(native, link);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Windows allows links only to administrators or in developer mode: a copy does as well.
      if (code === 'EPERM' && platform() === 'win32') copyFileSync(native, link);
      // Another session linked it at the same moment.
      else if (code !== 'EEXIST') return undefined;
    }
  }
  return bin;
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

function nativeTarget(): string {
  const cpu = arch() === 'arm64' ? 'arm64' : 'x64';
  const musl = platform() === 'linux' && (existsSync('/lib/ld-musl-x86_64.so.1') || existsSync('/lib/ld-musl-aarch64.so.1'));
  return `${musl ? 'linux-musl' : platform()}-${cpu}${platform() === 'win32' ? '.exe' : ''}`;
}

export interface BashRunnerOptions {
  /** The engine's data dir: agent-browser's sockets and its installed binary live there. */
  dataDir: string;
  sessionId: string;
  /** The session browser's DevTools endpoint (agent-browser's CDP_URL). */
  wsEndpoint: string;
  /** The session's agent-browser daemon quits after this long without a command. */
  idleMs: number;
  /** Aborted when the session ends: a running bash run stops. */
  ended: AbortSignal;
  sandbox: Sandbox | undefined;
  /** The bash to run, or why there is none. */
  bash: BashFound;
}

export class BashRunner implements Runner {
  private readonly socketDir: string;
  private readonly binDir: string | undefined;
  private readonly sessionId: string;
  private readonly wsEndpoint: string;
  private readonly idleMs: number;
  private readonly ended: AbortSignal;
  private readonly sandbox: Sandbox | undefined;
  private readonly bash: BashFound;

  constructor(opts: BashRunnerOptions) {
    this.sessionId = opts.sessionId;
    this.wsEndpoint = opts.wsEndpoint;
    this.idleMs = opts.idleMs;
    this.ended = opts.ended;
    this.sandbox = opts.sandbox;
    this.bash = opts.bash;
    this.socketDir = join(opts.dataDir, 'agent-browser');
    mkdirSync(this.socketDir, { recursive: true });
    this.binDir = agentBrowserBinDir(opts.dataDir);
  }

  run({ code, timeoutMs }: RunRequest): Promise<RunResult> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CDP_URL: this.wsEndpoint,
      AGENT_BROWSER_CDP: this.wsEndpoint,
      AGENT_BROWSER_SESSION: this.sessionId,
      // If the engine dies without stopping it, the daemon still goes away on its own.
      AGENT_BROWSER_IDLE_TIMEOUT_MS: String(this.idleMs),
    };
    const bin = this.binDir;
    if ('problem' in this.bash) return Promise.resolve({ stdout: '', stderr: `${this.bash.problem}\n`, exitCode: 127, killed: false });
    if (!this.sandbox) {
      env.PATH = bin ? `${bin}${delimiter}${process.env.PATH ?? ''}` : process.env.PATH;
      env.AGENT_BROWSER_SOCKET_DIR = this.socketDir;
      return runProcess({ command: this.bash.path, args: ['-c', code], env, timeoutMs, signal: this.ended });
    }
    // In the sandbox the data dir is hidden: the binary is mounted on its own, and the daemon
    // keeps its socket in the sandbox's /tmp (it ends with the run, like everything started in it).
    env.PATH = `${SANDBOX_BIN}:${process.env.PATH ?? ''}`;
    env.AGENT_BROWSER_SOCKET_DIR = '/tmp/agent-browser';
    const mounts = bin ? [{ from: realpathSync(join(bin, 'agent-browser')), to: `${SANDBOX_BIN}/agent-browser` }] : [];
    return runProcess({ command: this.bash.path, args: ['-c', code], env, timeoutMs, signal: this.ended, sandbox: this.sandbox, mounts });
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
