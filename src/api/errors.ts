/**
 * Every failure of an API call becomes one ApiError whose message says what happened and
 * what to do, with the actions the UI can offer as buttons. No message ever contains the
 * API key or a URL's query string (see redact.ts).
 */
import { NO_PROMPT_MODEL } from '../shared/api-types';
import { displayUrl, redact } from './redact';
import { isCloudUrl, isLoopbackUrl, parseApiUrl } from './url';

export type ErrorAction = 'setApiKey' | 'chooseJob' | 'rescrape' | 'stopSessions' | 'retry' | 'openSettings' | 'openProxySettings' | 'startLocalEngine' | 'checkUrl';
export type ApiErrorKind = 'validation' | 'http' | 'network' | 'malformed' | 'cancelled' | 'timeout';
export type ApiOperation = 'interact' | 'stop' | 'scrape' | 'list' | 'trace';

export interface ApiErrorInit {
  status?: number;
  serverMessage?: string;
  actions?: ErrorAction[];
  url?: string;
  /** The server's machine-readable error code, e.g. BAD_REQUEST. */
  code?: string;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly actions: ErrorAction[];
  /** origin + path of the request (no query). */
  readonly url?: string;
  readonly code?: string;

  constructor(kind: ApiErrorKind, message: string, init: ApiErrorInit = {}) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.actions = init.actions ?? [];
    this.url = init.url;
    this.code = init.code;
  }
}

export interface ErrorContext {
  apiUrl: string;
  jobId?: string;
  operation: ApiOperation;
  /** Redacted from every message, also when the server echoes it. */
  apiKey?: string;
  /** The request URL (shown without its query). */
  url?: string;
  /** The proxy the request went through (no credentials) and the setting that named it. */
  proxy?: { shown: string; setting: string };
}

const SNIPPET_MAX = 300;

/** Firecrawl's codes for a scrape whose target did not load (refused, unreachable, unresolved, bad TLS). */
const PAGE_LOAD_CODES = new Set(['SCRAPE_SITE_ERROR', 'SCRAPE_DNS_RESOLUTION_ERROR', 'SCRAPE_SSL_ERROR']);

/** Maps an HTTP error status (and its body, parsed JSON or raw text) to an ApiError. */
export function errorForStatus(status: number, body: unknown, ctx: ErrorContext): ApiError {
  const server = serverText(body, ctx.apiKey);
  const code = isRecord(body) && typeof body.code === 'string' ? body.code : undefined;
  const where = hostOf(ctx.apiUrl);
  const job = ctx.jobId ? `job ${ctx.jobId}` : 'this job';
  const said = server ? `: ${endSentence(server)}` : '.';
  const init = (actions: ErrorAction[]): ApiErrorInit => ({ status, serverMessage: server || undefined, actions, url: ctx.url ? displayUrl(ctx.url) : undefined, code });
  const make = (message: string, actions: ErrorAction[]) => new ApiError('http', message, init(actions));

  // The scraped page itself did not load (the cloud's codes, whatever the status): not a server fault.
  if (ctx.operation === 'scrape' && code !== undefined && PAGE_LOAD_CODES.has(code)) {
    return make(`The page could not be loaded${said} Check the URL (is the site up, is the address right?), then try again.`, ['checkUrl', 'retry']);
  }

  switch (status) {
    case 400:
      return make(`The server rejected the request (400 Bad Request)${said} Correct the request and run it again.`, []);
    case 401:
      return ctx.apiKey
        ? make(`The server at ${where} rejected the API key (401 Unauthorized)${said} Set a valid API key (Firecrawl: Set API key).`, ['setApiKey'])
        : make(`The server at ${where} requires an API key (401 Unauthorized) and none is set. Set one with Firecrawl: Set API key (or the FIRECRAWL_API_KEY environment variable).`, ['setApiKey']);
    case 402:
      return make(
        `Not enough credits on this Firecrawl team (402 Payment Required)${said} Check your usage and buy credits in the Firecrawl dashboard (https://www.firecrawl.dev/app), or set the API key of a team with credits.`,
        ['setApiKey'],
      );
    case 403:
      return make(
        `Access to ${job} was refused (403 Forbidden)${said} The job belongs to another team, or this API key lacks access to it. Set the API key of the team that ran the scrape, or choose another job.`,
        ['setApiKey', 'chooseJob'],
      );
    case 404:
      if (ctx.operation === 'interact') {
        return make(`${cap(job)} was not found on ${where} (404). The job ID may be mistyped or come from another server or team. Choose another job.`, ['chooseJob']);
      }
      if (ctx.operation === 'stop') {
        return make(`There is no browser session to stop for ${job} (404): it was never started here, or it has already ended.`, []);
      }
      if (ctx.operation === 'trace') {
        return make(`The server at ${where} has no trace of this session (404)${said} Traces come from the local engine (firecrawlInteract.localEngine.trace); on other servers, record one with Firecrawl: Record a trace of this session while it is open.`, []);
      }
      return make(`The server at ${where} has no such endpoint (404)${said} Check that firecrawlInteract.apiUrl points at a Firecrawl v2 API.`, ['openSettings']);
    case 409:
      return make(
        `The browser session for ${job} could not be created (409 Conflict)${said} The scrape's replay context is no longer available (or another session is using the same browser profile). Scrape the URL again to get a fresh job.`,
        ['rescrape'],
      );
    case 410:
      return make(
        `The browser session for ${job} has been destroyed (410 Gone): it was stopped or it expired (sessions last at most 10 minutes, 5 without activity), and a job's session cannot be restarted. Scrape the URL again to get a fresh job.`,
        ['rescrape'],
      );
    case 429:
      return make(
        `Too many requests or concurrent browser sessions (429)${said} Stop a session you no longer need, or wait a moment and try again.`,
        ['stopSessions'],
      );
    case 501:
    case 503:
      if (code === NO_PROMPT_MODEL) {
        // Said in full: the engine's own text names its flags, and a cut quote would lose the fix.
        return make(
          `The engine at ${where} has no AI model for prompts (${status}). It reads its model from its own environment: restart it with INTERACT_LLM_URL, INTERACT_LLM_MODEL and INTERACT_LLM_KEY set (or its --llm-url, --llm-model and --llm-key flags). Code runs work without a model.`,
          [],
        );
      }
      if (isCloudUrl(ctx.apiUrl) && status === 503) {
        return make(`The Firecrawl service is temporarily unavailable (503)${said} Try again in a moment.`, ['retry']);
      }
      return make(
        `Interact is not available on ${where} (${status})${said} If this is a self-hosted Firecrawl server (it has no interact), start the local engine or set firecrawlInteract.apiUrl to https://api.firecrawl.dev.`,
        ['startLocalEngine', 'openSettings'],
      );
    case 502:
      return ctx.operation === 'stop'
        ? make(`The server could not confirm that the browser session for ${job} was released (502)${said} Try stopping it again in a moment.`, ['retry'])
        : make(`The browser service or AI agent failed (502 Bad Gateway)${said} Try again in a moment.`, ['retry']);
    default:
      // A 504 is a passing overload; any other 5xx fails the same way again, so no Retry.
      if (status === 504) return make(`The server at ${where} timed out (504)${said} Try again in a moment.`, ['retry']);
      if (status >= 500) return make(`The server at ${where} failed with HTTP ${status}${said} Check the request; if it looks right, the server has a problem: try later or report it.`, []);
      return make(`The server at ${where} answered HTTP ${status}${said}`, []);
  }
}

/** Maps a thrown transport error (undici or node:net) to an ApiError naming the unreachable URL. */
export function networkError(err: unknown, ctx: ErrorContext): ApiError {
  const url = displayUrl(ctx.url ?? ctx.apiUrl);
  const code = errorCode(err);
  const local = isLoopbackUrl(ctx.apiUrl);
  const fix = local
    ? 'Is the server running? Start the local engine, or check firecrawlInteract.apiUrl.'
    : 'Check your network connection and firecrawlInteract.apiUrl.';
  // A server that was down may be up a moment later: every network failure offers Retry.
  const actions: ErrorAction[] = local ? ['retry', 'startLocalEngine', 'openSettings'] : ['retry', 'openSettings'];
  const init: ApiErrorInit = { actions, url, code };
  const maybeRan = ctx.operation === 'interact' ? ' The server may still have run the request.' : '';
  if (ctx.proxy) {
    const viaProxy = proxyError(err, code, url, ctx.proxy);
    if (viaProxy) return viaProxy;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new ApiError('network', `Could not reach ${url}: connection refused. ${fix}`, init);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ApiError('network', `Could not reach ${url}: the host name could not be resolved. ${fix}`, init);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ApiError('network', `Could not reach ${url}: the connection timed out. ${fix}`, init);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new ApiError('network', `The connection to ${url} was closed before an answer arrived.${maybeRan} ${fix}`, init);
    default:
      if (code && /CERT|SSL|TLS/i.test(code)) {
        return new ApiError('network', `Could not reach ${url}: TLS certificate problem (${code}). ${CERT_FIX}`, { ...init, actions: ['openProxySettings', 'openSettings'] });
      }
      return new ApiError('network', `Could not reach ${url}: ${redact(messageOf(err), [ctx.apiKey])}${code ? ` (${code})` : ''}. ${fix}`, init);
  }
}

const CERT_FIX =
  "If a company proxy inspects TLS, its root certificate must be in the OS's certificate store with http.systemCertificates on, or in the file NODE_EXTRA_CA_CERTS names; http.proxyStrictSSL off skips the check (unsafe). Otherwise check firecrawlInteract.apiUrl.";

/** A failure of the proxy itself (refused, unknown, asked for credentials, answered an error), named with the setting to fix. */
function proxyError(err: unknown, code: string | undefined, url: string, proxy: { shown: string; setting: string }): ApiError | undefined {
  const init: ApiErrorInit = { url, code, actions: ['openProxySettings', 'retry'] };
  const where = `the proxy ${proxy.shown} (from ${proxy.setting})`;
  const status = /Proxy response \((\d{3})\)|Proxy Authentication Required \((\d{3})\)/.exec(messagesOf(err));
  const answered = status ? Number(status[1] ?? status[2]) : undefined;
  if (answered === 407) {
    return new ApiError('network', `${cap(where)} asks for credentials (HTTP 407). Set http.proxyAuthorization (e.g. "Basic " and the base64 of user:password), or put user:password@ in ${proxy.setting}.`, { ...init, status: 407 });
  }
  if (answered !== undefined) {
    return new ApiError('network', `${cap(where)} could not connect to ${url} (it answered HTTP ${answered}). Check firecrawlInteract.apiUrl, or add its host to http.noProxy if it must be reached directly.`, { ...init, status: answered });
  }
  const reason: Record<string, string> = { ECONNREFUSED: 'refused the connection', ENOTFOUND: 'has a host name that could not be resolved', EAI_AGAIN: 'has a host name that could not be resolved', ETIMEDOUT: 'did not answer in time', UND_ERR_CONNECT_TIMEOUT: 'did not answer in time', EHOSTUNREACH: 'is unreachable' };
  if (code && reason[code]) {
    return new ApiError('network', `Could not reach ${url}: ${where} ${reason[code]}. Check ${proxy.setting}, or add the host to http.noProxy to go direct.`, init);
  }
  return undefined;
}

/** Every message along the cause chain, joined. */
function messagesOf(err: unknown): string {
  const out: string[] = [];
  for (let cur: unknown = err, i = 0; isRecord(cur) && i < 5; cur = cur.cause, i++) if (typeof cur.message === 'string') out.push(cur.message);
  return out.join(' | ');
}

/** The first error code found along the cause chain (undici wraps node:net errors). */
export function errorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let cur: unknown = err;
  while (isRecord(cur) && !seen.has(cur)) {
    seen.add(cur);
    if (typeof cur.code === 'string' && cur.code !== 'UND_ERR') return cur.code;
    // Happy-eyeballs connects fail with an AggregateError of per-address errors.
    if (Array.isArray(cur.errors) && cur.errors.length > 0) {
      const inner = errorCode(cur.errors[0]);
      if (inner) return inner;
    }
    cur = cur.cause;
  }
  return undefined;
}

/** The server's message (+ validation details), shortened, tags stripped, secrets redacted. */
export function serverText(body: unknown, apiKey?: string): string {
  let text = '';
  if (isRecord(body)) {
    const msg = typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : '';
    const details = formatDetails(body.details);
    text = [msg, details].filter(Boolean).join(' — ');
  } else if (typeof body === 'string') {
    text = body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  }
  return snippet(text, SNIPPET_MAX, apiKey);
}

/** `text` on one line, secrets redacted, cut after `max` characters: what a message may quote. */
export function snippet(text: string, max: number, apiKey?: string): string {
  const flat = redact(text.replace(/\s+/g, ' ').trim(), [apiKey]);
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function formatDetails(details: unknown): string {
  if (details === undefined || details === null) return '';
  if (Array.isArray(details)) {
    return details
      .map((d) => {
        if (!isRecord(d)) return String(d);
        const path = Array.isArray(d.path) ? d.path.join('.') : '';
        const msg = typeof d.message === 'string' ? d.message : JSON.stringify(d);
        return path ? `${path}: ${msg}` : msg;
      })
      .join('; ');
  }
  if (typeof details === 'string') return details;
  try {
    return JSON.stringify(details);
  } catch {
    return '';
  }
}

function hostOf(apiUrl: string): string {
  return parseApiUrl(apiUrl)?.origin ?? '(invalid API URL)';
}

function endSentence(s: string): string {
  return /[.!?…]$/.test(s) ? s : `${s}.`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
