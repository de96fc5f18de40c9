/** The engine's HTTP errors: an error that becomes a JSON answer, and the common kinds (400, 503). */

/** An error that becomes an HTTP answer `{success:false, error, ...extra}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Headers of the answer (Retry-After on a 503). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Seconds a client is asked to wait when the engine is out of descriptors or processes. */
const RETRY_AFTER_S = 5;

/**
 * The answer for an error that says the machine is out of descriptors or processes (EMFILE,
 * ENFILE, EAGAIN from a spawn): 503 with Retry-After, as the engine itself is fine once others
 * let go; undefined for any other error.
 */
export function resourceShortage(err: unknown): HttpError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'EMFILE' && code !== 'ENFILE' && code !== 'EAGAIN') return undefined;
  const what = code === 'EAGAIN' ? 'processes' : 'file descriptors';
  return new HttpError(503, `The engine is out of ${what} (${code}) right now: try again in a few seconds, or stop sessions and connections you no longer use.`, {}, { 'retry-after': String(RETRY_AFTER_S) });
}

/** A zod-like issue, as the cloud's `details` array carries them. */
export interface Issue {
  code: string;
  path: (string | number)[];
  message: string;
  keys?: string[];
}

export function badRequest(message: string, details: Issue[] = []): HttpError {
  return new HttpError(400, message, { code: 'BAD_REQUEST', details });
}
