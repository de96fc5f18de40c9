// Installs code-server (a real VS Code server + web workbench) from npm into .cache/code-server/,
// outside the tracked files. Its own postinstall cannot run offline as root (it downloads rg from
// GitHub, runs `npx node-gyp` and wants unsafe-perm), so we install with --ignore-scripts and redo
// only the native builds it needs, as found in /work/shared/notes/vscode-testing.md.
// Idempotent: a stamp file marks a finished install, so a second run returns at once.
// Run directly: node --import tsx test/host/setup-code-server.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// 4.100.x is the last line that runs on Node 20 (4.101+ want Node 22).
export const CODE_SERVER_VERSION = '4.100.3';

const repoRoot = resolve(__dirname, '..', '..');
// CODE_SERVER_CACHE moves the cache (e.g. to a CI cache directory).
const installDir = join(process.env.CODE_SERVER_CACHE ?? join(repoRoot, '.cache', 'code-server'), CODE_SERVER_VERSION);
const packageDir = join(installDir, 'node_modules', 'code-server');
const stampFile = join(installDir, '.installed');

/** Path of code-server's Node entry point (run with `node <entry>`). */
export const codeServerEntry = join(packageDir, 'out', 'node', 'entry.js');

export function isCodeServerInstalled(): boolean {
  return existsSync(stampFile) && existsSync(codeServerEntry) && readFileSync(stampFile, 'utf8').trim() === CODE_SERVER_VERSION;
}

/** Installs code-server if the stamp is missing; returns the entry point path. */
export function ensureCodeServer(log: (line: string) => void = (l) => console.log(l)): string {
  if (isCodeServerInstalled()) return codeServerEntry;
  const started = Date.now();
  log(`[setup] installing code-server@${CODE_SERVER_VERSION} into ${installDir} (a few minutes, once)`);
  rmSync(installDir, { recursive: true, force: true });
  mkdirSync(installDir, { recursive: true });
  writeFileSync(join(installDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }) + '\n');

  const vscodeDir = join(packageDir, 'lib', 'vscode');
  npm(installDir, ['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--no-save'], log);
  // argon2 (password hashing, loaded at start even with --auth none) is hoisted next to code-server.
  npm(installDir, ['rebuild', 'argon2'], log);
  npm(vscodeDir, ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], log);
  npm(vscodeDir, ['rebuild', '@vscode/spdlog', '@vscode/deviceid', 'kerberos', 'native-watchdog', 'node-pty', '@parcel/watcher'], log);
  linkRipgrep(vscodeDir);
  npm(join(vscodeDir, 'extensions'), ['install', '--omit=dev', '--no-audit', '--no-fund'], log);

  writeFileSync(stampFile, CODE_SERVER_VERSION + '\n');
  log(`[setup] code-server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return codeServerEntry;
}

// VS Code's search needs rg; the npm package would download it, Debian's `ripgrep` provides it.
function linkRipgrep(vscodeDir: string): void {
  const system = '/usr/bin/rg';
  if (!existsSync(system)) throw new Error('ripgrep is missing: install the Debian package `ripgrep` (see .ci/run)');
  const binDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(binDir, { recursive: true });
  rmSync(join(binDir, 'rg'), { force: true });
  symlinkSync(system, join(binDir, 'rg'));
}

// node-gyp would download Node's headers from nodejs.org (unreachable here); the Node package
// installs them next to the binary (<prefix>/include/node), so point node-gyp there.
function headersEnv(): Record<string, string> {
  if (process.env.npm_config_nodedir) return {};
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? { npm_config_nodedir: prefix } : {};
}

function npm(cwd: string, args: string[], log: (line: string) => void): void {
  log(`[setup] (${cwd.slice(installDir.length + 1) || '.'}) npm ${args.join(' ')}`);
  const run = spawnSync('npm', args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    // yes: node-pty's build runs `npx node-gyp`; unsafe_perm: we may run as root in CI.
    env: { ...process.env, ...headersEnv(), npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_loglevel: 'error', npm_config_update_notifier: 'false' },
  });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd} (exit ${run.status ?? run.signal})`);
}

if (require.main === module) {
  try {
    console.log(ensureCodeServer());
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
}
