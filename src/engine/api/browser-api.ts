/**
 * POST /v2/browser and DELETE /v2/browser/{id}: standalone browser sessions, not bound to a
 * scrape (runs go to POST /v2/browser/{id}/execute, see interact-api.ts); DELETE of saved profiles.
 */
import { sessionUrls } from './session-urls';
import { badRequest } from '../http/errors';
import type { ProfileStore } from '../browser/profiles';
import type { BrowserBody } from '../schemas/browser';
import { lifetimesMs } from '../schemas/interact';
import type { SessionManager } from '../sessions/session-manager';

export class BrowserApi {
  constructor(
    private readonly sessions: SessionManager,
    private readonly profiles: ProfileStore,
  ) {}

  async create(req: BrowserBody, origin: string): Promise<Record<string, unknown>> {
    const session = await this.sessions.createStandalone({ ...lifetimesMs(req), streamWebView: req.streamWebView, profile: req.profile });
    return {
      success: true,
      id: session.id,
      ...sessionUrls(session, origin),
      expiresAt: new Date(session.createdAt + session.ttlMs).toISOString(),
    };
  }

  /** DELETE /v2/browser/profiles/{name}. */
  async deleteProfile(name: string): Promise<Record<string, unknown>> {
    await this.profiles.remove(name);
    return { success: true };
  }

  async stop(sessionId: string): Promise<Record<string, unknown>> {
    const ended = await this.sessions.stopById(sessionId);
    return { success: true, status: 'destroyed', sessionDurationMs: ended.durationMs, creditsBilled: ended.creditsBilled };
  }

  /** GET /v2/browser?status=active|destroyed: standalone and job sessions alike. */
  list(status: string | null, origin: string): Record<string, unknown> {
    if (status !== null && status !== 'active' && status !== 'destroyed') {
      const message = `Invalid status "${status}": use active or destroyed.`;
      throw badRequest(message, [{ code: 'invalid_enum_value', path: ['status'], message }]);
    }
    const sessions = this.sessions.list(status ?? undefined).map((s) => ({
      id: s.id,
      status: s.status,
      ...(s.status === 'active' ? sessionUrls(s, origin) : {}),
      streamWebView: s.streamWebView,
      createdAt: new Date(s.createdAt).toISOString(),
      lastActivity: new Date(s.lastActivity).toISOString(),
    }));
    return { success: true, sessions };
  }
}
