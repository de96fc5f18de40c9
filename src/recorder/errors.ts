/** Errors as the helper reports them: one line, no stack, no cdpUrl (Playwright's messages may quote it). */
import { redact } from '../api/redact';

export function messageOf(err: unknown, cdpUrl?: string): string {
  const text = err instanceof Error ? err.message : String(err);
  // Playwright appends a call log after the first line; the first line says what failed.
  return redact(text.split('\n')[0].slice(0, 500), [cdpUrl]);
}

export function isCancelled(err: unknown): boolean {
  return err instanceof Error && /picking was cancelled/i.test(err.message);
}
