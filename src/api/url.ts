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

export function isLoopbackUrl(apiUrl: string): boolean {
  const u = parseApiUrl(apiUrl);
  return u !== undefined && isLoopbackHost(u.hostname);
}

/** Plain http to a host other than this machine: a key sent there travels in clear text. */
export function isInsecureRemote(apiUrl: string): boolean {
  const u = parseApiUrl(apiUrl);
  return u !== undefined && u.protocol === 'http:' && !isLoopbackHost(u.hostname);
}

/** The Firecrawl cloud (api.firecrawl.dev and its subdomains), where a key is required. */
export function isCloudUrl(apiUrl: string): boolean {
  const u = parseApiUrl(apiUrl);
  return u !== undefined && CLOUD_HOST_RE.test(u.hostname);
}
