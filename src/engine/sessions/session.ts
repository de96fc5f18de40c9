/** One interact session: a job's own browser, its runners, tokens and clock. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SessionBrowser } from '../browser/pool';
import { DomainGuard } from '../browser/domain-guard';
import { HttpError } from '../http/errors';
import { MESSAGES } from '../messages';
import type { ProfileLease } from '../browser/profiles';
import type { NodeRepl } from '../runners/node-runner';
import type { RunnerFactory, RunnerTable } from '../runners/runner-table';
import type { SessionTrace } from '../trace/session-trace';

export type SessionStatus = 'active' | 'destroyed';

export interface SessionOptions {
  /** The scrape job it belongs to; undefined for a standalone session (POST /v2/browser). */
  jobId?: string;
  browser: SessionBrowser;
  /** Builds the session's runners (node, python, bash, the prompt agent). */
  runners: RunnerFactory;
  /** Lifetime and allowed idleness (ms). */
  ttlMs: number;
  activityTtlMs: number;
}

export class Session {
  readonly id = randomUUID();
  /** Capability tokens (192 bit): the cdpUrl and the live-view URLs carry them. */
  readonly cdpToken = randomBytes(24).toString('base64url');
  readonly liveToken = randomBytes(24).toString('base64url');
  readonly createdAt = Date.now();
  lastActivity = Date.now();
  status: SessionStatus = 'active';
  promptUsed = false;
  /** The saved profile this session runs on (its browser's profile folder is a working copy). */
  profile?: ProfileLease;
  /** The client asked for the live view stream (standalone sessions' option; always served here). */
  streamWebView = true;
  /** Lifetime and allowed idleness (ms): the first call's `ttl` and `activityTtl`, or the engine's. */
  readonly ttlMs: number;
  readonly activityTtlMs: number;
  endedAt?: number;
  creditsBilled?: number;
  /** Aborted when the session ends, so a running prompt agent or bash/python run stops. */
  readonly ended = new AbortController();
  /** The host of the scrape the session replays (allowedDomains always include it). */
  scrapeHost?: string;
  /** Set once a call sent allowedDomains: the session's pages may reach only those hosts. */
  guard?: DomainGuard;
  /** The session's Playwright trace, when the engine records them (--trace on). */
  trace?: SessionTrace;
  /** Runs so far; each run is marked in the trace by its number. */
  runCount = 0;
  /** Runs in progress (or queued); an idle timeout never fires while one is running. */
  busy = 0;
  /** The runner for each language. */
  readonly runners: RunnerTable;
  /** The scrape job it belongs to; undefined for a standalone session (POST /v2/browser). */
  readonly jobId: string | undefined;
  readonly browser: SessionBrowser;
  /** The node runner, whose Playwright connection also records the session's trace. */
  private readonly repl: NodeRepl;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(opts: SessionOptions) {
    this.jobId = opts.jobId;
    this.browser = opts.browser;
    this.ttlMs = opts.ttlMs;
    this.activityTtlMs = opts.activityTtlMs;
    const side = { id: this.id, wsEndpoint: opts.browser.process.wsEndpoint, context: opts.browser.context, ended: this.ended.signal, ttlMs: this.ttlMs };
    const { repl, table } = opts.runners.create(side);
    this.repl = repl;
    this.runners = table;
  }

  /** Starts the node REPL's browser connection ahead of the first run (a traced session records from then on). */
  prepare(): void {
    void this.repl.prepare().catch(() => undefined);
  }

  /** Records the session's Playwright trace into `trace` from the REPL's connection on. */
  record(trace: SessionTrace): void {
    this.trace = trace;
    this.repl.traceTitle = `Session ${this.id}`;
  }

  /** Marks the start (a run's title) or end (undefined) of a run in the trace. */
  traceMark(name: string | undefined): void {
    this.repl.traceMark(name);
  }

  /** Stops every runner's processes (REPLs, agent-browser's daemon). */
  closeRunners(): void {
    for (const runner of Object.values(this.runners)) runner.close();
  }

  /** Limits the session's pages to `hosts` from now on (a later call's list replaces it). */
  restrictTo(hosts: string[]): Promise<void> {
    this.guard ??= new DomainGuard(this.browser.context);
    return this.guard.restrict(hosts);
  }

  /** Moves what the REPL recorded since the last time into the session's trace. */
  async flushTrace(timeoutMs: number): Promise<void> {
    if (!this.trace) return;
    try {
      const zip = await this.repl.traceFlush(timeoutMs);
      if (zip) await this.trace.addPart(zip);
    } catch (err) {
      this.trace.dropped.push(`a trace part was lost: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  get durationMs(): number {
    return (this.endedAt ?? Date.now()) - this.createdAt;
  }

  /**
   * Runs `fn` after the session's earlier runs: one run at a time per session, like one REPL.
   * A run still queued when the session ends answers 410 instead of running.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.busy++;
    this.lastActivity = Date.now();
    const guarded = (): Promise<T> => (this.status === 'destroyed' ? Promise.reject(new HttpError(410, MESSAGES.destroyed)) : fn());
    const next = this.queue.then(guarded, guarded);
    this.queue = next.catch(() => undefined);
    return next.finally(() => {
      this.busy--;
      this.lastActivity = Date.now();
    });
  }
}
