/** One interact session: a job's own browser, its runners, tokens and clock. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { SessionBrowser } from '../browser/pool';
import { DomainGuard } from '../browser/domain-guard';
import { HttpError } from '../http/errors';
import { MESSAGES } from '../messages';
import type { ProfileLease } from '../browser/profiles';
import { BashRunner } from '../runners/bash-runner';
import type { BashFound } from '../runners/bash-path';
import { NodeRepl, type WorkerPool } from '../runners/node-runner';
import { PythonRunner } from '../runners/python-runner';
import type { SessionTrace } from '../trace/session-trace';
import type { Sandbox } from '../runners/sandbox';

export type SessionStatus = 'active' | 'destroyed';

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
  readonly node: NodeRepl;
  readonly bash: BashRunner;
  readonly python: PythonRunner;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The scrape job it belongs to; undefined for a standalone session (POST /v2/browser). */
    readonly jobId: string | undefined,
    readonly browser: SessionBrowser,
    workers: WorkerPool,
    dataDir: string,
    lifetimes: { ttlMs: number; activityTtlMs: number },
    interpreters: { python: string; bash: BashFound },
    sandbox: Sandbox | undefined,
  ) {
    this.ttlMs = lifetimes.ttlMs;
    this.activityTtlMs = lifetimes.activityTtlMs;
    const ws = browser.process.wsEndpoint;
    this.node = new NodeRepl(workers, ws);
    // agent-browser daemons quit after the session's whole lifetime at most (its browser is gone by then).
    this.bash = new BashRunner(dataDir, this.id, ws, this.ttlMs + 60_000, this.ended.signal, sandbox, interpreters.bash);
    this.python = new PythonRunner(interpreters.python, ws, this.ended.signal, sandbox);
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
      const zip = await this.node.traceFlush(timeoutMs);
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
