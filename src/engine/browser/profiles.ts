/**
 * Saved browser profiles (`profile: {name, saveChanges}`): a Chromium profile folder per name in
 * the data dir, holding what the browser keeps (cookies, localStorage, IndexedDB). A session runs
 * on a working copy; a writing session copies it back when it stops. One writer per name at a time.
 * Copies are asynchronous (a large profile must not stall other requests), and the store is
 * bounded: --max-profiles saved names, --max-profile-mb each.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { cp, lstat, readdir, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { HttpError } from '../http/errors';
import { ownedTempDir, PROFILE_COPY_PREFIX } from '../process/temp-dirs';

export interface ProfileRequest {
  name: string;
  saveChanges: boolean;
}

export interface ProfileLease extends ProfileRequest {
  /** The working copy the session's Chromium runs on. */
  dir: string;
}

/** Caches and lock files are neither state worth keeping nor safe to copy. */
const SKIP = new Set(['SingletonLock', 'SingletonSocket', 'SingletonCookie', 'Cache', 'Code Cache', 'GPUCache', 'GrShaderCache', 'ShaderCache', 'DawnGraphiteCache', 'DawnWebGPUCache', 'Crashpad']);
const copy = (from: string, to: string): Promise<void> => cp(from, to, { recursive: true, filter: (src) => !SKIP.has(basename(src)) });

/** Bytes in a folder (what `copy` would copy), counted until `limit` is passed. */
async function sizeOf(dir: string, limit: number): Promise<number> {
  let total = 0;
  const pending = [dir];
  while (pending.length > 0 && total <= limit) {
    const current = pending.pop() as string;
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else total += (await lstat(path)).size;
    }
  }
  return total;
}

export interface ProfileLimits {
  /** --max-profiles: saved profile names. */
  maxProfiles: number;
  /** --max-profile-mb: size of one saved profile. */
  maxProfileMb: number;
}

export class ProfileStore {
  private readonly root: string;
  private readonly writers = new Set<string>();

  constructor(
    dataDir: string,
    private readonly limits: ProfileLimits = { maxProfiles: 20, maxProfileMb: 500 },
  ) {
    this.root = join(dataDir, 'profiles');
    // Cookies and local storage of logged-in sites: the engine's user alone reads them.
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
    chmodSync(this.root, 0o700);
  }

  /**
   * A working copy for a new session; 409 when another session is writing this profile or a new
   * name would pass --max-profiles, 413 when the saved profile is larger than --max-profile-mb.
   */
  async checkout(req: ProfileRequest): Promise<ProfileLease> {
    const saved = join(this.root, req.name);
    const exists = existsSync(saved);
    if (req.saveChanges) {
      if (this.writers.has(req.name)) {
        throw new HttpError(409, `Profile "${req.name}" is being written by another session. Stop that session first, or use saveChanges: false to start from the saved state without writing it.`);
      }
      if (!exists && this.count() >= this.limits.maxProfiles) {
        throw new HttpError(409, `The engine keeps at most ${this.limits.maxProfiles} saved profiles (--max-profiles). Delete one you no longer need (DELETE /v2/browser/profiles/{name}) or reuse an existing name.`);
      }
      this.writers.add(req.name);
    }
    try {
      const maxBytes = this.limits.maxProfileMb * 1024 * 1024;
      if (exists && (await sizeOf(saved, maxBytes)) > maxBytes) {
        throw new HttpError(413, `Profile "${req.name}" is larger than ${this.limits.maxProfileMb} MB (--max-profile-mb). Delete it (DELETE /v2/browser/profiles/${req.name}) and start again, or restart the engine with a larger --max-profile-mb.`);
      }
      const dir = ownedTempDir(PROFILE_COPY_PREFIX);
      if (exists) await copy(saved, dir);
      return { ...req, dir };
    } catch (err) {
      if (req.saveChanges) this.writers.delete(req.name);
      throw err;
    }
  }

  /** Saved names, and new names that a session is writing now. */
  private count(): number {
    const saved = readdirSync(this.root).filter((n) => !n.endsWith('.saving'));
    return new Set([...saved, ...this.writers]).size;
  }

  /**
   * Ends a lease: with `save`, the working copy replaces the saved profile (unless it grew past
   * --max-profile-mb: then the saved state is kept as it was); the copy is removed.
   */
  async release(lease: ProfileLease, save: boolean): Promise<void> {
    try {
      const maxBytes = this.limits.maxProfileMb * 1024 * 1024;
      if (save && lease.saveChanges && (await sizeOf(lease.dir, maxBytes)) <= maxBytes) {
        const staged = `${join(this.root, lease.name)}.saving`;
        await rm(staged, { recursive: true, force: true });
        await copy(lease.dir, staged);
        await rm(join(this.root, lease.name), { recursive: true, force: true });
        await rename(staged, join(this.root, lease.name));
      }
    } finally {
      if (lease.saveChanges) this.writers.delete(lease.name);
      await rm(lease.dir, { recursive: true, force: true, maxRetries: 3 });
    }
  }

  /** DELETE /v2/browser/profiles/{name}. */
  async remove(name: string): Promise<void> {
    if (this.writers.has(name)) throw new HttpError(409, `Profile "${name}" is being written by a session. Stop that session first, then delete the profile.`);
    const saved = join(this.root, name);
    if (!existsSync(saved)) throw new HttpError(404, `Profile "${name}" not found.`);
    await rm(saved, { recursive: true, force: true });
  }
}
