/**
 * Launches one Chromium process whose only DevTools connection is a pipe to the engine (fds
 * 3/4, see cdp/hub.ts): no DevTools port that another local process could use. With a sandbox,
 * Chromium runs inside it and sees only the system, its own profile folders and --allow-path
 * folders (read-only): no URL or DevTools trick can read the engine's key, jobs or other
 * sessions' profiles. The engine publishes it on its own token-guarded endpoint (cdp/endpoint.ts).
 * Chromium exits when that pipe closes, so a browser dies with the engine even when the engine
 * is killed with SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { discoverBrowser, isHeadlessShell } from './discovery';
import { publishHub } from '../cdp/endpoint';
import { CdpHub, MAX_CDP_MESSAGE, pipeTransport } from '../cdp/hub';
import type { Sandbox } from '../runners/sandbox';
import { BROWSER_PROFILE_PREFIX, ownedTempDir } from '../process/temp-dirs';

/** Flags every engine browser gets (offline machine, running as root, no background traffic). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--mute-audio',
  '--hide-scrollbars',
  // No extensions, crash reporting or keychain prompts; pages keep full speed even when nobody
  // looks at them (a session's tab is never "visible" in headless mode).
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-breakpad',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/** The command line of one engine browser: a full browser (Chrome, Edge, …) in its headless mode; a headless shell has no other. */
export function chromiumArgs(executable: string, extraArgs: string[], userDataDir: string): string[] {
  const mode = isHeadlessShell(executable) ? [] : ['--headless=new'];
  return [...mode, ...CHROMIUM_FLAGS, ...extraArgs, '--remote-debugging-pipe', `--user-data-dir=${userDataDir}`, 'about:blank'];
}

export function findChromium(explicit?: string): string {
  const found = discoverBrowser(explicit, {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    exists: existsSync,
    list: (dir) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
  });
  if (found.path) return found.path;
  if (explicit) throw new Error(`Chromium not found at --chromium ${explicit}.`);
  // The extension recognises this sentence and offers "Choose browser…".
  throw new Error(`No Chromium found (looked for Chrome, Chromium, Edge and Brave at their usual places and in Playwright's browser cache). Install Chrome or Chromium, or pass --chromium <path>.`);
}

export interface ChromiumProcess {
  /** Browser-level DevTools WebSocket URL on the engine's endpoint (ws://127.0.0.1:<port>/devtools/browser/<token>). */
  wsEndpoint: string;
  /** Resolves when the process has exited (a remote browser: when its connection ended). */
  exited: Promise<void>;
  /** Kills the process and removes its profile directory (profiles are throwaway: no graceful quit); a remote browser is closed on its service. */
  close(): Promise<void>;
  /** Why the engine closed this browser itself, if it did (it sent a message too large to take). */
  endReason?: string;
  /** Where its downloads land (a local browser's; the engine's Playwright connection uses it as artifactsDir). */
  downloadsDir?: string;
}

/** Starts one session's (or the scrapes') browser: a local Chromium, or one on a remote service. */
export type BrowserLauncher = (opts: LaunchOptions) => Promise<ChromiumProcess>;

export { processAlive } from '../process/temp-dirs';

export interface LaunchOptions {
  /** Clients may open file: URLs (--allow-file-urls). */
  allowFileUrls?: boolean;
  startTimeoutMs?: number;
  /** Where the engine's log goes (a browser closed by the engine says why). */
  log?: (msg: string) => void;
  /**
   * A profile folder of the caller's (a saved profile's working copy), kept when the browser
   * exits; without it the browser gets a throwaway one.
   */
  userDataDir?: string;
  /** Flags of this engine's own (the pages' proxy). */
  extraArgs?: string[];
  /** The sandbox the browser runs in; without one it runs as the engine's user. */
  sandbox?: Sandbox;
  /** Folders whose files pages may get uploaded (--allow-path). */
  uploadRoots?: string[];
  /** The largest DevTools message taken from the browser (--max-devtools-message-mb). */
  maxMessageBytes?: number;
}

export function launchChromium(executable: string, opts: LaunchOptions = {}): Promise<ChromiumProcess> {
  const { allowFileUrls = false, startTimeoutMs = 30_000, userDataDir, extraArgs = [], log, sandbox, uploadRoots = [], maxMessageBytes = MAX_CDP_MESSAGE } = opts;
  // With the caller's profile, the throwaway folder still holds Chromium's temp files and downloads.
  const profile = ownedTempDir(BROWSER_PROFILE_PREFIX);
  const downloadsDir = join(profile, 'downloads');
  mkdirSync(downloadsDir, { mode: 0o700 });
  const args = chromiumArgs(executable, extraArgs, userDataDir ?? profile);
  // TMPDIR inside the profile: Chromium's own temp files (shared memory under
  // --disable-dev-shm-usage) are then removed with the profile instead of piling up in /tmp,
  // since a killed browser never deletes them itself. In a sandbox, TMPDIR is the sandbox's
  // private /tmp instead: gone with it, too.
  const command = sandbox ? sandbox.wrapBrowser(executable, args, userDataDir ? [profile, userDataDir] : [profile]) : { command: executable, args };
  // What the browser writes (cookies, local storage) is readable by the engine's user alone.
  const umask = process.umask(0o077);
  let proc: ChildProcess;
  try {
    proc = spawn(command.command, command.args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: profile } });
  } finally {
    process.umask(umask);
  }
  // A spawn that fails reports it only through 'error', which must never go unheard (it would end the engine).
  proc.on('error', () => undefined);
  for (const stream of proc.stdio ?? []) stream?.on('error', () => undefined);
  if (!proc.stdio) {
    // Out of descriptors (EMFILE, ENFILE): Node set up no pipes at all.
    rmSync(profile, { recursive: true, force: true });
    throw Object.assign(new Error('Could not start Chromium: the engine is out of file descriptors.'), { code: 'EMFILE' });
  }
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  // Helper processes may still be writing for a moment after the browser exits: retry, never throw.
  const removed = exited.then(() => rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })).catch(() => undefined);
  const close = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await removed;
  };
  let output = '';
  proc.stderr?.on('data', (d: Buffer) => {
    // Only the end matters (why a start failed); keep draining so Chromium never blocks.
    output = (output + d.toString()).slice(-8_000);
  });
  let endReason: string | undefined;
  const tooLarge = (reason: string): void => {
    endReason = reason;
    log?.(`a browser was closed: ${reason}. Its session has ended; the engine and other sessions go on.`);
    proc.kill('SIGKILL');
  };
  const hub = new CdpHub(pipeTransport(proc.stdio[3] as Writable, proc.stdio[4] as Readable, tooLarge, maxMessageBytes), { allowFileUrls, downloadsDir, uploadRoots });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`Chromium did not start within ${startTimeoutMs} ms.`));
    }, startTimeoutMs);
    proc.once('error', (err) => {
      clearTimeout(timer);
      // Spawning failed (no pid): no exit will come to remove the profile, so remove it here.
      if (proc.pid === undefined) void rm(profile, { recursive: true, force: true }).catch(() => undefined);
      reject(new Error(`Could not start Chromium (${executable}): ${err.message}. Pass --chromium with the path of a working Chromium executable.`));
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited during start (code ${code}, signal ${signal}): ${output.slice(-2_000)}`));
    });
    // The first answer on the pipe means the browser is up.
    hub
      .call('Browser.getVersion')
      .then(() => publishHub(hub))
      .then(({ url, remove }) => {
        clearTimeout(timer);
        void exited.then(remove);
        resolve({
          wsEndpoint: url,
          exited,
          close,
          downloadsDir,
          get endReason() {
            return endReason;
          },
        });
      })
      .catch(() => undefined); // The exit or timeout above has the reason.
  });
}
