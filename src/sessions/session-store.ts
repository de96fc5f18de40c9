/**
 * The browser sessions this window started: what the status bar, the views, the commands and
 * the live view read. A session belongs to the server that created it (`server`) and is
 * keyed by that server and its job, so a session on one server is never touched by what
 * another server answers. It exists from the first interact call its server answered with
 * HTTP 200 (the server creates the browser before running anything, so a failed run also
 * starts one) and ends only when its server says so: a stop it answered, a 404/410 it gave,
 * or its session list no longer holding it.
 */
import type { InteractResponse } from '../shared/api-types';
import { Emitter } from '../shared/emitter';
import type { Server } from './server';

export interface SessionState {
  jobId: string;
  server: Server;
  sessionId?: string;
  startedAt: number;
  lastActivity: number;
  liveViewUrl?: string;
  interactiveLiveViewUrl?: string;
  /** Capability URL: never log or print it. */
  cdpUrl?: string;
  promptUsed: boolean;
  /** Runs the server answered in this session (the engine numbers them the same way in its trace). */
  runs?: number;
  /** Past the server's documented lifetime: waiting for the server to confirm it is gone. */
  overdue?: boolean;
}

/** Why a session ended, as its server told us. */
export type EndReason = 'stopped' | 'expired' | 'gone' | 'not-found' | 'server-stopped';

/** A session's capability URLs: whoever has one controls or watches its browser, so the log never shows them. */
export function capabilityUrls(state: SessionState): string[] {
  return [state.cdpUrl, state.liveViewUrl, state.interactiveLiveViewUrl].filter((u): u is string => typeof u === 'string');
}

/** Cloud session lifetime (docs): 10 minutes at most, 5 minutes without activity. */
export const SESSION_LIMITS = { ttlMs: 600_000, activityTtlMs: 300_000 } as const;

/** When the server will have destroyed the session at the latest. */
export function expiresAt(state: SessionState): number {
  return Math.min(state.startedAt + SESSION_LIMITS.ttlMs, state.lastActivity + SESSION_LIMITS.activityTtlMs);
}

export interface Disposable {
  dispose(): void;
}

export interface SessionEnded {
  state: SessionState;
  reason: EndReason;
}

export function sessionKey(apiUrl: string, jobId: string): string {
  return `${apiUrl}\n${jobId}`;
}

export class SessionStore {
  private readonly sessions = new Map<string, SessionState>();
  private readonly changed = new Emitter();
  private readonly ended = new Emitter<SessionEnded>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The session of `jobId` on `apiUrl`; without a server, the only (or newest) one of that job. */
  get(jobId: string, apiUrl?: string): SessionState | undefined {
    if (apiUrl !== undefined) return this.sessions.get(sessionKey(apiUrl, jobId));
    const found = this.list().filter((s) => s.jobId === jobId);
    return found[found.length - 1];
  }

  /** Oldest first. */
  list(): SessionState[] {
    return [...this.sessions.values()].sort((a, b) => a.startedAt - b.startedAt);
  }

  onServer(apiUrl: string): SessionState[] {
    return this.list().filter((s) => s.server.apiUrl === apiUrl);
  }

  /**
   * Records an HTTP 200 interact answer (successful or failed run). `requestStartedAt` dates a
   * new session from when the request was sent: the server starts billing while the request
   * runs, so this errs on the side of a higher estimate.
   */
  recordInteract(server: Server, jobId: string, res: InteractResponse, usedPrompt: boolean, requestStartedAt?: number): { state: SessionState; isNew: boolean } {
    const now = this.now();
    const key = sessionKey(server.apiUrl, jobId);
    const old = this.sessions.get(key);
    // A different session id, or one past its lifetime, means the server made a new browser.
    const isNew = !old || (res.sessionId !== undefined && old.sessionId !== undefined && res.sessionId !== old.sessionId) || now >= expiresAt(old);
    const base: SessionState = isNew ? { jobId, server, startedAt: Math.min(requestStartedAt ?? now, now), lastActivity: now, promptUsed: false, runs: 0 } : { ...(old as SessionState) };
    const state: SessionState = {
      ...base,
      server,
      lastActivity: now,
      overdue: false,
      promptUsed: base.promptUsed || usedPrompt,
      runs: (base.runs ?? 0) + 1,
      sessionId: res.sessionId ?? base.sessionId,
      liveViewUrl: res.liveViewUrl ?? base.liveViewUrl,
      interactiveLiveViewUrl: res.interactiveLiveViewUrl ?? base.interactiveLiveViewUrl,
      cdpUrl: res.cdpUrl ?? base.cdpUrl,
    };
    this.sessions.set(key, state);
    this.changed.fire();
    return { state, isNew };
  }

  /** Ends the session of `jobId` on `apiUrl` because that server said so; returns what it was. */
  end(apiUrl: string, jobId: string, reason: EndReason): SessionState | undefined {
    const key = sessionKey(apiUrl, jobId);
    const state = this.sessions.get(key);
    if (!state) return undefined;
    this.sessions.delete(key);
    this.ended.fire({ state, reason });
    this.changed.fire();
    return state;
  }

  /** Sessions past their documented lifetime, now flagged `overdue` until their server confirms. */
  markOverdue(): SessionState[] {
    const now = this.now();
    const due = this.list().filter((s) => now >= expiresAt(s));
    let changed = false;
    for (const s of due) {
      if (!s.overdue) {
        s.overdue = true;
        changed = true;
      }
    }
    if (changed) this.changed.fire();
    return due;
  }

  onDidChange(listener: () => void): Disposable {
    return this.changed.event(listener);
  }

  onDidEnd(listener: (e: SessionEnded) => void): Disposable {
    return this.ended.event(listener);
  }
}
