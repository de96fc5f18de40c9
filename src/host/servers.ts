/**
 * The Server to address for something that belongs to `apiUrl` (a job, a history entry): a
 * live session's own server (with the key it was created with), or the backend's when that
 * is the same URL. Undefined when the window has no way to reach it now.
 */
import type { Server } from '../sessions/server';
import type { SessionStore } from '../sessions/session-store';
import type { Backend } from './backend';
import type { Warner } from './notices';
import { l10n } from '../shared/l10n';

export interface ServerSources {
  sessions: Pick<SessionStore, 'onServer'>;
  backend: Pick<Backend, 'snapshot' | 'server'>;
}

export async function serverFor(src: ServerSources, apiUrl: string): Promise<Server | undefined> {
  const session = src.sessions.onServer(apiUrl)[0];
  if (session) return session.server;
  if (src.backend.snapshot().apiUrl === apiUrl) return src.backend.server();
  return undefined;
}

export function unreachable(src: ServerSources & { notifier: Warner }, apiUrl: string, what: string): void {
  const now = src.backend.snapshot();
  src.notifier.warn(l10n.t('{0} belongs to {1}, but this window now uses {2} ({3}) and has no session there. Switch the backend back (Firecrawl: Switch backend), or run it in the current job instead.', what, apiUrl, now.label, now.apiUrl));
}
