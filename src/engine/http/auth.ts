/** The engine's bearer key: given by flag/env, or generated once and kept in the data dir. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ResolvedKey {
  key: string;
  /** Set when the key was read from or written to the data dir. */
  storedAt?: string;
}

export function resolveApiKey(given: string | undefined, dataDir: string): ResolvedKey {
  if (given) return { key: given };
  const file = join(dataDir, 'api-key');
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return { key: stored, storedAt: file };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = `fc-local-${randomBytes(24).toString('hex')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, storedAt: file };
}

/** Constant-time check of an `Authorization: Bearer <key>` header. */
export function bearerMatches(header: string | undefined, key: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m !== null && sameSecret(m[1].trim(), key);
}

/** Constant-time comparison of two secrets; hashing first gives timingSafeEqual equal-length inputs. */
export function sameSecret(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
