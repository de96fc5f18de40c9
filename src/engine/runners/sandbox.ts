/**
 * The sandbox every node, python and bash run, and every local Chromium, executes in
 * (bubblewrap, Debian's `bubblewrap` package). Inside, user code sees only its own processes
 * (a PID namespace: when the sandbox's first process ends, the kernel ends every process
 * started in it, so nothing outlives its run or worker, and the sandbox dies with the engine
 * through --die-with-parent), a private /tmp,
 * the host's system files read-only, the network, and nothing of the engine: no home
 * directories, no data dir, no /run, no other process's /proc (command line, environment).
 * Folders passed with --allow-path are mounted writable at the same path. A browser sees the
 * same, with --allow-path folders read-only and only its own profile folders writable.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_RUN_LIMITS, prlimitArgs, type LimitsFor, type RunLimits } from './limits';

export interface SandboxOptions {
  /** The engine's data dir (its key, jobs, agent-browser sockets): hidden. */
  dataDir: string;
  /** Folders the user allows runs to read and write (--allow-path). */
  allowPaths: string[];
  /** Resource limits of each sandbox (runners/limits.ts); defaults when absent. */
  limits?: RunLimits;
}

/** Where extra read-only tools (agent-browser) are mounted inside; /run itself is hidden. */
export const SANDBOX_BIN = '/run/interact/bin';

/** Folders hidden behind an empty tmpfs (those that exist on this machine). */
const HIDDEN = ['/home', '/root', '/run', '/tmp', '/var/tmp', '/mnt', '/media', '/srv'];

export class Sandbox {
  /** The view every run's sandbox starts from: system read-only, private folders hidden. */
  private readonly view: string[];
  /** The same for a browser: its /tmp and /dev/shm (Chromium's shared memory) not capped at --run-tmp-mb. */
  private readonly browserView: string[];
  /** Hides the data dir; comes after every other mount, so no --allow-path folder shows it again. */
  private readonly hideData: string[];
  /** Made read-only last, once every mount point inside them exists. */
  private readonly readOnlyAtEnd: string[];
  private readonly allowPaths: string[];
  readonly limits: RunLimits;

  constructor(
    private readonly bwrap: string,
    opts: SandboxOptions,
    /** util-linux prlimit, run inside the sandbox to set the run's rlimits. */
    private readonly prlimit: string,
  ) {
    this.limits = opts.limits ?? DEFAULT_RUN_LIMITS;
    const tmpBytes = String(this.limits.tmpMb * 1024 * 1024);
    // The engine's own files (bundle, node_modules) and Node itself may live in a hidden folder
    // (an extension under ~/.vscode, Node from nvm): mounted back read-only.
    const engineRoot = resolve(__dirname, '..');
    const nodeRoot = resolve(dirname(process.execPath), '..');
    const under = (path: string, dir: string): boolean => path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
    // The temp dir holds every session's browser profile: hidden wherever it is.
    const hidden = [...HIDDEN, homedir(), tmpdir()].filter((p, i, all) => existsSync(p) && all.indexOf(p) === i);
    const shown = [engineRoot, nodeRoot];
    // The data dir gets its own empty tmpfs unless it already lies in a hidden folder that
    // nothing mounts back (an empty mount point would otherwise show its name in /tmp).
    const dataDir = resolve(opts.dataDir);
    const dataHidden = hidden.some((h) => under(dataDir, h)) && !shown.some((p) => under(dataDir, p));
    const viewOf = (tmpSize: string[]): string[] => [
      '--unshare-all',
      '--share-net',
      '--die-with-parent',
      '--new-session',
      // An engine running as root would give the sandbox root's capabilities in its namespace,
      // enough to unmount the tmpfs that hides the data dir.
      '--cap-drop', 'ALL',
      '--ro-bind', '/', '/',
      '--dev', '/dev',
      ...tmpSize, '--tmpfs', '/dev/shm',
      '--proc', '/proc',
      ...hidden.flatMap((p) => (p === '/tmp' ? [...tmpSize, '--tmpfs', p] : ['--tmpfs', p])),
      ...shown.flatMap((p) => ['--ro-bind', p, p]),
    ];
    this.view = viewOf(['--size', tmpBytes]);
    this.browserView = viewOf([]);
    const dataTmpfs = !dataHidden || opts.allowPaths.some((p) => under(dataDir, p));
    this.hideData = dataTmpfs ? ['--tmpfs', dataDir] : [];
    this.allowPaths = opts.allowPaths;
    // Hidden folders stay empty and read-only: the only writable RAM is /tmp and /dev/shm (a run's each of a fixed size).
    this.readOnlyAtEnd = [...hidden.filter((p) => p !== '/tmp'), ...(dataTmpfs ? [dataDir] : [])].flatMap((p) => ['--remount-ro', p]);
  }

  /**
   * The command line that runs `command args` in a fresh sandbox, with `mounts` added (read-only),
   * under the process limit and the rlimits chosen in `limits`.
   */
  wrap(command: string, args: string[], mounts: { from: string; to: string }[] = [], limits: LimitsFor = {}): { command: string; args: string[] } {
    const base = [...this.view, ...this.allowPaths.flatMap((p) => ['--bind', p, p]), ...this.hideData, '--setenv', 'TMPDIR', '/tmp', '--setenv', 'HOME', '/tmp', '--chdir', '/tmp'];
    const mounted = mounts.flatMap((m) => ['--ro-bind', m.from, m.to]);
    return { command: this.bwrap, args: [...base, ...mounted, ...this.readOnlyAtEnd, '--', this.prlimit, ...prlimitArgs(this.limits, limits), '--', command, ...args] };
  }

  /**
   * The command line that runs a browser in a fresh sandbox: `writable` (its profile folders,
   * at the same paths) is all it may write, besides its private /tmp (TMPDIR and HOME). No
   * rlimits: Chromium reserves far more address space than it uses.
   */
  wrapBrowser(command: string, args: string[], writable: string[]): { command: string; args: string[] } {
    const mounts = [...this.allowPaths.flatMap((p) => ['--ro-bind', p, p]), ...this.hideData, ...writable.flatMap((p) => ['--bind', p, p])];
    return { command: this.bwrap, args: [...this.browserView, ...mounts, '--setenv', 'TMPDIR', '/tmp', '--setenv', 'HOME', '/tmp', '--chdir', '/tmp', ...this.readOnlyAtEnd, '--', command, ...args] };
  }
}

export type SandboxProbe = { sandbox: Sandbox } | { sandbox: undefined; reason: string };

/** Finds bwrap and checks that it can create the namespaces here (containers often forbid them). */
export function probeSandbox(opts: SandboxOptions): SandboxProbe {
  // bubblewrap is Linux's; macOS's sandbox-exec is deprecated and has no PID namespace to end a run's processes with it.
  if (process.platform !== 'linux') return { sandbox: undefined, reason: `runs are not sandboxed on ${process.platform === 'darwin' ? 'macOS' : process.platform === 'win32' ? 'Windows' : process.platform}` };
  const bwrap = ['/usr/bin/bwrap', '/usr/local/bin/bwrap', ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'bwrap'))].find((p) => p && existsSync(p));
  if (!bwrap) return { sandbox: undefined, reason: 'bwrap (Debian package bubblewrap) is not installed' };
  const prlimit = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p));
  if (!prlimit) return { sandbox: undefined, reason: 'prlimit (Debian package util-linux) is not installed' };
  const sandbox = new Sandbox(bwrap, opts, prlimit);
  const { command, args } = sandbox.wrap('true', []);
  const probe = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (probe.status === 0) return { sandbox };
  const why = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim().split('\n')[0];
  return { sandbox: undefined, reason: `bwrap cannot create a sandbox here (${why})` };
}
