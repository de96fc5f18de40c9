/**
 * Saved browser profiles (`profile: {name, saveChanges}`): a Chromium profile folder per name in
 * the data dir, holding what the browser keeps (cookies, localStorage, IndexedDB). A session runs
 * on a working copy; a writing session copies it back when it stops. One writer per name at a time.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { HttpError } from './http-util';

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
const copy = (from: string, to: string): void => cpSync(from, to, { recursive: true, filter: (src) => !SKIP.has(basename(src)) });

export class ProfileStore {
  private readonly root: string;
  private readonly writers = new Set<string>();

  constructor(dataDir: string) {
    this.root = join(dataDir, 'profiles');
    mkdirSync(this.root, { recursive: true });
  }

  /** A working copy for a new session; 409 when another session is writing this profile. */
  checkout(req: ProfileRequest): ProfileLease {
    if (req.saveChanges) {
      if (this.writers.has(req.name)) {
        throw new HttpError(409, `Profile "${req.name}" is being written by another session. Stop that session first, or use saveChanges: false to start from the saved state without writing it.`);
      }
      this.writers.add(req.name);
    }
    const dir = mkdtempSync(join(tmpdir(), 'interact-profile-'));
    const saved = join(this.root, req.name);
    if (existsSync(saved)) copy(saved, dir);
    return { ...req, dir };
  }

  /** Ends a lease: with `save`, the working copy replaces the saved profile; the copy is removed. */
  release(lease: ProfileLease, save: boolean): void {
    try {
      if (save && lease.saveChanges) {
        const staged = `${join(this.root, lease.name)}.saving`;
        rmSync(staged, { recursive: true, force: true });
        copy(lease.dir, staged);
        rmSync(join(this.root, lease.name), { recursive: true, force: true });
        renameSync(staged, join(this.root, lease.name));
      }
    } finally {
      if (lease.saveChanges) this.writers.delete(lease.name);
      rmSync(lease.dir, { recursive: true, force: true, maxRetries: 3 });
    }
  }

  /** DELETE /v2/browser/profiles/{name}. */
  remove(name: string): void {
    if (this.writers.has(name)) throw new HttpError(409, `Profile "${name}" is being written by a session. Stop that session first, then delete the profile.`);
    const saved = join(this.root, name);
    if (!existsSync(saved)) throw new HttpError(404, `Profile "${name}" not found.`);
    rmSync(saved, { recursive: true, force: true });
  }
}
