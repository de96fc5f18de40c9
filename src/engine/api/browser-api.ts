/**
 * POST /v2/browser and DELETE /v2/browser/{id}: standalone browser sessions, not bound to a
 * scrape (runs go to POST /v2/browser/{id}/execute, see interact-api.ts); DELETE of saved profiles.
 */
import { checkSessionIdParam } from './params';
import { sessionUrls } from './session-urls';
import { badRequest } from '../http/errors';
import type { ProfileStore } from '../browser/profiles';
import { browserBody, PROFILE_NAME, PROFILE_NAME_RULE } from '../schemas/browser';
import { lifetimesMs } from '../schemas/interact';
import { parseBody } from '../schemas/validate';
import type { SessionManager } from '../sessions/session-manager';

export class BrowserApi {
  constructor(
    private readonly sessions: SessionManager,
    private readonly profiles: ProfileStore,
  ) {}

  async create(body: Record<string, unknown>, origin: string): Promise<Record<string, unknown>> {
    const req = parseBody(browserBody, body);
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
    if (!PROFILE_NAME.test(name)) throw badRequest(`Invalid profile name "${name.slice(0, 70)}". ${PROFILE_NAME_RULE}`, [{ code: 'invalid_string', path: ['name'], message: PROFILE_NAME_RULE }]);
    await this.profiles.remove(name);
    return { success: true };
  }

  async stop(rawSessionId: string): Promise<Record<string, unknown>> {
    const ended = await this.sessions.stopById(checkSessionIdParam(rawSessionId));
    return { success: true, status: 'destroyed', sessionDurationMs: ended.durationMs, creditsBilled: ended.creditsBilled };
  }
}
