/**
 * Scrape jobs and what an interact session needs to rebuild their page (the replay context),
 * kept as one JSON file per job in the data dir so jobs survive an engine restart.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { PageAction } from '../browser/page-actions';

export interface ReplayContext {
  url: string;
  actions: PageAction[];
  waitFor: number;
  headers: Record<string, string>;
  mobile: boolean;
  /** A saved profile the job's session starts with. */
  profile?: { name: string; saveChanges: boolean };
}

export interface JobRecord {
  id: string;
  createdAt: string;
  replay: ReplayContext;
  /** Set once the job's browser session has ended: a job's session cannot be restarted. */
  sessionEnded?: { sessionId: string; durationMs: number; creditsBilled: number; endedAt: string };
}

export class JobStore {
  private readonly dir: string;
  private readonly cache = new Map<string, JobRecord>();

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'jobs');
    // Jobs hold request headers (an Authorization header, cookies): the engine's user alone reads them.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
  }

  save(job: JobRecord): void {
    this.cache.set(job.id, job);
    const file = join(this.dir, `${job.id}.json`);
    // Write-then-rename so a crash never leaves a half-written job.
    writeFileSync(`${file}.tmp`, JSON.stringify(job), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  /** The job, or undefined when it does not exist. `id` must already be a validated UUID. */
  get(anyCaseId: string): JobRecord | undefined {
    const id = anyCaseId.toLowerCase();
    const cached = this.cache.get(id);
    if (cached) return cached;
    try {
      const job = JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8')) as JobRecord;
      this.cache.set(id, job);
      return job;
    } catch {
      return undefined;
    }
  }
}
