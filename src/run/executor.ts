/**
 * The one run path. Every way of running (selection, whole file, prompt, run again, history
 * entries, cells, notebooks) calls `run()`, which:
 * 1. resolves the server once (or takes the one given: a session's or a job's own);
 * 2. ensures a job on that server (the pending or current one, else asks);
 * 3. validates the request once;
 * 4. waits behind a run already going in the same session (the engine runs one at a time);
 * 5. sends it through the request helper (progress, cancel, spinner);
 * 6. records the session against the server the request went to, and confirms or rejects the
 *    job by what that server answered;
 * 7. returns the run record, after telling listeners at start and at finish.
 * Presentation (output, notifications, views, history) listens; it never sends requests.
 * POST interact is never retried: it is not idempotent.
 */
import { ApiError } from '../api/errors';
import type { InteractRequest } from '../shared/api-types';
import type { JobHistory } from '../sessions/job-history';
import type { Server } from '../sessions/server';
import { sessionKey, type SessionStore } from '../sessions/session-store';
import { checkInteract } from '../shared/validation';
import type { Requests } from './requests';
import type { RunListener, RunOptions } from './run-path';
import { Emitter } from '../shared/emitter';
import { kindLabel, statusOf, type RunInput, type RunRecord } from './types';

export interface ExecutorPorts {
  requests: Requests;
  sessions: SessionStore;
  jobs: JobHistory;
  /** The backend's current server (waits for a starting engine). */
  server(): Promise<Server>;
  /** Asks the user for a job on `server`; undefined when they cancel. */
  pickJob(server: Server): Promise<string | undefined>;
  /** The `timeout` sent with each run. */
  timeout(): number;
  /** firecrawlInteract.allowedDomains: sent as `allowedDomains` when not empty. */
  allowedDomains(): string[];
  /** Shows a problem found before sending (validation). */
  reject(message: string): void;
  /** A presenter failed: the run goes on, the failure is logged. */
  listenerFailed(err: unknown): void;
}

interface RunEvent {
  record: RunRecord;
  opts: RunOptions;
}

let counter = 0;

export class Executor {
  // A failing presenter must not break the run or the other presenters.
  private readonly started = new Emitter<RunEvent>((err) => this.ports.listenerFailed(err));
  private readonly finished = new Emitter<RunEvent>((err) => this.ports.listenerFailed(err));
  /** The last run of each session, so the next one waits for it. */
  private readonly tails = new Map<string, Promise<unknown>>();
  private last: { input: RunInput; jobId: string; server: Server } | undefined;

  constructor(private readonly ports: ExecutorPorts) {}

  async run(input: RunInput, opts: RunOptions = {}): Promise<RunRecord | undefined> {
    const server = opts.server ?? (await this.ports.server());
    const jobId = opts.jobId?.trim() ?? this.ports.jobs.target(server.apiUrl)?.jobId ?? (await this.ports.pickJob(server));
    if (!jobId) return undefined;

    const body: InteractRequest = input.kind === 'code' ? { code: input.code, language: input.language } : { prompt: input.prompt };
    body.timeout = this.ports.timeout();
    const allowed = opts.allowedDomains ?? this.ports.allowedDomains();
    if (allowed.length > 0) body.allowedDomains = allowed;
    const problem = checkInteract(jobId, body);
    if (problem) {
      this.ports.reject(problem);
      return undefined;
    }

    const record: RunRecord = { id: `run-${Date.now().toString(36)}-${++counter}`, input, jobId, server: server.toJSON(), startedAt: Date.now(), timeout: body.timeout, status: 'running' };
    this.last = { input, jobId, server };
    const key = sessionKey(server.apiUrl, jobId);
    const before = this.tails.get(key);
    const done = this.execute(record, body, server, opts, before);
    this.tails.set(key, done);
    void done.finally(() => {
      if (this.tails.get(key) === done) this.tails.delete(key);
    });
    return done;
  }

  /** A job was replaced by a new scrape: "Run again" follows it to the new job. */
  replaceJob(oldJobId: string, newJobId: string): void {
    if (this.last?.jobId === oldJobId) this.last = { ...this.last, jobId: newJobId };
  }

  /** The last run's input, job and server, for "Run again". */
  lastRun(): { input: RunInput; jobId: string; server: Server } | undefined {
    return this.last;
  }

  /** A finish listener may return a promise: `run()` resolves once every presenter is done. */
  onDidStart(listener: RunListener): { dispose(): void } {
    return this.started.event(({ record, opts }) => listener(record, opts));
  }

  onDidFinish(listener: RunListener): { dispose(): void } {
    return this.finished.event(({ record, opts }) => listener(record, opts));
  }

  private async execute(record: RunRecord, body: InteractRequest, server: Server, opts: RunOptions, before: Promise<unknown> | undefined): Promise<RunRecord> {
    const { sessions, jobs, requests } = this.ports;
    if (before) record.waiting = true;
    await this.started.fireAsync({ record, opts });
    if (before) {
      await before.catch(() => undefined);
      record.waiting = false;
      record.startedAt = Date.now();
    }
    const what = kindLabel(record.input);
    const short = record.jobId.slice(0, 8);
    let saving: Promise<unknown> = Promise.resolve();
    try {
      const { value: res } = await requests.send({
        id: record.id,
        label: record.input.kind === 'code' ? `Running ${what}…` : 'Asking the page…',
        title: record.input.kind === 'code' ? `Firecrawl · ${what} · job ${short} · ${server.label}` : `Firecrawl · prompt · job ${short} · ${server.label}`,
        location: opts.quiet ? 'window' : 'notification',
        server,
        signal: opts.signal,
        send: (client, target, signal) => client.interact(target, record.jobId, body, signal),
      });
      record.durationMs = Date.now() - record.startedAt;
      record.response = res;
      record.status = statusOf(res);
      const { isNew, state } = sessions.recordInteract(server, record.jobId, res, record.input.kind === 'prompt', record.startedAt);
      record.newSession = isNew;
      // The engine numbers its trace's runs; elsewhere the window counts the session's runs itself.
      record.sessionRun = typeof res.traceRun === 'number' ? res.traceRun : state.runs;
      const known = jobs.get(record.jobId, server.apiUrl);
      // The job list changes at once in memory; its persisting must not hold up the result.
      saving = jobs.confirm({ ...known, jobId: record.jobId, apiUrl: server.apiUrl, serverLabel: server.label, createdAt: known?.createdAt ?? Date.now(), state: 'active' });
    } catch (err) {
      record.durationMs = Date.now() - record.startedAt;
      record.status = err instanceof ApiError && err.kind === 'cancelled' ? 'cancelled' : 'error';
      record.errorMessage = err instanceof Error ? err.message : String(err);
      record.error = err;
      if (err instanceof ApiError && err.kind === 'http') saving = this.serverSaidGone(server, record.jobId, err.status);
    }
    await this.finished.fireAsync({ record, opts });
    await saving;
    return record;
  }

  /**
   * What the job's own server said about the job: a 404 means it has no such job (forgotten,
   * never current); a 409 or 410 means the job exists but its session cannot be (re)created
   * (listed as gone: scrape again).
   */
  private async serverSaidGone(server: Server, jobId: string, status: number | undefined): Promise<void> {
    const { sessions, jobs } = this.ports;
    if (status === 404) {
      sessions.end(server.apiUrl, jobId, 'not-found');
      await jobs.reject(server.apiUrl, jobId);
    } else if (status === 409 || status === 410) {
      sessions.end(server.apiUrl, jobId, 'gone');
      const known = jobs.get(jobId, server.apiUrl);
      await jobs.confirm({ ...known, jobId, apiUrl: server.apiUrl, serverLabel: server.label, createdAt: known?.createdAt ?? Date.now(), state: 'gone' });
    }
  }
}
