// Starts code-server (a real VS Code server whose extension host is a Node process) on a free
// loopback port with throwaway user-data and extensions dirs, and a headless Debian Chromium
// (playwright-core, never a downloaded browser) to open its workbench. Flags as found in
// /work/shared/notes/vscode-testing.md. Everything started here is killed by stop(), and by an
// exit hook if the runner dies first, so no code-server or extension host is left behind.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ensureCodeServer } from './setup-code-server';
import { TEST_CHROMIUM } from '../support/chromium';

export interface CodeServerOptions {
  /** Workspace folder opened by default. */
  folder: string;
  /** Extra environment for code-server; it reaches the extension host (process.env there). */
  env?: Record<string, string>;
  /** User settings written to <user-data>/User/settings.json before start. */
  settings?: Record<string, unknown>;
  /** Extension folders (with package.json) installed in place, as they are on disk. */
  installExtensions?: string[];
  /** VSIX files installed with `code-server --install-extension` (offline) before it starts. */
  installVsix?: string[];
  /** Listen address; default 127.0.0.1 and a free port. */
  host?: string;
  port?: number;
  /** Called with each line code-server prints (its own log, not the extension host's). */
  onLog?: (line: string) => void;
  /** Keep Workspace Trust on (default off): the folder then opens in Restricted Mode until trusted. */
  workspaceTrust?: boolean;
  /** The whole environment instead of this process's plus `env` (an installed user's clean one). */
  replaceEnv?: boolean;
  /** Working folder of code-server (default: this process's). */
  cwd?: string;
  /** VS Code's display language (`ja`, `zh-cn`): `--locale` plus a language pack registration (see displayLanguageArgs). */
  displayLanguage?: string;
}

export interface CodeServerHandle {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** `vscode-remote://<authority>` prefix for paths on this server (payload URIs). */
  remoteAuthority: string;
  userDataDir: string;
  extensionsDir: string;
  /** Resolves with the exit code (or signal) if code-server ends, e.g. crashes mid-run. */
  exited: Promise<number | string | null>;
  stop(): Promise<void>;
}

// Quiet, deterministic workbench: no welcome page, trust prompt, update checks or tips.
const BASE_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  // The engine and fixture servers listen on loopback; do not offer to forward their ports.
  'remote.autoForwardPorts': false,
  // The walks open .js and .ts files. VS Code's TypeScript service only colours them here: its
  // syntax server, without loading a project, and without fetching type packages from npm, which
  // this network does not reach. Loading the project was a tenth of the e2e layer's CPU time.
  'typescript.tsserver.useSyntaxServer': 'always',
  'typescript.disableAutomaticTypeAcquisition': true,
};

const READY_TIMEOUT_MS = 90_000;

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServerHandle> {
  const entry = ensureCodeServer();
  const home = mkdtempSync(join(tmpdir(), 'interact-code-server-'));
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const trust = opts.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...trust, ...opts.settings }, null, 2));
  writeFileSync(join(home, 'config.yaml'), 'auth: none\n');
  if (opts.installExtensions) registerExtensions(opts.installExtensions, extensionsDir);
  const environment = opts.replaceEnv ? { ...opts.env } : { ...process.env, ...opts.env };
  const languageArgs = opts.displayLanguage ? displayLanguageArgs(opts.displayLanguage, home, userDataDir) : [];
  for (const vsix of opts.installVsix ?? []) {
    execFileSync(process.execPath, [entry, '--config', join(home, 'config.yaml'), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, env: environment, cwd: opts.cwd });
  }

  const args = [
    entry, '--auth', 'none', '--bind-addr', `${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}`,
    '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--config', join(home, 'config.yaml'),
    ...languageArgs, opts.folder,
  ];
  // Own process group, so stop() reaches the extension host, pty host and file watcher too.
  const proc = spawn(process.execPath, args, {
    env: environment,
    cwd: opts.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroup = (): void => killProcessGroup(proc, 'SIGKILL');
  process.once('exit', killGroup);

  const exited = new Promise<number | string | null>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal)));
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killGroup);
    if (proc.exitCode === null && proc.signalCode === null) {
      killProcessGroup(proc, 'SIGTERM');
      const timer = setTimeout(() => killProcessGroup(proc, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    // Children of the group may outlive the leader by a moment.
    killProcessGroup(proc, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  };

  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${READY_TIMEOUT_MS / 1000} s:\n${output}`)), READY_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) opts.onLog?.(line);
      const m = /HTTP server listening on (http:\/\/\S+?:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { url, remoteAuthority: `vscode-remote://${new URL(url).host}`, userDataDir, extensionsDir, exited, stop };
}

// VS Code lists a profile's extensions in <extensions-dir>/extensions.json, each with its location,
// which may be any folder: listing the working tree installs it as is (no copy, no VSIX).
function registerExtensions(dirs: string[], extensionsDir: string): void {
  const entries = dirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    return {
      identifier: { id: `${manifest.publisher}.${manifest.name}`.toLowerCase() },
      version: manifest.version,
      location: { $mid: 1, scheme: 'file', path: dir },
      metadata: { installedTimestamp: Date.now(), source: 'resource' },
    };
  });
  writeFileSync(join(extensionsDir, 'extensions.json'), JSON.stringify(entries));
}

// `--locale` alone does not change the display language: code-server's web server turns the locale
// into the workbench's language only through an installed language pack (it reads
// <user-data>/languagepacks.json; without a pack for the locale the workbench, and with it the
// extensions' package.nls.<lang>.json, l10n bundles and vscode.env.language, stay English).
// Language packs come from the Marketplace, which this machine cannot reach, so the suite registers
// a pack of its own that translates none of VS Code's own strings: VS Code's menus stay English,
// and everything of the extensions is shown in the language.
function displayLanguageArgs(language: string, home: string, userDataDir: string): string[] {
  const coreTranslations = join(home, `core.${language}.i18n.json`);
  writeFileSync(coreTranslations, JSON.stringify({ contents: {} }));
  const pack = { hash: `suite-${language}`, label: language, extensions: [{ extensionIdentifier: { id: `suite.language-pack-${language}` }, version: '0.0.0' }], translations: { vscode: coreTranslations } };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [language]: pack }));
  return ['--locale', language];
}

function killProcessGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** The workbench URL that opens `folder`, optionally with a test payload (extension dev/test paths). */
export function workbenchUrl(server: CodeServerHandle, folder: string, payload?: Array<[string, string]>): string {
  const query = new URLSearchParams({ folder });
  if (payload) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

/** Payload that loads the extension from source (a development extension) and, optionally, a test module. */
export function developmentPayload(server: CodeServerHandle, extensionDir: string, testsModule?: string): Array<[string, string]> {
  const payload: Array<[string, string]> = [
    ['extensionDevelopmentPath', `${server.remoteAuthority}${extensionDir}`],
    ['skipWelcome', 'true'],
  ];
  if (testsModule) payload.push(['extensionTestsPath', `${server.remoteAuthority}${testsModule}`]);
  return payload;
}

// Without the networking flags Chromium keeps calling home on a closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage',
];

/** The headless shell (else Debian Chromium; test/support/chromium.ts); playwright-core kills it when this process exits. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: TEST_CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}
