/** Reads a request's JSON body, bounded in size and nesting before anything parses it. */
import type { IncomingMessage } from 'node:http';
import { badRequest, HttpError } from './errors';

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

