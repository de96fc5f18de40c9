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

/** A route's answer that is a file (a trace zip), not JSON. */
export class FileAnswer {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
    readonly filename: string,
  ) {}
}

export function sendFile(res: ServerResponse, file: FileAnswer, timing?: ServerTiming): void {
  const headers: Record<string, string | number> = {
    'content-type': file.contentType,
    'content-length': file.body.length,
    'content-disposition': `attachment; filename="${file.filename}"`,
    'cache-control': 'no-store',
  };
  if (timing) headers['server-timing'] = timing.header();
  res.writeHead(200, headers);
  res.end(file.body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, timing?: ServerTiming): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' };
  if (timing) headers['server-timing'] = timing.header();
  res.writeHead(status, headers);
  res.end(text);
}

/**
 * Where an answer's time went inside the engine, sent as a Server-Timing header (`engine`: the
 * whole request in the engine; a node run adds `worker`, from handing the run to its REPL worker
 * to the answer, and `run`, the code's own time there). `npm run bench` reads it to split a
 * call's time between HTTP, the engine, the worker hop and the browser.
 */
export class ServerTiming {
  private readonly entries: [string, number][] = [];
  private readonly started = performance.now();

  add(name: string, ms: number): void {
    this.entries.push([name, ms]);
  }

  header(): string {
    return [['engine', performance.now() - this.started] as [string, number], ...this.entries].map(([name, ms]) => `${name};dur=${ms.toFixed(3)}`).join(', ');
  }
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

