/**
 * Direct HTTP calls to the real engine, for setting up situations the extension's own
 * commands cannot create (a scrape with page actions, whose replay can then fail) and for
 * reading the engine's real error bodies.
 */
import * as assert from 'node:assert/strict';

/** A server and its key, as the tests point the extension at it. */
export interface Backend {
  url: string;
  apiKey?: string;
}

export interface RawAnswer {
  status: number;
  json: unknown;
}

export async function engineRequest(backend: Backend, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (backend.apiKey) headers.authorization = `Bearer ${backend.apiKey}`;
  const res = await fetch(`${backend.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Kept as text.
  }
  return { status: res.status, json };
}

/** POST /v2/scrape with the given body; returns the new job id. */
export async function scrapeDirect(backend: Backend, body: Record<string, unknown>): Promise<string> {
  const answer = await engineRequest(backend, 'POST', '/v2/scrape', body);
  const id = (answer.json as { data?: { metadata?: { scrapeId?: unknown } } }).data?.metadata?.scrapeId;
  assert.equal(answer.status, 200, `scrape failed: ${JSON.stringify(answer.json).slice(0, 300)}`);
  assert.equal(typeof id, 'string');
  return id as string;
}
