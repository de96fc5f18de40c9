/**
 * The session registry. Browser sessions: a job's (created on its first interact: fresh browser, job URL opened,
 * actions replayed, see job-replay.ts) and standalone ones (POST /v2/browser, a blank page). All are limited in
 * number, expired by lifetime and idleness, and stopped with a bill. A job's session cannot be
 * restarted once it ended (410), as in the cloud.
 */
import { creditsFor } from '../../shared/billing';
import type { BrowserPool } from '../browser/pool';
import { HttpError, resourceShortage } from '../http/errors';
import type { JobRecord, JobStore } from '../scrape/job-store';
import { MESSAGES } from '../messages';
import type { RunnerFactory } from '../runners/runner-table';
import type { Language } from '../runners/types';
import type { ProfileRequest, ProfileStore } from '../browser/profiles';
import { hostOf, replayJob } from './job-replay';
import { outlived, sweepIntervalMs, type Lifetimes } from './lifetimes';
import { Session } from './session';
import type { TraceStore } from '../trace/trace-store';

const MAX_ENDED_KEPT = 100;
const TRACE_FLUSH_AT_END_MS = 5_000;

export interface SessionLimits {
  /** --max-sessions: active sessions of all kinds together. */
  maxSessions: number;
  /** The lifetime and allowed idleness (ms) of a session whose first call sets none. */
  ttlMs: number;
  activityTtlMs: number;
}

export interface SessionManagerOptions {
  pool: BrowserPool;
  jobs: JobStore;
  profiles: ProfileStore;
  /** Builds each session's runners. */
  runners: RunnerFactory;
  limits: SessionLimits;
  /** Set when sessions record traces (--trace on). */
  traces?: TraceStore;
}

export interface EndedSession {
  durationMs: number;
  creditsBilled: number;
}

/** Options of a standalone session (POST /v2/browser). */
export interface StandaloneOptions extends Lifetimes {
  streamWebView: boolean;
  profile?: ProfileRequest;
}

export class SessionManager {
  private readonly byJob = new Map<string, Session>();
  private readonly byId = new Map<string, Session>();
  private readonly creating = new Map<string, Promise<Session>>();
  /** Standalone sessions being launched (they count against --max-sessions too). */
  private startingStandalone = 0;
  private readonly sweeper: NodeJS.Timeout;
  /** Told when a session ends (live view, CDP proxy). */
  onDestroyed: (session: Session) => void = () => undefined;

  private readonly pool: BrowserPool;
  private readonly jobs: JobStore;
  private readonly profiles: ProfileStore;
  private readonly runners: RunnerFactory;
  private readonly limits: SessionLimits;
  /** Set when sessions record traces (--trace on). */
  readonly traces?: TraceStore;

  constructor(opts: SessionManagerOptions) {
    this.pool = opts.pool;
    this.jobs = opts.jobs;
    this.profiles = opts.profiles;
    this.runners = opts.runners;
    this.limits = opts.limits;
    this.traces = opts.traces;
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs(opts.limits.activityTtlMs));
    this.sweeper.unref();
  }

  /**
   * The job's active session, created (with its replay) on first use by a run in `firstRun`. A node
   * session's REPL worker starts and connects while the page is rebuilt; a python, bash or prompt
   * session starts the worker only when a node run comes (the worker is about half of what a new
   * session costs in CPU).
   */
  async forJob(jobId: string, lifetimes: Lifetimes = {}, firstRun: Language = 'node'): Promise<Session> {
    const job = this.jobs.get(jobId);
    if (!job) throw new HttpError(404, MESSAGES.jobNotFound);
    const existing = this.byJob.get(jobId);
    if (existing) {
      if (existing.status === 'destroyed') throw ended(existing);
      return existing;
    }
    if (job.sessionEnded) throw new HttpError(410, MESSAGES.destroyed);
    const pending = this.creating.get(jobId);
    if (pending) return pending;
    this.checkRoom();
    const creation = this.create(job, lifetimes, firstRun);
    this.creating.set(jobId, creation);
    try {
      return await creation;
    } finally {
      this.creating.delete(jobId);
    }
  }

  /** The host of the job's scrape URL (404 for an unknown job; undefined for a file: URL). */
  jobHost(jobId: string): string | undefined {
    const job = this.jobs.get(jobId);
    if (!job) throw new HttpError(404, MESSAGES.jobNotFound);
    return hostOf(job.replay.url);
  }

  /** A standalone session on a blank page (POST /v2/browser). */
  async createStandalone(opts: StandaloneOptions): Promise<Session> {
    this.checkRoom();
    this.startingStandalone++;
    try {
      const session = await this.launch(undefined, opts, opts.profile);
      if (session.browser.context.pages().length === 0) await session.browser.context.newPage();
      // A traced session records from its start, before its first run.
      if (session.trace) session.prepare();
      session.streamWebView = opts.streamWebView;
      session.lastActivity = Date.now();
      this.byId.set(session.id, session);
      this.endWithBrowser(session);
      return session;
    } finally {
      this.startingStandalone--;
    }
  }

  /** An active standalone or job session by its id: 404 unknown, 410 ended. */
  active(sessionId: string): Session {
    const session = this.byId.get(sessionId);
    if (!session) throw new HttpError(404, MESSAGES.noSession);
    if (session.status === 'destroyed') throw ended(session);
    return session;
  }

  /** Stops a session by its id and bills it; an ended one answers its final bill. */
  async stopById(sessionId: string): Promise<EndedSession> {
    const session = this.byId.get(sessionId);
    if (!session) throw new HttpError(404, MESSAGES.noSession);
    await this.destroy(session);
    return { durationMs: session.durationMs, creditsBilled: session.creditsBilled ?? 0 };
  }

  /** Stops the job's session and bills it; an already-ended session answers its final bill. */
  async stop(jobId: string): Promise<EndedSession> {
    const pending = this.creating.get(jobId);
    if (pending) await pending.catch(() => undefined);
    const session = this.byJob.get(jobId);
    if (session) {
      await this.destroy(session);
      return { durationMs: session.durationMs, creditsBilled: session.creditsBilled ?? 0 };
    }
    const ended = this.jobs.get(jobId)?.sessionEnded;
    if (ended) return { durationMs: ended.durationMs, creditsBilled: ended.creditsBilled };
    throw new HttpError(404, MESSAGES.noSession);
  }

  get(sessionId: string): Session | undefined {
    return this.byId.get(sessionId);
  }

  list(status?: 'active' | 'destroyed'): Session[] {
    return [...this.byId.values()].filter((s) => !status || s.status === status);
  }

  activeCount(): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.status === 'active') n++;
    return n;
  }

  /** 429 when a new session would pass --max-sessions (job and standalone sessions alike). */
  private checkRoom(): void {
    if (this.activeCount() + this.creating.size + this.startingStandalone < this.limits.maxSessions) return;
    throw new HttpError(
      429,
      `You have reached the maximum number of active browser sessions (${this.limits.maxSessions}). ` +
        'Stop a session you no longer need (DELETE /v2/scrape/{jobId}/interact or DELETE /v2/browser/{id}) or wait for one to expire, then try again; ' +
        'the local engine allows more with --max-sessions.',
    );
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.creating.values()].map((p) => p.catch(() => undefined)));
    await Promise.all(this.list('active').map((s) => this.destroy(s)));
  }

  async destroy(session: Session): Promise<void> {
    if (session.status === 'destroyed') return;
    session.status = 'destroyed';
    session.endedAt = Math.min(Date.now(), session.createdAt + session.ttlMs);
    session.creditsBilled = creditsFor(session.durationMs, session.promptUsed);
    const job = session.jobId === undefined ? undefined : this.jobs.get(session.jobId);
    if (job) {
      job.sessionEnded = { sessionId: session.id, durationMs: session.durationMs, creditsBilled: session.creditsBilled, endedAt: new Date(session.endedAt).toISOString() };
      this.jobs.save(job);
    }
    session.ended.abort();
    this.forgetOldEnded();
    this.onDestroyed(session);
    if (session.trace) {
      // The rest of the recording, while the REPL and browser are still there.
      await session.flushTrace(TRACE_FLUSH_AT_END_MS);
      this.traces?.retire(session.trace);
    }
    session.closeRunners();
    if (!session.profile) return session.browser.close();
    // A profile is saved from a browser that wrote it to disk: an orderly quit, then the copy.
    await session.browser.quit();
    await this.profiles.release(session.profile, true);
  }

  /** A fresh browser (on a working copy of the profile, if one is named) and its session (not yet listed). */
  private async launch(jobId: string | undefined, lifetimes: Lifetimes, profile?: ProfileRequest): Promise<Session> {
    const lease = profile && (await this.profiles.checkout(profile));
    let browser;
    try {
      browser = await (lease ? this.pool.launchOn(lease.dir) : this.pool.take());
    } catch (err) {
      if (lease) await this.profiles.release(lease, false);
      // A remote browser service's errors already say what happened and what to do (503, 400).
      if (err instanceof HttpError) throw err;
      const shortage = resourceShortage(err);
      if (shortage) throw shortage;
      throw new HttpError(502, `Failed to create browser session: ${(err as Error).message.split('\n')[0]}`);
    }
    const ttlMs = lifetimes.ttlMs ?? this.limits.ttlMs;
    const activityTtlMs = lifetimes.activityTtlMs ?? this.limits.activityTtlMs;
    const session = new Session({ jobId, browser, runners: this.runners, ttlMs, activityTtlMs });
    session.profile = lease;
    if (this.traces) session.record(this.traces.open(session.id));
    return session;
  }

  private async create(job: JobRecord, lifetimes: Lifetimes, firstRun: Language): Promise<Session> {
    const session = await this.launch(job.id, lifetimes, job.replay.profile);
    session.scrapeHost = hostOf(job.replay.url);
    const browser = session.browser;
    // The REPL worker connects while the page is being rebuilt (a traced session records from its start).
    if (firstRun === 'node' || session.trace) session.prepare();
    try {
      await replayJob(browser.context, job.replay);
    } catch (err) {
      session.closeRunners();
      session.trace?.remove();
      await browser.close();
      if (session.profile) await this.profiles.release(session.profile, false);
      throw new HttpError(409, MESSAGES.replay, { reason: (err as Error).message.split('\n')[0] });
    }
    // Idleness counts from when the session is ready, not from when its replay began.
    session.lastActivity = Date.now();
    this.byJob.set(job.id, session);
    this.byId.set(session.id, session);
    this.endWithBrowser(session);
    return session;
  }

  /** A browser that crashed or was killed ends its session: no live view of nothing, no slot held. */
  private endWithBrowser(session: Session): void {
    void session.browser.process.exited.then(() => this.destroy(session));
  }

  /**
   * Ended sessions stay listed (GET /v2/browser?status=destroyed) up to a bound; older ones
   * are dropped from memory. Their job keeps its final bill, so it still answers 410 and DELETE.
   */
  private forgetOldEnded(): void {
    const ended = [...this.byId.values()].filter((s) => s.status === 'destroyed');
    for (const s of ended.slice(0, Math.max(0, ended.length - MAX_ENDED_KEPT))) {
      this.byId.delete(s.id);
      if (s.trace) this.traces?.forget(s.trace);
      if (s.jobId !== undefined && this.byJob.get(s.jobId) === s) this.byJob.delete(s.jobId);
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const s of this.byId.values()) {
      if (s.status === 'active' && outlived(s, now)) void this.destroy(s);
    }
  }
}

/** 410 for an ended session, with the reason when the engine closed its browser itself. */
function ended(session: Session): HttpError {
  const reason = session.browser.process.endReason;
  return new HttpError(410, MESSAGES.destroyed, reason ? { reason } : {});
}
