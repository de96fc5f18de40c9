/**
 * Jobs the user has worked with (most recently used first) and the current job, kept in a
 * key-value store: VS Code's workspaceState Memento in the extension, a Map in tests.
 */

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface KnownJob {
  jobId: string;
  /** The scraped URL, used to scrape again when the job's session cannot be restarted. */
  url?: string;
  title?: string;
  createdAt: number;
  apiUrl?: string;
}

export const HISTORY_MAX = 50;
const JOBS_KEY = 'firecrawlInteract.jobs';
const CURRENT_KEY = 'firecrawlInteract.currentJob';

export class JobHistory {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  list(): KnownJob[] {
    const raw = this.store.get<unknown>(JOBS_KEY);
    return Array.isArray(raw) ? raw.filter(isKnownJob) : [];
  }

  get(jobId: string): KnownJob | undefined {
    return this.list().find((j) => j.jobId === jobId);
  }

  /** Adds or refreshes a job and moves it to the top; details already known are kept. */
  async add(job: KnownJob): Promise<void> {
    const jobs = this.list();
    const old = jobs.find((j) => j.jobId === job.jobId);
    const merged: KnownJob = { ...old, ...dropUndefined(job) };
    await this.store.update(JOBS_KEY, [merged, ...jobs.filter((j) => j.jobId !== job.jobId)].slice(0, HISTORY_MAX));
  }

  async remove(jobId: string): Promise<void> {
    await this.store.update(JOBS_KEY, this.list().filter((j) => j.jobId !== jobId));
    if (this.current() === jobId) await this.store.update(CURRENT_KEY, undefined);
  }

  current(): string | undefined {
    const id = this.store.get<unknown>(CURRENT_KEY);
    return typeof id === 'string' && id ? id : undefined;
  }

  /** Makes the job current and the most recent in the list (adding it when unknown). */
  async setCurrent(jobId: string): Promise<void> {
    const jobs = this.list();
    // Already the most recent (the caller has just added it): the list needs no second write.
    if (jobs[0]?.jobId !== jobId) await this.add(jobs.find((j) => j.jobId === jobId) ?? { jobId, createdAt: this.now() });
    await this.store.update(CURRENT_KEY, jobId);
  }
}

/** "just now", "5 min ago", "2 h ago", "3 d ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

function isKnownJob(v: unknown): v is KnownJob {
  return typeof v === 'object' && v !== null && typeof (v as KnownJob).jobId === 'string' && typeof (v as KnownJob).createdAt === 'number';
}

function dropUndefined(job: KnownJob): KnownJob {
  return Object.fromEntries(Object.entries(job).filter(([, v]) => v !== undefined)) as unknown as KnownJob;
}
