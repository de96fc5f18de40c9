/**
 * The jobs the user has worked with, per server, and the current job of each server, kept in
 * a key-value store (VS Code's workspaceState Memento in the extension, a Map in tests).
 *
 * A job enters the list only once its server confirmed it: a scrape that answered, or a first
 * interact that was not a 404. A job ID typed in is only *pending* until then (kept in
 * memory): runs go to it, but it is neither listed nor current, so a mistyped or foreign ID
 * never becomes the current job.
 */

import { Emitter } from '../shared/emitter';
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** What the job's server last told us about its browser session. */
export type JobState = 'ready' | 'active' | 'stopped' | 'expired' | 'gone';

export interface KnownJob {
  jobId: string;
  /** The server the job lives on (every request about it goes there). */
  apiUrl: string;
  serverLabel?: string;
  /** The scraped URL, used to scrape again when the job's session cannot be restarted. */
  url?: string;
  title?: string;
  createdAt: number;
  lastUsedAt?: number;
  state?: JobState;
}

export const HISTORY_MAX = 50;
const JOBS_KEY = 'firecrawlInteract.jobs.v2';
const CURRENT_KEY = 'firecrawlInteract.currentJobs.v2';

export class JobHistory {
  private readonly pending = new Map<string, KnownJob>();
  private readonly changed = new Emitter();

  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** Confirmed jobs, most recently used first; only those of `apiUrl` when given. */
  list(apiUrl?: string): KnownJob[] {
    const raw = this.store.get<unknown>(JOBS_KEY);
    const all = Array.isArray(raw) ? raw.filter(isKnownJob) : [];
    return apiUrl === undefined ? all : all.filter((j) => j.apiUrl === apiUrl);
  }

  get(jobId: string, apiUrl?: string): KnownJob | undefined {
    return this.list(apiUrl).find((j) => j.jobId === jobId) ?? (apiUrl ? this.pending.get(apiUrl) : undefined);
  }

  /** The confirmed current job of `apiUrl`. */
  current(apiUrl: string): KnownJob | undefined {
    const map = this.currentMap();
    const id = map[apiUrl];
    return id ? this.list(apiUrl).find((j) => j.jobId === id) : undefined;
  }

  /** A typed-in job waiting for its server's confirmation (the next run goes to it). */
  pendingFor(apiUrl: string): KnownJob | undefined {
    return this.pending.get(apiUrl);
  }

  /** The job runs go to on `apiUrl`: the pending one if any, else the current one. */
  target(apiUrl: string): KnownJob | undefined {
    return this.pending.get(apiUrl) ?? this.current(apiUrl);
  }

  /** Whether `apiUrl` has a job to show: a pending one, or any listed (the current one is listed). */
  hasJobs(apiUrl: string): boolean {
    return this.pending.has(apiUrl) || this.list(apiUrl).length > 0;
  }

  setPending(job: KnownJob): void {
    this.pending.set(job.apiUrl, job);
    this.changed.fire();
  }

  /**
   * The server confirmed the job: it is listed (details merged) and becomes current, which
   * also ends any other job's pending state on that server (the newest choice wins).
   */
  async confirm(job: KnownJob): Promise<KnownJob> {
    const pending = this.pending.get(job.apiUrl);
    this.pending.delete(job.apiUrl);
    const jobs = this.list();
    const old = jobs.find((j) => j.jobId === job.jobId && j.apiUrl === job.apiUrl);
    const merged: KnownJob = { ...(pending?.jobId === job.jobId ? pending : undefined), ...old, ...dropUndefined(job), lastUsedAt: this.now() };
    const rest = jobs.filter((j) => !(j.jobId === job.jobId && j.apiUrl === job.apiUrl));
    await this.store.update(JOBS_KEY, [merged, ...rest].slice(0, HISTORY_MAX));
    await this.store.update(CURRENT_KEY, { ...this.currentMap(), [job.apiUrl]: job.jobId });
    this.changed.fire();
    return merged;
  }

  /** Makes a listed job current without changing anything else. */
  async use(apiUrl: string, jobId: string): Promise<KnownJob | undefined> {
    const job = this.list(apiUrl).find((j) => j.jobId === jobId);
    if (!job) return undefined;
    this.pending.delete(apiUrl);
    return this.confirm(job);
  }

  /** The server said the job does not exist (404): it is forgotten, pending or listed. */
  async reject(apiUrl: string, jobId: string): Promise<void> {
    if (this.pending.get(apiUrl)?.jobId === jobId) this.pending.delete(apiUrl);
    await this.remove(apiUrl, jobId);
  }

  async setState(apiUrl: string, jobId: string, state: JobState): Promise<void> {
    const jobs = this.list();
    const job = jobs.find((j) => j.jobId === jobId && j.apiUrl === apiUrl);
    if (!job || job.state === state) return;
    job.state = state;
    await this.store.update(JOBS_KEY, jobs);
    this.changed.fire();
  }

  async remove(apiUrl: string, jobId: string): Promise<void> {
    const jobs = this.list();
    const kept = jobs.filter((j) => !(j.jobId === jobId && j.apiUrl === apiUrl));
    if (kept.length !== jobs.length) await this.store.update(JOBS_KEY, kept);
    const map = this.currentMap();
    if (map[apiUrl] === jobId) {
      delete map[apiUrl];
      await this.store.update(CURRENT_KEY, map);
    }
    this.changed.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

  private currentMap(): Record<string, string> {
    const raw = this.store.get<unknown>(CURRENT_KEY);
    if (typeof raw !== 'object' || raw === null) return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

}


function isKnownJob(v: unknown): v is KnownJob {
  const j = v as KnownJob;
  return typeof v === 'object' && v !== null && typeof j.jobId === 'string' && typeof j.apiUrl === 'string' && typeof j.createdAt === 'number';
}

function dropUndefined(job: KnownJob): KnownJob {
  return Object.fromEntries(Object.entries(job).filter(([, v]) => v !== undefined)) as unknown as KnownJob;
}
