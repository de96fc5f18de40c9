/**
 * The engine's folders in the temp dir (browser profiles, saved profiles' working copies) carry
 * their owner in their name: `<prefix><pid>-<start>-XXXXXX`, the engine's process id and its
 * start time (Linux, base 36 to keep paths short; 0 elsewhere), which tells a reused pid apart. Several engines may share a
 * machine, so a start removes only the folders of engines that are gone, and does so at once:
 * SIGKILL leaves them no time to clean up.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { readdir, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BROWSER_PROFILE_PREFIX = 'interact-chromium-';
export const PROFILE_COPY_PREFIX = 'interact-profile-';

const OWNED = /^(\d+)-([0-9a-z]+)-/;

/** When a process started (clock ticks after boot, field 22 of /proc/<pid>/stat); '0' where unknown. */
function startTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? 0).toString(36);
  } catch {
    return '0';
  }
}

const owner = `${process.pid}-${startTime(process.pid)}-`;

/** A new folder of this engine's in the temp dir (mode 0700). */
export function ownedTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}${owner}`));
}

/** Whether a process with this id exists (EPERM: it exists but is not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the engine named in an owned folder's name still runs (the same process, not a reused pid). */
function ownerAlive(pid: number, started: string): boolean {
  if (!processAlive(pid)) return false;
  return started === '0' || startTime(pid) === '0' || startTime(pid) === started;
}

/**
 * Removes the temp folders of engines that are no longer running. Folders from engines before
 * owner names: a browser profile whose SingletonLock names a dead process, or, without a lock,
 * one older than 10 minutes.
 */
export async function sweepDeadEngines(): Promise<void> {
  const root = tmpdir();
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const prefix = [BROWSER_PROFILE_PREFIX, PROFILE_COPY_PREFIX].find((p) => name.startsWith(p));
    if (!prefix) continue;
    const dir = join(root, name);
    const owned = OWNED.exec(name.slice(prefix.length));
    let stale: boolean;
    if (owned) stale = !ownerAlive(Number(owned[1]), owned[2]);
    else if (prefix === BROWSER_PROFILE_PREFIX) stale = await legacyStale(dir);
    else stale = false;
    if (stale) await rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => undefined);
  }
}

async function legacyStale(dir: string): Promise<boolean> {
  const lock = await readlink(join(dir, 'SingletonLock')).catch(() => undefined);
  const pid = lock ? Number(lock.slice(lock.lastIndexOf('-') + 1)) : NaN;
  if (pid > 0) return !processAlive(pid);
  return Date.now() - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? Date.now()) > 10 * 60_000;
}
