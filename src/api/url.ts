/** Facts about the configured API URL that the client and the UI both need. */

const CLOUD_HOST_RE = /(^|\.)firecrawl\.dev$/i;

export function parseApiUrl(apiUrl: string): URL | undefined {
  try {
    const u = new URL(apiUrl.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Joins the base URL (which may carry a path prefix, or already end in /v2) with an API path
 * that may carry its own query. A query or fragment on the base URL is dropped.
 */
export function joinUrl(apiUrl: string, path: string): string {
  const u = new URL(apiUrl.trim());
  const prefix = u.pathname.replace(/\/+$/, '');
  const rel = path.startsWith('/') ? path : `/${path}`;
  const joined = /\/v2$/i.test(prefix) && /^\/v2(\/|\?|$)/i.test(rel) ? prefix + rel.slice(3) : prefix + rel;
  return `${u.origin}${joined}`;
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The parts of an API URL the checks below read, parsed once per distinct string: the status
 * bar, the views and every request ask them of the same one or two URLs.
 */
type UrlFacts = Pick<URL, 'protocol' | 'hostname' | 'host'>;
const factsByUrl = new Map<string, UrlFacts | null>();
const FACTS_MAX = 32;

function factsOf(apiUrl: string): UrlFacts | undefined {
  let facts = factsByUrl.get(apiUrl);
  if (facts === undefined) {
    const u = parseApiUrl(apiUrl);
    facts = u ? { protocol: u.protocol, hostname: u.hostname, host: u.host } : null;
    if (factsByUrl.size >= FACTS_MAX) factsByUrl.clear();
    factsByUrl.set(apiUrl, facts);
  }
  return facts ?? undefined;
}

/** host[:port] of an http(s) API URL; undefined when it is not one. */
export function apiUrlHost(apiUrl: string): string | undefined {
  return factsOf(apiUrl)?.host;
}

export function isLoopbackUrl(apiUrl: string): boolean {
  const u = factsOf(apiUrl);
  return u !== undefined && isLoopbackHost(u.hostname);
}

/** Plain http to a host other than this machine: a key sent there travels in clear text. */
export function isInsecureRemote(apiUrl: string): boolean {
  const u = factsOf(apiUrl);
  return u !== undefined && u.protocol === 'http:' && !isLoopbackHost(u.hostname);
}

/** The Firecrawl cloud (api.firecrawl.dev and its subdomains), where a key is required. */
export function isCloudUrl(apiUrl: string): boolean {
  const u = factsOf(apiUrl);
  return u !== undefined && CLOUD_HOST_RE.test(u.hostname);
}
