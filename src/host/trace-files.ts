/**
 * Where traces live on this machine (the extension's global storage, traces/): a session's
 * engine trace as downloaded (engine-<session>.zip, fetched again on every Open trace, since it
 * grows while the session runs) and a trace recorded through a cdpUrl (recorded-<session>/).
 * Only the newest KEEP of them are kept.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEEP = 20;

/** A name safe as a file name, from a server's session id (or job id). */
function safe(id: string): string {
  return id.replace(/[^\w-]/g, '_').slice(0, 100);
}

export class TraceFiles {
  constructor(readonly dir: string) {}

  /** The folder a recording of `sessionId` goes to. */
  recordingDir(sessionId: string): string {
    return join(this.dir, `recorded-${safe(sessionId)}`);
  }

  /** The path the viewer opens for that recording, when one was made. */
  recorded(sessionId: string): string | undefined {
    const dir = this.recordingDir(sessionId);
    return existsSync(join(dir, 'recording.trace')) ? join(dir, 'recording.json') : undefined;
  }

  /** Saves a downloaded engine trace; returns its path. */
  saveEngineTrace(sessionId: string, zip: Buffer): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = join(this.dir, `engine-${safe(sessionId)}.zip`);
    writeFileSync(file, zip, { mode: 0o600 });
    this.prune(file);
    return file;
  }

  /** Makes room for a new recording. */
  prepareRecording(sessionId: string): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const dir = this.recordingDir(sessionId);
    this.prune(dir);
    return dir;
  }

  /** Removes the oldest beyond KEEP, never `current` (the one just written or about to be). */
  private prune(current: string): void {
    const all = readdirSync(this.dir)
      .filter((n) => /^(engine-.*\.zip|recorded-.+)$/.test(n) && join(this.dir, n) !== current)
      .map((n) => ({ n, t: statSync(join(this.dir, n)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const old of all.slice(KEEP - 1)) rmSync(join(this.dir, old.n), { recursive: true, force: true });
  }
}
