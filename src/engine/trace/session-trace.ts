/**
 * One session's Playwright trace on disk. The session's node REPL records it (its Playwright
 * connection is the one runs act through) and hands it over in parts (trace chunks): at every
 * download and when the session ends. The parts are unpacked into one folder: part-N.trace per
 * part, the network log of the newest part (it holds the whole session's), and the resources
 * (snapshots' files, screencast frames) they share. Playwright's trace viewer loads every
 * .trace in a zip as one timeline.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { unzip, zipFiles } from './zip';

export class SessionTrace {
  private parts = 0;
  private bytes = 0;
  private cached: Buffer | undefined;
  /** Why a part was dropped (too large, unreadable), for the trace's readers. */
  dropped: string[] = [];
  endedAt?: number;

  constructor(
    readonly sessionId: string,
    readonly dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  get size(): number {
    return this.bytes;
  }

  /** Adds a part (a chunk zip from the REPL worker: untrusted, checked). */
  async addPart(zip: Buffer): Promise<void> {
    let entries: Map<string, Buffer>;
    try {
      entries = await unzip(zip, Math.max(0, this.maxBytes - this.bytes));
    } catch (err) {
      this.dropped.push(`a trace part was dropped: ${(err as Error).message}`);
      return;
    }
    const n = ++this.parts;
    for (const [name, data] of entries) {
      const target = this.nameFor(name, n);
      if (!target) continue;
      const path = join(this.dir, target);
      // Entry names come from the worker: nothing may land outside the folder.
      if (relative(this.dir, path).startsWith(`..${sep}`) || relative(this.dir, path) === '..') continue;
      if (target.includes('/') && existsSync(path)) continue;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
      this.bytes += data.length;
    }
    // The newest network log holds the earlier ones' entries too.
    if (entries.has('trace.network')) rmSync(join(this.dir, `part-${n - 1}.network`), { force: true });
    this.cached = undefined;
  }

  /** The whole trace as one zip (404 for the caller when nothing was recorded). */
  async zip(): Promise<Buffer | undefined> {
    if (this.parts === 0) return undefined;
    this.cached ??= await zipFiles(listFiles(this.dir).map((name) => [name, join(this.dir, name)]));
    return this.cached;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.cached = undefined;
  }

  private nameFor(name: string, n: number): string | undefined {
    if (name === 'trace.trace') return `part-${n}.trace`;
    if (name === 'trace.network') return `part-${n}.network`;
    if (name === 'trace.stacks') return `part-${n}.stacks`;
    // Snapshots' files and network bodies (resources/), screencast frames (screencast/): content-addressed or timestamped, shared by parts.
    if (/^(resources|screencast)\/[\w.@-]+$/.test(name)) return name;
    return undefined;
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(join(dir, rel)).isDirectory() ? listFiles(dir, rel) : [rel];
  });
}
