import { createHmac } from 'node:crypto';
import { sameSecret } from '../http/auth';

/** What a live-view token lets its holder do. */
export type LiveAccess = 'interactive' | 'read-only';

/**
 * The read-only link carries a token derived from the session's live token, so holding the
 * read-only URL does not let anyone add `&interactive=1` and take control of the browser.
 */
export function readOnlyToken(liveToken: string): string {
  return createHmac('sha256', liveToken).update('firecrawl-interact live view: read-only').digest('base64url');
}

/** Which access `given` grants for a session whose live token is `liveToken`, if any. */
export function accessFor(given: string | null, liveToken: string): LiveAccess | undefined {
  if (!given || !liveToken) return undefined;
  if (sameSecret(given, liveToken)) return 'interactive';
  if (sameSecret(given, readOnlyToken(liveToken))) return 'read-only';
  return undefined;
}

/** The two capability URLs of a session's live view. */
export function liveUrls(baseUrl: string, sessionId: string, token: string): { liveViewUrl: string; interactiveLiveViewUrl: string } {
  const base = `${baseUrl.replace(/\/+$/, '')}/live/${encodeURIComponent(sessionId)}`;
  return {
    liveViewUrl: `${base}?token=${encodeURIComponent(readOnlyToken(token))}`,
    interactiveLiveViewUrl: `${base}?token=${encodeURIComponent(token)}&interactive=1`,
  };
}
