import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { BrowserContext } from 'playwright-core';

/** What the live view needs to know of one engine session. */
export interface LiveSessionHandle {
  id: string;
  /** Unguessable per-session token required by /live/:id?token=... */
  liveToken: string;
  /** The engine's own Playwright connection to the session's browser (default context). */
  context: BrowserContext;
}

/** Serves GET /live/:sessionId (the viewer page), its script and the frame WebSocket. */
export interface LiveViewRoutes {
  /** Handles the request and returns true when the path is a live-view path. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles a WebSocket upgrade and returns true when the path is a live-view path. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Disconnects every viewer of a session (called when the session is destroyed). */
  closeSession(sessionId: string): void;
}
