/**
 * Screenshots are written to the extension's storage folder so the image editor can open
 * them; only the newest few are kept.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Screenshot } from '../run/screenshot';

const KEEP = 20;

export async function saveScreenshot(dir: string, jobId: string, shot: Screenshot): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `page-${stamp}-${jobId.slice(0, 8)}.${shot.mime === 'image/png' ? 'png' : 'jpg'}`);
  await writeFile(file, shot.bytes);
  const old = (await readdir(dir)).filter((f) => f.startsWith('page-')).sort();
  await Promise.all(old.slice(0, Math.max(0, old.length - KEEP)).map((f) => rm(join(dir, f), { force: true })));
  return file;
}
