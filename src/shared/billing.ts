/**
 * Browser-session billing, one formula for the engine (what it bills) and the extension
 * (what it estimates): credits per minute, prorated per second, rounded up, with a
 * one-minute minimum. A session in which a prompt ran is billed at the prompt rate.
 */

export interface CreditRates {
  /** Credits per browser minute for code-only sessions (cloud: 2). */
  perMinute: number;
  /** Credits per browser minute once a prompt ran in the session (cloud: 7). */
  promptPerMinute: number;
}

export const DEFAULT_RATES: CreditRates = { perMinute: 2, promptPerMinute: 7 };

export function rateFor(promptUsed: boolean, rates: CreditRates = DEFAULT_RATES): number {
  return promptUsed ? rates.promptPerMinute : rates.perMinute;
}

export function creditsFor(durationMs: number, promptUsed: boolean, rates: CreditRates = DEFAULT_RATES): number {
  const rate = rateFor(promptUsed, rates);
  const seconds = Math.ceil(Math.max(0, durationMs) / 1000);
  const prorated = Math.ceil((seconds * rate) / 60);
  return Math.max(Math.ceil(rate), prorated);
}
