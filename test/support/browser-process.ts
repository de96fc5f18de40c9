/**
 * Finds a session's Chromium on this machine. The browser runs in the engine's sandbox, in a PID
 * namespace of its own, so the pid it reports about itself is not the host's; its profile
 * folder has the same path inside and out.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { descendants } from '../../src/engine/process/process-tree';

/**
 * A node run that downloads a file holding a fresh mark; the engine puts a session browser's
 * downloads in its own profile folder, where `profileWithMark` finds it. (A headless shell has
 * no chrome://version page to ask.)
 */
export function profileMark(): { code: string; find(): string | undefined } {
  const mark = `profile-mark-${randomBytes(8).toString('hex')}`;
  const code = `const p = await context.newPage();
await p.setContent('<a id=d download=m.txt href="data:text/plain,${mark}">d</a>');
const [d] = await Promise.all([p.waitForEvent('download'), p.click('#d')]);
const failed = await d.failure();
await p.close();
failed ?? 'downloaded'`;
  return { code, find: () => profileWithMark(mark) };
}

/** The browser profile folder (under the temp folder) whose downloads folder holds a file reading `mark`. */
function profileWithMark(mark: string): string | undefined {
  const root = tmpdir();
  for (const name of readdirSync(root)) {
    if (!name.startsWith('interact-chromium-')) continue;
    const downloads = join(root, name, 'downloads');
    let files: string[];
    try {
      files = readdirSync(downloads);
    } catch {
      continue; // No downloads folder, or gone meanwhile.
    }
    for (const file of files) {
      try {
        const path = join(downloads, file);
        if (statSync(path).size <= 200 && readFileSync(path, 'utf8') === mark) return join(root, name);
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return undefined;
}

/** A process's command line; undefined when it is gone, or when it is a bubblewrap sandbox (not the program in it). */
function programArgv(pid: number): string[] | undefined {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined; // Gone meanwhile.
  }
  return /bwrap$/.test(argv[0]) ? undefined : argv;
}

/** Chromium browser processes on this machine (not helpers, not their sandboxes), with their command lines. */
function browserProcesses(): Array<{ pid: number; argv: string[] }> {
  const found: Array<{ pid: number; argv: string[] }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const argv = programArgv(Number(name));
    if (!argv || !/chrom/i.test(argv[0]) || argv.some((a) => a.startsWith('--type='))) continue;
    found.push({ pid: Number(name), argv });
  }
  return found;
}

/** The host pid of the Chromium browser process (not a helper, not its sandbox) on this profile folder. */
export function browserPid(profile: string): number | undefined {
  return browserProcesses().find((p) => p.argv.includes(`--user-data-dir=${profile}`))?.pid;
}

/** The command lines of an engine's Chromium browser processes (not helpers, not sandboxes): those on its own profile folders. */
export function engineBrowsers(enginePid: number): string[][] {
  const mine = `--user-data-dir=${join(tmpdir(), `interact-chromium-${enginePid}-`)}`;
  return browserProcesses()
    .filter((p) => p.argv.some((a) => a.startsWith(mine)))
    .map((p) => p.argv);
}

/** The pids of an engine's Node REPL workers (not their sandboxes). */
export function replWorkers(enginePid: number): number[] {
  return descendants(enginePid).filter((p) => programArgv(p)?.some((a) => a.endsWith('repl-worker.js')));
}
