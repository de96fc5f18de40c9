/**
 * Every failure of an API call becomes one ApiError whose message says what happened and
 * what to do, with the actions the UI can offer as buttons. No message ever contains the
 * API key or a URL's query string (see redact.ts).
 */
import { NO_PROMPT_MODEL } from '../shared/api-types';
import { l10n } from '../shared/l10n';
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
  const job = ctx.jobId ? l10n.t('job {0}', ctx.jobId) : l10n.t('this job');
  const said = server ? `: ${endSentence(server)}` : '.';
  const init = (actions: ErrorAction[]): ApiErrorInit => ({ status, serverMessage: server || undefined, actions, url: ctx.url ? displayUrl(ctx.url) : undefined, code });
  const make = (message: string, actions: ErrorAction[]) => new ApiError('http', message, init(actions));

  // The scraped page itself did not load (the cloud's codes, whatever the status): not a server fault.
  if (ctx.operation === 'scrape' && code !== undefined && PAGE_LOAD_CODES.has(code)) {
    return make(l10n.t('The page could not be loaded{0} Check the URL (is the site up, is the address right?), then try again.', said), ['checkUrl', 'retry']);
  }

  switch (status) {
    case 400:
      return make(l10n.t('The server rejected the request (400 Bad Request){0} Correct the request and run it again.', said), []);
    case 401:
      return ctx.apiKey
        ? make(l10n.t('The server at {0} rejected the API key (401 Unauthorized){1} Set a valid API key (Firecrawl: Set API key).', where, said), ['setApiKey'])
        : make(l10n.t('The server at {0} requires an API key (401 Unauthorized) and none is set. Set one with Firecrawl: Set API key (or the FIRECRAWL_API_KEY environment variable).', where), ['setApiKey']);
    case 402:
      return make(
        l10n.t('Not enough credits on this Firecrawl team (402 Payment Required){0} Check your usage and buy credits in the Firecrawl dashboard (https://www.firecrawl.dev/app), or set the API key of a team with credits.', said),
        ['setApiKey'],
      );
    case 403:
      return make(
        l10n.t('Access to {0} was refused (403 Forbidden){1} The job belongs to another team, or this API key lacks access to it. Set the API key of the team that ran the scrape, or choose another job.', job, said),
        ['setApiKey', 'chooseJob'],
      );
    case 404:
      if (ctx.operation === 'interact') {
        return make(l10n.t('{0} was not found on {1} (404). The job ID may be mistyped or come from another server or team. Choose another job.', cap(job), where), ['chooseJob']);
      }
      if (ctx.operation === 'stop') {
        return make(l10n.t('There is no browser session to stop for {0} (404): it was never started here, or it has already ended.', job), []);
      }
      if (ctx.operation === 'trace') {
        return make(l10n.t('The server at {0} has no trace of this session (404){1} Traces come from the local engine (firecrawlInteract.localEngine.trace); on other servers, record one with Firecrawl: Record a trace of this session while it is open.', where, said), []);
      }
      return make(l10n.t('The server at {0} has no such endpoint (404){1} Check that firecrawlInteract.apiUrl points at a Firecrawl v2 API.', where, said), ['openSettings']);
    case 409:
      return make(
        l10n.t("The browser session for {0} could not be created (409 Conflict){1} The scrape's replay context is no longer available (or another session is using the same browser profile). Scrape the URL again to get a fresh job.", job, said),
        ['rescrape'],
      );
    case 410:
      return make(
        l10n.t("The browser session for {0} has been destroyed (410 Gone): it was stopped or it expired (sessions last at most 10 minutes, 5 without activity), and a job's session cannot be restarted. Scrape the URL again to get a fresh job.", job),
        ['rescrape'],
      );
    case 429:
      return make(
        l10n.t('Too many requests or concurrent browser sessions (429){0} Stop a session you no longer need, or wait a moment and try again.', said),
        ['stopSessions'],
      );
    case 501:
    case 503:
      if (code === NO_PROMPT_MODEL) {
        // Said in full: the engine's own text names its flags, and a cut quote would lose the fix.
        return make(
          l10n.t('The engine at {0} has no AI model for prompts ({1}). It reads its model from its own environment: restart it with INTERACT_LLM_URL, INTERACT_LLM_MODEL and INTERACT_LLM_KEY set (or its --llm-url, --llm-model and --llm-key flags). Code runs work without a model.', where, status),
          [],
        );
      }
      if (isCloudUrl(ctx.apiUrl) && status === 503) {
        return make(l10n.t('The Firecrawl service is temporarily unavailable (503){0} Try again in a moment.', said), ['retry']);
      }
      return make(
        l10n.t('Interact is not available on {0} ({1}){2} If this is a self-hosted Firecrawl server (it has no interact), start the local engine or set firecrawlInteract.apiUrl to https://api.firecrawl.dev.', where, status, said),
        ['startLocalEngine', 'openSettings'],
      );
    case 502:
      return ctx.operation === 'stop'
        ? make(l10n.t('The server could not confirm that the browser session for {0} was released (502){1} Try stopping it again in a moment.', job, said), ['retry'])
        : make(l10n.t('The browser service or AI agent failed (502 Bad Gateway){0} Try again in a moment.', said), ['retry']);
    default:
      // A 504 is a passing overload; any other 5xx fails the same way again, so no Retry.
      if (status === 504) return make(l10n.t('The server at {0} timed out (504){1} Try again in a moment.', where, said), ['retry']);
      if (status >= 500) return make(l10n.t('The server at {0} failed with HTTP {1}{2} Check the request; if it looks right, the server has a problem: try later or report it.', where, status, said), []);
      return make(l10n.t('The server at {0} answered HTTP {1}{2}', where, status, said), []);
  }
}

/** Maps a thrown transport error (undici or node:net) to an ApiError naming the unreachable URL. */
export function networkError(err: unknown, ctx: ErrorContext): ApiError {
  const url = displayUrl(ctx.url ?? ctx.apiUrl);
  const code = errorCode(err);
  const local = isLoopbackUrl(ctx.apiUrl);
  const fix = local
    ? l10n.t('Is the server running? Start the local engine, or check firecrawlInteract.apiUrl.')
    : l10n.t('Check your network connection and firecrawlInteract.apiUrl.');
  // A server that was down may be up a moment later: every network failure offers Retry.
  const actions: ErrorAction[] = local ? ['retry', 'startLocalEngine', 'openSettings'] : ['retry', 'openSettings'];
  const init: ApiErrorInit = { actions, url, code };
  const maybeRan = ctx.operation === 'interact' ? ` ${l10n.t('The server may still have run the request.')}` : '';
  if (ctx.proxy) {
    const viaProxy = proxyError(err, code, url, ctx.proxy);
    if (viaProxy) return viaProxy;
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new ApiError('network', l10n.t('Could not reach {0}: connection refused. {1}', url, fix), init);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ApiError('network', l10n.t('Could not reach {0}: the host name could not be resolved. {1}', url, fix), init);
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ApiError('network', l10n.t('Could not reach {0}: the connection timed out. {1}', url, fix), init);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new ApiError('network', l10n.t('The connection to {0} was closed before an answer arrived.{1} {2}', url, maybeRan, fix), init);
    default:
      if (code && /CERT|SSL|TLS/i.test(code)) {
        return new ApiError('network', l10n.t('Could not reach {0}: TLS certificate problem ({1}). {2}', url, code, certFix()), { ...init, actions: ['openProxySettings', 'openSettings'] });
      }
      return new ApiError('network', l10n.t('Could not reach {0}: {1}{2}. {3}', url, redact(messageOf(err), [ctx.apiKey]), code ? ` (${code})` : '', fix), init);
  }
}

const certFix = () =>
  l10n.t("If a company proxy inspects TLS, its root certificate must be in the OS's certificate store with http.systemCertificates on, or in the file NODE_EXTRA_CA_CERTS names; http.proxyStrictSSL off skips the check (unsafe). Otherwise check firecrawlInteract.apiUrl.");

/** A failure of the proxy itself (refused, unknown, asked for credentials, answered an error), named with the setting to fix. */
function proxyError(err: unknown, code: string | undefined, url: string, proxy: { shown: string; setting: string }): ApiError | undefined {
  const init: ApiErrorInit = { url, code, actions: ['openProxySettings', 'retry'] };
  const where = l10n.t('the proxy {0} (from {1})', proxy.shown, proxy.setting);
  const status = /Proxy response \((\d{3})\)|Proxy Authentication Required \((\d{3})\)/.exec(messagesOf(err));
  const answered = status ? Number(status[1] ?? status[2]) : undefined;
  if (answered === 407) {
    return new ApiError('network', l10n.t('{0} asks for credentials (HTTP 407). Set http.proxyAuthorization (e.g. "Basic " and the base64 of user:password), or put user:password@ in {1}.', cap(where), proxy.setting), { ...init, status: 407 });
  }
  if (answered !== undefined) {
    return new ApiError('network', l10n.t('{0} could not connect to {1} (it answered HTTP {2}). Check firecrawlInteract.apiUrl, or add its host to http.noProxy if it must be reached directly.', cap(where), url, answered), { ...init, status: answered });
  }
  const reason: Record<string, () => string> = {
    ECONNREFUSED: () => l10n.t('Could not reach {0}: {1} refused the connection. Check {2}, or add the host to http.noProxy to go direct.', url, where, proxy.setting),
    ENOTFOUND: () => l10n.t('Could not reach {0}: {1} has a host name that could not be resolved. Check {2}, or add the host to http.noProxy to go direct.', url, where, proxy.setting),
    ETIMEDOUT: () => l10n.t('Could not reach {0}: {1} did not answer in time. Check {2}, or add the host to http.noProxy to go direct.', url, where, proxy.setting),
    EHOSTUNREACH: () => l10n.t('Could not reach {0}: {1} is unreachable. Check {2}, or add the host to http.noProxy to go direct.', url, where, proxy.setting),
  };
  reason.EAI_AGAIN = reason.ENOTFOUND;
  reason.UND_ERR_CONNECT_TIMEOUT = reason.ETIMEDOUT;
  if (code && reason[code]) return new ApiError('network', reason[code](), init);
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
  return parseApiUrl(apiUrl)?.origin ?? l10n.t('(invalid API URL)');
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
