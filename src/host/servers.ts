/**
 * The Server to address for something that belongs to `apiUrl` (a job, a history entry): a
 * live session's own server (with the key it was created with), or the backend's when that
 * is the same URL. Undefined when the window has no way to reach it now.
 */
import type { Server } from '../sessions/server';
import type { Services } from '../wiring/services';

export async function serverFor(svc: Services, apiUrl: string): Promise<Server | undefined> {
  const session = svc.sessions.onServer(apiUrl)[0];
  if (session) return session.server;
  if (svc.backend.snapshot().apiUrl === apiUrl) return svc.backend.server();
  return undefined;
}

export function unreachable(svc: Services, apiUrl: string, what: string): void {
  const now = svc.backend.snapshot();
  svc.notifier.warn(`${what} belongs to ${apiUrl}, but this window now uses ${now.label} (${now.apiUrl}) and has no session there. Switch the backend back (Firecrawl: Switch backend), or run it in the current job instead.`);
}
