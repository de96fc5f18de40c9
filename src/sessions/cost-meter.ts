/**
 * The running cost estimate of active sessions, from the shared billing formula. It is an
 * estimate: the server bills from its own clock, which starts when the browser is created.
 */
import type { CreditRates } from '../shared/billing';
import { creditsFor, DEFAULT_RATES } from '../shared/billing';
import type { SessionState } from './session-store';
import { expiresAt } from './session-store';

export interface CostEstimate {
  elapsedMs: number;
  credits: number;
}

/** Elapsed time stops at the latest possible expiry: an expired session is billed to its end. */
export function estimate(state: SessionState, now: number, rates: CreditRates = DEFAULT_RATES): CostEstimate {
  const end = Math.min(now, expiresAt(state));
  const elapsedMs = Math.max(0, end - state.startedAt);
  return { elapsedMs, credits: creditsFor(elapsedMs, state.promptUsed, rates) };
}

/** m:ss below an hour, h:mm:ss above. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
