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
