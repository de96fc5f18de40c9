/** What the output and notifications say about a session's lifetime and credit budget. */
import { settingId } from '../ids';
import type { SessionState } from '../sessions/session-store';

const BUDGET_SETTING = settingId('sessionCreditBudget');

export function expiredLine(s: SessionState): string {
  return `■ The session of job ${s.jobId} on ${s.server.label} has ended on the server (it expired: 10 minutes at most, 5 without activity); it is billed to its end.`;
}

export function budgetWarningLine(s: SessionState, credits: number, budget: number): string {
  return `⚠ The session of job ${s.jobId} has used an estimated ${credits} of its ${budget}-credit budget (${BUDGET_SETTING}); it is stopped at ${budget}.`;
}

export function budgetWarningNotice(s: SessionState, credits: number, budget: number): string {
  return `The session of job ${s.jobId.slice(0, 8)} is at ~${credits} of its ${budget}-credit budget; it will be stopped at ${budget}.`;
}

export function budgetStopLine(s: SessionState, credits: number, budget: number): string {
  return `■ Stopping the session of job ${s.jobId}: its estimated ${credits} credits reached the budget of ${budget} (${BUDGET_SETTING}).`;
}
