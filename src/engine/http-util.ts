/** Small helpers for the engine's plain node:http server: JSON in, JSON out, typed errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error that becomes an HTTP answer `{success:false, error, ...extra}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
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

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { success: false, error: err.message, ...err.extra });
}

const MAX_BODY = 2 * 1024 * 1024;

/** Reads a JSON object body; an empty body is `{}`. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Past the limit the rest is read and dropped: answering while the client still sends
    // would close the connection under it (a reset instead of the 413). The server's
    // requestTimeout bounds how long that takes.
    if (size <= MAX_BODY) chunks.push(chunk as Buffer);
  }
  if (size > MAX_BODY) throw new HttpError(413, `Request body is larger than ${MAX_BODY / 1024 / 1024} MB: send less per request.`);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`Bad Request: the request body is not valid JSON (${(err as Error).message}).`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('Bad Request: the request body must be a JSON object.', [{ code: 'invalid_type', path: [], message: 'Expected object' }]);
  }
  return value as Record<string, unknown>;
}

