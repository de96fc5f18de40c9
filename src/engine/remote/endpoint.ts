/**
 * The remote browser service the engine runs its browsers on (--browser-endpoint): its URL is a
 * credential (services put their token in it, `?token=…`), so it is shown only as scheme, host
 * and port, and every text that could quote it is scrubbed before it reaches a response or the log.
 */

export type BrowserProtocol = 'playwright' | 'cdp';

export interface BrowserEndpoint {
  url: string;
  protocol: BrowserProtocol;
  /** What responses and the log may say about it: `ws://host:port`, no path, query or user. */
  shown: string;
}

/** Why `raw` cannot be an endpoint, in words that do not quote it; undefined when it can. */
export function endpointProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return `is a ${url.protocol.replace(/:$/, '')}: URL, not ws:// or wss://`;
  return undefined;
}

export function browserEndpoint(raw: string, protocol: BrowserProtocol): BrowserEndpoint {
  const url = new URL(raw);
  return { url: raw, protocol, shown: `${url.protocol}//${url.host}` };
}

/** `text` with the endpoint's secret parts (path, query values, user, password) replaced by `…`. */
export function scrubEndpoint(text: string, endpoint: BrowserEndpoint): string {
  const url = new URL(endpoint.url);
  const secrets = new Set<string>([endpoint.url, url.href, url.search, url.username, url.password]);
  if (url.pathname.length > 1) secrets.add(url.pathname);
  for (const value of url.searchParams.values()) {
    secrets.add(value);
    secrets.add(encodeURIComponent(value));
  }
  let out = text;
  // Longest first, so a whole URL goes before the parts it contains.
  for (const secret of [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(secret).join('…');
  return out;
}
