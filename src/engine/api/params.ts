/** The ids in a route's path, checked and in their stored (lower-case) form. */
import { checkJobId, isUuid } from '../../shared/validation';
import { badRequest } from '../http/errors';
import { PROFILE_NAME, PROFILE_NAME_RULE } from '../schemas/browser';

/** A browser session id in its stored (lower-case) form; 400 when it is not a UUID. */
export function checkSessionIdParam(id: string): string {
  if (!isUuid(id)) {
    const message = `Invalid session ID format: "${id.slice(0, 60)}" is not a UUID (8-4-4-4-12 hex digits).`;
    throw badRequest(message, [{ code: 'invalid_string', path: ['sessionId'], message }]);
  }
  return id.toLowerCase();
}

/** The job id in its stored (lower-case) form; 400 when it is not a UUID. */
export function checkJobIdParam(jobId: string): string {
  if (!isUuid(jobId)) {
    const message = `Invalid job ID format. ${checkJobId(jobId)}`;
    throw badRequest(message, [{ code: 'invalid_string', path: ['jobId'], message }]);
  }
  return jobId.toLowerCase();
}

/** A saved profile's name; 400 when it breaks the naming rule. */
export function checkProfileNameParam(name: string): string {
  if (!PROFILE_NAME.test(name)) throw badRequest(`Invalid profile name "${name.slice(0, 70)}". ${PROFILE_NAME_RULE}`, [{ code: 'invalid_string', path: ['name'], message: PROFILE_NAME_RULE }]);
  return name;
}
