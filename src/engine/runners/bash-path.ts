/**
 * Which bash runs bash code. Linux and macOS: `bash` on PATH (or --bash). Windows has no bash of
 * its own: Git for Windows' `bash.exe` at its usual places or on PATH (not System32's bash.exe,
 * which starts WSL, a different machine), or --bash (the extension's localEngine.bashPath). Pure:
 * the platform, environment and file checks are passed in, so every OS is unit-tested on Linux.
 */
import { win32 } from 'node:path';

export interface BashHost {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
}

export type BashFound = { path: string } | { problem: string };

const GIT_BASH = ['Git', 'bin', 'bash.exe'];

export function findBash(configured: string | undefined, host: BashHost): BashFound {
  if (configured) {
    return host.exists(configured) ? { path: configured } : { problem: `Bash runs cannot start: ${configured} (--bash, the extension's firecrawlInteract.localEngine.bashPath) does not exist. Set it to a bash executable and restart the local engine.` };
  }
  if (host.platform !== 'win32') return { path: 'bash' };
  const looked = windowsCandidates(host.env);
  const found = looked.find((p) => host.exists(p));
  if (found) return { path: found };
  return {
    problem: `Bash runs on Windows need Git for Windows' bash.exe, and none was found (looked at ${looked.slice(0, 4).join(', ')} and on PATH). Install Git for Windows from https://git-scm.com/download/win, or set firecrawlInteract.localEngine.bashPath (the engine's --bash) to a bash.exe; then restart the local engine.`,
  };
}

function windowsCandidates(env: Record<string, string | undefined>): string[] {
  const get = (name: string): string | undefined => env[name] ?? env[Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase()) ?? ''];
  const roots = [get('ProgramW6432'), get('ProgramFiles'), get('ProgramFiles(x86)'), get('LOCALAPPDATA') && win32.join(get('LOCALAPPDATA') as string, 'Programs')].filter((r): r is string => Boolean(r));
  const usual = [...roots, 'C:\\Program Files'].map((root) => win32.join(root, ...GIT_BASH));
  const system = (get('SystemRoot') ?? 'C:\\Windows').toLowerCase();
  const onPath = (get('PATH') ?? '')
    .split(';')
    .filter((dir) => dir && !dir.toLowerCase().startsWith(system))
    .map((dir) => win32.join(dir, 'bash.exe'));
  return [...new Set([...usual, ...onPath])];
}
