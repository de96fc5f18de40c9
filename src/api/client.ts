/**
 * HTTP client of the Firecrawl v2 interact API (cloud or local engine; they differ only by
 * URL). undici is loaded on the first request (lazy.ts). Every failure is an ApiError
 * (errors.ts); an HTTP 200 with success:false is a failed run and is returned, not thrown.
 *
 * Retries: POST interact is never retried (not idempotent: the code could run twice).
 * DELETE (stop) is retried on 502 and network errors, which the API documents as safe.
 *
 * Proxy: each request goes direct or through the proxy that VS Code's `http.*` settings (else
 * HTTPS_PROXY / HTTP_PROXY) name for its URL (proxy.ts), with a dispatcher of its own per route;
 * undici's global dispatcher is never touched (other extensions share the extension host).
 *
 * Time limits: a code run may take its `timeout` (default 30 s), so the request waits
 * timeout + margin. A prompt runs an agent loop of up to 25 steps with `timeout` per step,
 * so the request waits 25 × timeout + margin. The margin also covers session creation and
 * replay on the first call of a job.
 */
import type { BrowserListResponse, BrowserSessionInfo, InteractRequest, InteractResponse, ScrapeRequest, ScrapeResponse, StopResponse } from '../shared/api-types';
import { PROMPT_MAX_STEPS } from '../shared/api-types';
import { checkJobId, checkInteract, LIMITS } from '../shared/validation';
import type { ApiOperation, ErrorContext } from './errors';
import { ApiError, errorForStatus, isRecord, networkError, snippet } from './errors';
import { parseBody } from './json-body';
import { loadUndici } from './lazy';
import { NO_PROXY_SETTINGS, routeFor, type Env, type ProxySettings, type Route } from './proxy';
import { displayUrl, redact } from './redact';
import { secureContext } from './trust';
import { joinUrl, parseApiUrl } from './url';

export interface ClientSettings {
  apiUrl: string;
  apiKey?: string;
  /** Telemetry tag sent as `origin` in request bodies. */
  origin: string;
  /** Seconds added to the run's own time limit before the request gives up. */
  timeoutMarginSec: number;
  /** VS Code's proxy and certificate settings (absent: the environment's proxy, strict TLS). */
  proxy?: ProxySettings;
}

export interface ClientOptions {
  /** Delays before each DELETE retry; its length is the number of retries. */
  stopRetryDelaysMs?: number[];
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read (tests pass their own). */
  env?: Env;
}

const STOP_TIMEOUT_SEC = 60;
const LIST_TIMEOUT_SEC = 30;
const SCRAPE_DEFAULT_TIMEOUT_SEC = 60;
const SNIPPET_MAX = 120;
const TRACE_TIMEOUT_SEC = 120;
/** The largest trace the extension downloads (the engine keeps a session's trace within --trace-max-mb, 500 MB by default). */
export const TRACE_MAX_BYTES = 512 * 1024 * 1024;

type Dispatcher = InstanceType<ReturnType<typeof loadUndici>['Agent']> | InstanceType<ReturnType<typeof loadUndici>['ProxyAgent']>;

interface Call {
  operation: ApiOperation;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  jobId?: string;
  body?: unknown;
  timeoutSec: number;
  signal?: AbortSignal;
  /** A bound on the answer's body: past it the request is aborted with a clear error. */
  maxBytes?: number;
}

interface Answer {
  status: number;
  json: unknown;
  ctx: ErrorContext;
}

/**
 * Every call names its target (`ClientSettings`: URL, key, origin, margin): the caller
 * resolves where a request goes once, and the client never decides it on its own.
 */
export class FirecrawlClient {
  /** One dispatcher per route (direct, or each proxy with its credentials and TLS rules). */
  private readonly dispatchers = new Map<string, Dispatcher>();
  private readonly stopRetryDelaysMs: number[];
  private readonly env: Env;

  constructor(options: ClientOptions = {}) {
    this.stopRetryDelaysMs = options.stopRetryDelaysMs ?? [500, 1500];
    this.env = options.env ?? process.env;
  }

  async interact(s: ClientSettings, jobId: string, body: InteractRequest, signal?: AbortSignal): Promise<InteractResponse> {
    const problem = checkInteract(jobId, body);
    if (problem) throw new ApiError('validation', problem);
    const runSec = body.timeout ?? LIMITS.timeoutDefault;
    const timeoutSec = (body.prompt !== undefined ? PROMPT_MAX_STEPS * runSec : runSec) + s.timeoutMarginSec;
    const answer = await this.call(s, {
      operation: 'interact',
      method: 'POST',
      path: `/v2/scrape/${encodeURIComponent(jobId.trim())}/interact`,
      jobId: jobId.trim(),
      body: { ...body, origin: body.origin ?? s.origin },
      timeoutSec,
      signal,
    });
    return expectObject<InteractResponse>(answer, (o) => typeof o.success === 'boolean', 'an interact result');
  }

  async stop(s: ClientSettings, jobId: string, signal?: AbortSignal): Promise<StopResponse> {
    const problem = checkJobId(jobId);
    if (problem) throw new ApiError('validation', problem);
    const call: Call = {
      operation: 'stop',
      method: 'DELETE',
      path: `/v2/scrape/${encodeURIComponent(jobId.trim())}/interact`,
      jobId: jobId.trim(),
      timeoutSec: STOP_TIMEOUT_SEC + s.timeoutMarginSec,
      signal,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const answer = await this.call(s, call);
        return expectObject<StopResponse>(answer, (o) => typeof o.success === 'boolean', 'a stop result');
      } catch (err) {
        const retryable = err instanceof ApiError && (err.kind === 'network' || (err.kind === 'http' && err.status === 502));
        if (!retryable || attempt >= this.stopRetryDelaysMs.length) throw err;
        await delay(this.stopRetryDelaysMs[attempt], signal);
      }
    }
  }

  async scrape(s: ClientSettings, body: ScrapeRequest, signal?: AbortSignal): Promise<ScrapeResponse> {
    if (!parseApiUrl(body.url)) throw new ApiError('validation', `"${redact(body.url).slice(0, 200)}" is not an http(s) URL: enter a full address such as https://example.com.`);
    // A scrape's own `timeout` is in milliseconds (unlike interact's seconds).
    const scrapeSec = Math.ceil((body.timeout ?? SCRAPE_DEFAULT_TIMEOUT_SEC * 1000) / 1000);
    const answer = await this.call(s, {
      operation: 'scrape',
      method: 'POST',
      path: '/v2/scrape',
      body: { formats: ['markdown'], ...body, origin: body.origin ?? s.origin },
      timeoutSec: scrapeSec + s.timeoutMarginSec,
      signal,
    });
    return expectObject<ScrapeResponse>(
      answer,
      (o) => typeof o.success === 'boolean' && (o.success !== true || (isRecord(o.data) && isRecord(o.data.metadata) && typeof o.data.metadata.scrapeId === 'string')),
      'a scrape result with data.metadata.scrapeId',
    );
  }

  /** POST /v2/scrape with `sessionId`: that live session's page as it is now (the local engine; self-hosted servers). */
  async scrapeSession(s: ClientSettings, sessionId: string, formats: string[], signal?: AbortSignal): Promise<ScrapeResponse> {
    const answer = await this.call(s, {
      operation: 'scrape',
      method: 'POST',
      path: '/v2/scrape',
      body: { sessionId, formats, origin: s.origin },
      timeoutSec: SCRAPE_DEFAULT_TIMEOUT_SEC + s.timeoutMarginSec,
      signal,
    });
    return expectObject<ScrapeResponse>(answer, (o) => typeof o.success === 'boolean', 'a scrape result');
  }

  async listSessions(s: ClientSettings, status: 'active' | 'destroyed' = 'active', signal?: AbortSignal): Promise<BrowserSessionInfo[]> {
    const answer = await this.call(s, {
      operation: 'list',
      method: 'GET',
      path: `/v2/browser?status=${status}`,
      timeoutSec: LIST_TIMEOUT_SEC + s.timeoutMarginSec,
      signal,
    });
    const list = expectObject<BrowserListResponse>(answer, (o) => Array.isArray(o.sessions), 'a list of browser sessions');
    return list.sessions;
  }

  /**
   * GET /v2/interact/{sessionId}/trace: the session's Playwright trace as a zip (the local
   * engine records one; during the session it is what was recorded so far). At most `maxBytes`.
   */
  async trace(s: ClientSettings, sessionId: string, signal?: AbortSignal, maxBytes = TRACE_MAX_BYTES): Promise<Buffer> {
    if (!/^[\w-]{1,100}$/.test(sessionId)) throw new ApiError('validation', `"${sessionId.slice(0, 40)}" is not a session id: run something in the job first, then open its trace.`);
    const { status, bytes, contentType, ctx } = await this.request(s, { operation: 'trace', method: 'GET', path: `/v2/interact/${sessionId}/trace`, timeoutSec: TRACE_TIMEOUT_SEC + s.timeoutMarginSec, signal, maxBytes });
    if (status < 200 || status >= 300) {
      const body = await parseBody(bytes);
      throw errorForStatus(status, body.parsed ? body.json : body.text, ctx);
    }
    // A zip starts with "PK"; anything else (an HTML page of a proxy, JSON) is not a trace.
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      const shown = displayUrl(ctx.url ?? s.apiUrl);
      throw new ApiError('malformed', `${shown} answered HTTP ${status} with ${contentType ? contentType.split(';')[0] : 'a body'} that is not a trace zip. Check that firecrawlInteract.apiUrl points at the local engine.`, { status, url: shown });
    }
    return Buffer.from(bytes);
  }

  /** Closes pooled connections; the client stays usable (a new pool is made on demand). */
  async dispose(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(all.map((d) => d.close().catch(() => undefined)));
  }

  /** The dispatcher for a route; TLS material (the OS's certificates) only loaded for HTTPS. */
  private async dispatcherFor(url: string, route: Route, { strictSSL: strict, systemCertificates: system }: ProxySettings): Promise<Dispatcher> {
    const tls = url.startsWith('https:') || (route.kind === 'proxy' && route.uri.startsWith('https:'));
    const key = route.kind === 'direct' ? `direct|${tls}|${strict}|${system}` : `proxy|${route.uri}|${route.authorization ?? ''}|${tls}|${strict}|${system}`;
    const known = this.dispatchers.get(key);
    if (known) return known;
    const tlsOptions = tls ? { secureContext: await secureContext(system), rejectUnauthorized: strict } : {};
    const undici = loadUndici();
    const made: Dispatcher =
      route.kind === 'direct'
        ? new undici.Agent({ keepAliveTimeout: 4_000, connect: { timeout: 15_000, ...tlsOptions } })
        : new undici.ProxyAgent({ uri: route.uri, token: route.authorization, keepAliveTimeout: 4_000, requestTls: { timeout: 15_000, ...tlsOptions }, proxyTls: { timeout: 15_000, ...tlsOptions } });
    // Another request may have made one meanwhile: keep the first, so none is left open.
    const raced = this.dispatchers.get(key);
    if (raced) {
      void made.close().catch(() => undefined);
      return raced;
    }
    this.dispatchers.set(key, made);
    return made;
  }

  private async call(s: ClientSettings, call: Call): Promise<Answer> {
    const { status, bytes, contentType, ctx } = await this.request(s, call);
    const shown = displayUrl(ctx.url ?? s.apiUrl);
    const key = ctx.apiKey;
    const body = await parseBody(bytes);
    if (status < 200 || status >= 300) throw errorForStatus(status, body.parsed ? body.json : body.text, ctx);
    if (!body.parsed || body.json === undefined) {
      const text = body.text ?? '';
      const what = text.length === 0 ? 'an empty body' : `a body that is not JSON${contentType ? ` (${contentType.split(';')[0]})` : ''}: "${snippet(text, SNIPPET_MAX, key)}"`;
      throw new ApiError('malformed', `${shown} answered HTTP ${status} with ${what}. Check that firecrawlInteract.apiUrl points at a Firecrawl API.`, { status, url: shown, actions: ['openSettings'] });
    }
    return { status, json: body.json, ctx };
  }

  /** Sends one request and reads its whole body (within `call.maxBytes` when given). */
  private async request(s: ClientSettings, call: Call): Promise<{ status: number; bytes: Uint8Array; contentType: string; ctx: ErrorContext }> {
    if (!parseApiUrl(s.apiUrl)) {
      throw new ApiError('validation', `The API URL "${redact(s.apiUrl, [s.apiKey?.trim()]).slice(0, 200)}" is not a valid http(s) URL. Set firecrawlInteract.apiUrl, e.g. https://api.firecrawl.dev.`, { actions: ['openSettings'] });
    }
    const url = joinUrl(s.apiUrl, call.path);
    const key = s.apiKey?.trim() || undefined;
    const route = routeFor(url, s.proxy ?? NO_PROXY_SETTINGS, this.env);
    const ctx: ErrorContext = { apiUrl: s.apiUrl, jobId: call.jobId, operation: call.operation, apiKey: key, url, proxy: route.kind === 'proxy' ? { shown: route.shown, setting: route.setting } : undefined };
    const shown = displayUrl(url);
    if (call.signal?.aborted) throw cancelled(call.operation, shown);

    const headers: Record<string, string> = { accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers.authorization = `Bearer ${key}`;

    // One controller for both the caller's cancel and our own deadline, told apart afterwards.
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, call.timeoutSec * 1000);

    let status: number | undefined;
    let contentType = '';
    let bytes: Uint8Array;
    try {
      const dispatcher = await this.dispatcherFor(url, route, s.proxy ?? NO_PROXY_SETTINGS);
      const res = await loadUndici().request(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: controller.signal,
        dispatcher,
        // Our timer is the deadline; undici's own (300 s) would cut long prompt runs short.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      status = res.statusCode;
      contentType = String(res.headers['content-type'] ?? '');
      bytes = call.maxBytes === undefined ? new Uint8Array(await res.body.arrayBuffer()) : await readAtMost(res.body, call.maxBytes, () => controller.abort());
    } catch (err) {
      if (err instanceof TooLarge) throw new ApiError('malformed', `The answer from ${shown} is larger than ${Math.round(err.max / 1048576)} MB, so it was not downloaded.`, { status, url: shown });
      if (call.signal?.aborted) throw cancelled(call.operation, shown);
      if (timedOut) throw timeout(call, shown);
      if (status !== undefined) {
        throw new ApiError('malformed', `The answer from ${shown} (HTTP ${status}) was cut off before it was complete. ${call.operation === 'interact' ? 'The run may have finished on the server; check the session before running again.' : 'Try again.'}`, { status, url: shown, actions: ['retry'] });
      }
      throw networkError(err, ctx);
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
    }
    return { status, bytes, contentType, ctx };
  }
}

class TooLarge extends Error {
  constructor(readonly max: number) {
    super('too large');
  }
}

/** A response body read up to `max` bytes; past that the request is aborted and TooLarge thrown. */
async function readAtMost(body: AsyncIterable<Uint8Array>, max: number, abort: () => void): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > max) {
      abort();
      throw new TooLarge(max);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function expectObject<T>(answer: Answer, ok: (o: Record<string, unknown>) => boolean, what: string): T {
  if (isRecord(answer.json) && !Array.isArray(answer.json) && ok(answer.json)) return answer.json as T;
  const shown = displayUrl(answer.ctx.url ?? answer.ctx.apiUrl);
  throw new ApiError('malformed', `${shown} answered HTTP ${answer.status} with JSON that is not ${what}: "${snippet(JSON.stringify(answer.json) ?? '', SNIPPET_MAX, answer.ctx.apiKey)}". Check that firecrawlInteract.apiUrl points at a Firecrawl v2 API.`, {
    status: answer.status,
    url: shown,
    actions: ['openSettings'],
  });
}

function cancelled(operation: ApiOperation, shown: string): ApiError {
  const note = operation === 'interact' ? ' The server may still finish the run (and the session keeps running until stopped).' : '';
  return new ApiError('cancelled', `Cancelled the request to ${shown}.${note}`, { url: shown });
}

function timeout(call: Call, shown: string): ApiError {
  const note = call.operation === 'interact' ? ' The server may still finish the run. Raise the request timeout margin in the settings if runs legitimately take this long.' : ' Try again, or raise the request timeout margin in the settings.';
  return new ApiError('timeout', `No complete answer from ${shown} within ${call.timeoutSec} s.${note}`, { url: shown, actions: ['openSettings'] });
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
