/**
 * Where sessions' traces live (data dir/traces/<engine pid>/<session id>) and how many outlast
 * their session: ended sessions' traces are kept up to --trace-keep of them and --trace-max-mb in
 * all, oldest removed first, and with the session's own data when the engine forgets the session.
 * Sessions end with their engine, so an engine removes the folders of engines no longer running
 * (another one may share the data dir) when it starts.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from '../browser/chromium';
import { SessionTrace } from './session-trace';

export interface TraceLimits {
  /** Ended sessions whose traces are kept. */
  keep: number;
  /** All kept traces together, and one session's, in bytes. */
  maxBytes: number;
}

export class TraceStore {
  private readonly root: string;
  private ended: SessionTrace[] = [];

  constructor(dataDir: string, private readonly limits: TraceLimits) {
    const all = join(dataDir, 'traces');
    this.root = join(all, String(process.pid));
    let left: string[] = [];
    try {
      left = readdirSync(all);
    } catch {
      // No traces yet.
    }
    for (const name of left) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || pid === process.pid || !processAlive(pid)) rmSync(join(all, name), { recursive: true, force: true });
    }
  }

  open(sessionId: string): SessionTrace {
    return new SessionTrace(sessionId, join(this.root, sessionId), this.limits.maxBytes);
  }

  /** A session ended: its trace is kept within the bounds (older ones go first). */
  retire(trace: SessionTrace): void {
    trace.endedAt = Date.now();
    this.ended.push(trace);
    let total = this.ended.reduce((sum, t) => sum + t.size, 0);
    while (this.ended.length > this.limits.keep || (total > this.limits.maxBytes && this.ended.length > 0)) {
      const oldest = this.ended.shift() as SessionTrace;
      total -= oldest.size;
      oldest.remove();
    }
  }

  /** Whether an ended session's trace is still kept. */
  kept(trace: SessionTrace): boolean {
    return this.ended.includes(trace);
  }

  /** The session's data is forgotten: its trace goes with it. */
  forget(trace: SessionTrace): void {
    this.ended = this.ended.filter((t) => t !== trace);
    trace.remove();
  }
}
