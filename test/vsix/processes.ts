// What the installed extension's processes really see, read from /proc (Linux): their command
// lines and environments. The vsix layer uses it to check that the extension host and the engine
// it starts run from the installed VSIX with an installed user's environment, not the repository's.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  argv: string[];
  env: Record<string, string>;
}

/** Every live process whose environment has HOME=`home` (what code-server and its children inherit). */
export function processesWithHome(home: string): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = parseNul(readFileSync(`/proc/${name}/environ`, 'utf8'));
      const vars = Object.fromEntries(env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
      if (vars.HOME !== home) continue;
      found.push({ pid: Number(name), argv: parseNul(readFileSync(`/proc/${name}/cmdline`, 'utf8')), env: vars });
    } catch {
      // The process ended while it was read.
    }
  }
  return found;
}

/**
 * The variables of `p` that name `root` (other than inside `allowed`, e.g. VS Code's own install
 * folder) or that are Firecrawl's own, besides those in `own`: an installed user has neither.
 */
export function leaks(p: ProcessInfo, root: string, allowed: string, own: readonly string[] = []): string[] {
  return Object.entries(p.env)
    .filter(([k, v]) => (k.startsWith('FIRECRAWL_') && !own.includes(k)) || v.split(allowed).join('').includes(root))
    .map(([k, v]) => `${k}=${k.startsWith('FIRECRAWL_') ? '…' : v}`);
}

function parseNul(text: string): string[] {
  return text.split('\0').filter(Boolean);
}
