/**
 * Finds a session's Chromium on this machine. The browser runs in the engine's sandbox, in a PID
 * namespace of its own, so the pid it reports about itself is not the host's; its profile
 * folder has the same path inside and out.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** A node run answering its session browser's profile folder (chrome://version shows it). */
export const PROFILE_PATH =
  "const p = await context.newPage(); await p.goto('chrome://version'); const t = await p.textContent('#profile_path'); await p.close(); t.replace(/\\/Default$/, '')";

/** The host pid of the Chromium browser process (not a helper, not its sandbox) on this profile folder. */
export function browserPid(profile: string): number | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // Gone meanwhile.
    }
    if (/bwrap$/.test(argv[0]) || !/chrom/i.test(argv[0])) continue;
    if (argv.includes(`--user-data-dir=${profile}`) && !argv.some((a) => a.startsWith('--type='))) return Number(name);
  }
  return undefined;
}
