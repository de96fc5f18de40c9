/** How the engine answers: JSON or a file, with no-store caching and its Server-Timing header. */
import type { ServerResponse } from 'node:http';
import type { HttpError } from './errors';

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
