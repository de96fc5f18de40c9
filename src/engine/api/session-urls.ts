/** The capability URLs a session hands out: its cdpUrl and live views, each carrying a token. */
import { liveUrls } from '../live/live-view';
import type { Session } from '../sessions/session';

export interface SessionUrls {
  cdpUrl: string;
  liveViewUrl: string;
  interactiveLiveViewUrl: string;
}

/** The session's capability URLs under `origin`, the engine's public base URL (http(s)://host:port). */
export function sessionUrls(session: Session, origin: string): SessionUrls {
  return {
    cdpUrl: `${origin.replace(/^http/, 'ws')}/cdp/${session.id}?token=${session.cdpToken}`,
    ...liveUrls(origin, session.id, session.liveToken),
  };
}
