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

export interface CostSummary {
  count: number;
  credits: number;
  /** Status-bar text with a codicon; empty when there is no session. */
  text: string;
  /** Hover text, saying that the figure is an estimate and how it is computed. */
  tooltip: string;
}

export function summarize(states: readonly SessionState[], now: number, rates: CreditRates = DEFAULT_RATES): CostSummary {
  const estimates = states.map((s) => ({ s, e: estimate(s, now, rates) }));
  const credits = estimates.reduce((sum, { e }) => sum + e.credits, 0);
  const count = states.length;
  if (count === 0) return { count, credits: 0, text: '', tooltip: '' };
  const text = count === 1 ? `$(globe) ${formatElapsed(estimates[0].e.elapsedMs)} · ~${credits} cr` : `$(globe) ${count} sessions · ~${credits} cr`;
  const lines = estimates.map(({ s, e }) => `Job ${s.jobId}: ${formatElapsed(e.elapsedMs)}, ~${e.credits} credits${s.promptUsed ? ' (prompt rate)' : ''}`);
  const how = `Estimate: ${rates.perMinute} credits per minute (${rates.promptPerMinute} once a prompt ran), prorated per second, minimum one minute, rounded up. The server's bill is reported when you stop the session.`;
  return { count, credits, text, tooltip: [...lines, '', how, 'Click to stop.'].join('\n') };
}
