/** Small helpers for the engine's plain node:http server: JSON in, JSON out, typed errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';

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

export function sendJson(res: ServerResponse, status: number, body: unknown, timing?: ServerTiming, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = { ...extraHeaders, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' };
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
  sendJson(res, err.status, { success: false, error: err.message, ...err.extra }, undefined, err.headers);
}

const MAX_BODY = 2 * 1024 * 1024;
/** Levels of nested objects and arrays a body may have (checked on the text, before any parse or walk). */
export const MAX_DEPTH = 64;

/** The deepest nesting of `[` and `{` in JSON text, outside strings (the text need not be valid). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

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
  if (nestingDepth(text) > MAX_DEPTH) {
    throw badRequest(`Bad Request: the request body nests objects and arrays more than ${MAX_DEPTH} levels deep: send a flatter body.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // V8's message quotes part of the input: only its position is kept.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw badRequest(`Bad Request: the request body is not valid JSON${at ? ` (error at position ${at})` : ''}: send a JSON object.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('Bad Request: the request body must be a JSON object.', [{ code: 'invalid_type', path: [], message: 'Expected object' }]);
  }
  return value as Record<string, unknown>;
}

