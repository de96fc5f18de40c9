/** A tiny HTTP client for engine tests: JSON in, status and JSON out. */
import { after, before } from 'node:test';
import { redact } from '../../src/api/redact';
import { startEngine, type EngineHandle, type StartEngineOptions } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';

export interface Reply {
  status: number;
  // Engine answers are loosely typed JSON; each test asserts what it needs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Headers;
}

export async function call(engine: Pick<EngineHandle, 'url' | 'apiKey'>, method: string, path: string, body?: unknown, key: string | null = engine.apiKey): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(engine.url + path, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: tests that care assert on the text.
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A reply body for assertion messages: capability-URL tokens (cdpUrl, live views) removed. */
export const shown = (body: unknown): string => redact(JSON.stringify(body));

/** Scrapes `url` and returns the job id; fails the test on anything but 200. */
export async function scrapeJob(engine: Pick<EngineHandle, 'url' | 'apiKey'>, url: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await call(engine, 'POST', '/v2/scrape', { url, ...extra });
  if (r.status !== 200) throw new Error(`scrape failed: ${r.status} ${shown(r.body)}`);
  return r.body.data.metadata.scrapeId as string;
}

export const interact = (engine: Pick<EngineHandle, 'url' | 'apiKey'>, jobId: string, body: unknown): Promise<Reply> =>
  call(engine, 'POST', `/v2/scrape/${jobId}/interact`, body);

/**
 * The usual suite setup: the fixture site and an engine (started with `opts`) before the suite's
 * tests, both stopped after them. `use` is handed the two once they are up (and may prepare more,
 * such as a job, before the tests run).
 */
export function withEngineAndFixtures(use: (engine: EngineHandle, fx: FixtureServer) => void | Promise<void>, opts?: StartEngineOptions): void {
  let engine: EngineHandle | undefined;
  let fx: FixtureServer | undefined;
  before(async () => {
    fx = await startFixtureServer();
    engine = await startEngine(opts);
    await use(engine, fx);
  });
  after(async () => {
    await engine?.stop();
    await fx?.close();
  });
}
