/** How long sessions live: a lifetime from creation and an allowed idleness, each session its own. */

/** A session's own lifetimes, set by its first call (defaults: the engine's flags). */
export interface Lifetimes {
  ttlMs?: number;
  activityTtlMs?: number;
}

/** What the sweep reads of a session. */
export interface SessionClock {
  createdAt: number;
  lastActivity: number;
  ttlMs: number;
  activityTtlMs: number;
  /** Runs in progress (or queued): a session is never idle while one runs. */
  busy: number;
}

/** Whether the session has lived its lifetime or been idle longer than it may. */
export function outlived(s: SessionClock, now: number): boolean {
  const expired = now - s.createdAt >= s.ttlMs;
  const idle = s.busy === 0 && now - s.lastActivity >= s.activityTtlMs;
  return expired || idle;
}

/** How often sessions are checked: a session may ask for 10 s of idleness, so at least every second. */
export function sweepIntervalMs(activityTtlMs: number): number {
  return Math.min(1_000, Math.max(100, activityTtlMs / 10));
}
