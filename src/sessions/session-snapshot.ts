/**
 * What the exported API (`ExtensionApi.sessions`) gives other extensions and the tests: copies
 * of the session states, never the live objects, never the key a session's server was used
 * with. Capability URLs (CDP, live views) give full control of a browser; they are in the copies
 * only when the test harness asked for them in a development or test run (`withCapabilities`),
 * which an installed extension never is.
 */
import type { ServerInfo } from './server';
import type { SessionState } from './session-store';

export interface SessionSnapshot {
  jobId: string;
  server: ServerInfo;
  sessionId?: string;
  startedAt: number;
  lastActivity: number;
  promptUsed: boolean;
  overdue?: boolean;
  /** Capability URLs: present only in the extension's own test runs. */
  liveViewUrl?: string;
  interactiveLiveViewUrl?: string;
  cdpUrl?: string;
}

export interface SessionsView {
  list(): SessionSnapshot[];
  get(jobId: string, apiUrl?: string): SessionSnapshot | undefined;
}

export function snapshotSession(s: SessionState, withCapabilities: boolean): SessionSnapshot {
  const copy: SessionSnapshot = {
    jobId: s.jobId,
    server: { apiUrl: s.server.apiUrl, kind: s.server.kind, label: s.server.label },
    ...(s.sessionId !== undefined ? { sessionId: s.sessionId } : {}),
    startedAt: s.startedAt,
    lastActivity: s.lastActivity,
    promptUsed: s.promptUsed,
    ...(s.overdue !== undefined ? { overdue: s.overdue } : {}),
  };
  if (withCapabilities) Object.assign(copy, { liveViewUrl: s.liveViewUrl, interactiveLiveViewUrl: s.interactiveLiveViewUrl, cdpUrl: s.cdpUrl });
  return copy;
}

/** The environment variable the test harness sets to see capability URLs (honoured only in development or test runs). */
export const TEST_CAPABILITIES_ENV = 'FIRECRAWL_INTERACT_TEST_CAPABILITIES';

/** A live-view snapshot without the frame's URL (a capability), outside the extension's own test runs. */
export function hideFrameSrc<T extends { html: string; iframeSrc?: string }>(view: T, withCapabilities: boolean): T {
  if (withCapabilities || view.iframeSrc === undefined) return view;
  const copy = { ...view, html: view.html.replace(/(<iframe\b[^>]*?\ssrc=")[^"]*"/, '$1about:blank"') };
  delete copy.iframeSrc;
  return copy;
}
