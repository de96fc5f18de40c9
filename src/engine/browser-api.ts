/**
 * POST /v2/browser and DELETE /v2/browser/{id}: standalone browser sessions, not bound to a
 * scrape (runs go to POST /v2/browser/{id}/execute, see interact.ts).
 */
import { checkSessionIdParam, sessionUrls } from './interact';
import { browserBody } from './schemas/browser';
import { lifetimesMs } from './schemas/interact';
import { parseBody } from './schemas/validate';
import type { SessionManager } from './sessions';

export class BrowserApi {
  constructor(private readonly sessions: SessionManager) {}

  async create(body: Record<string, unknown>, origin: string): Promise<Record<string, unknown>> {
    const req = parseBody(browserBody, body);
    const session = await this.sessions.createStandalone({ ...lifetimesMs(req), streamWebView: req.streamWebView });
    return {
      success: true,
      id: session.id,
      ...sessionUrls(session, origin),
      expiresAt: new Date(session.createdAt + session.ttlMs).toISOString(),
    };
  }

  async stop(rawSessionId: string): Promise<Record<string, unknown>> {
    const ended = await this.sessions.stopById(checkSessionIdParam(rawSessionId));
    return { success: true, status: 'destroyed', sessionDurationMs: ended.durationMs, creditsBilled: ended.creditsBilled };
  }
}
