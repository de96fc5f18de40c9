/**
 * The browser sessions this window started, one per job: what the status bar, the commands
 * and the live view read. A session exists from the first interact call that the server
 * answered with HTTP 200 (the server creates the browser before running anything, so a
 * failed run also starts one); it ends when stopped, or when it has surely expired.
 */
import type { InteractResponse } from '../shared/api-types';

export interface SessionState {
  jobId: string;
  apiUrl: string;
  sessionId?: string;
  startedAt: number;
  lastActivity: number;
  liveViewUrl?: string;
  interactiveLiveViewUrl?: string;
  /** Capability URL: never log or print it. */
  cdpUrl?: string;
  promptUsed: boolean;
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

export class SessionStore {
  private readonly sessions = new Map<string, SessionState>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  get(jobId: string): SessionState | undefined {
    return this.sessions.get(jobId);
  }

  /** Oldest first. */
  list(): SessionState[] {
    return [...this.sessions.values()].sort((a, b) => a.startedAt - b.startedAt);
  }

  /**
   * Records an HTTP 200 interact answer (successful or failed run). `requestStartedAt`, when
   * given, dates a new session from when the request was sent: the server starts billing
   * while the request runs, so this errs on the side of a higher estimate.
   */
  recordInteract(jobId: string, apiUrl: string, res: InteractResponse, usedPrompt: boolean, requestStartedAt?: number): { state: SessionState; isNew: boolean } {
    const now = this.now();
    const old = this.sessions.get(jobId);
    // A different session id or server, or an expired one, means the server made a new browser.
    const isNew =
      !old || old.apiUrl !== apiUrl || (res.sessionId !== undefined && old.sessionId !== undefined && res.sessionId !== old.sessionId) || now >= expiresAt(old);
    const base: SessionState = isNew
      ? { jobId, apiUrl, startedAt: Math.min(requestStartedAt ?? now, now), lastActivity: now, promptUsed: false }
      : { ...(old as SessionState) };
    const state: SessionState = {
      ...base,
      lastActivity: now,
      promptUsed: base.promptUsed || usedPrompt,
      sessionId: res.sessionId ?? base.sessionId,
      liveViewUrl: res.liveViewUrl ?? base.liveViewUrl,
      interactiveLiveViewUrl: res.interactiveLiveViewUrl ?? base.interactiveLiveViewUrl,
      cdpUrl: res.cdpUrl ?? base.cdpUrl,
    };
    this.sessions.set(jobId, state);
    this.fire();
    return { state, isNew };
  }

  /** Forgets the session (after a stop, a 404/410, or expiry); returns what it was. */
  end(jobId: string): SessionState | undefined {
    const state = this.sessions.get(jobId);
    if (state) {
      this.sessions.delete(jobId);
      this.fire();
    }
    return state;
  }

  /** Ends the sessions the server has certainly destroyed by now; returns them. */
  pruneExpired(): SessionState[] {
    const now = this.now();
    const gone = this.list().filter((s) => now >= expiresAt(s));
    for (const s of gone) this.sessions.delete(s.jobId);
    if (gone.length > 0) this.fire();
    return gone;
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // One failing listener must not stop the others from updating.
      }
    }
  }
}
