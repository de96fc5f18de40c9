/**
 * Which proxy a request goes through, decided the way VS Code decides it for its own requests:
 * the `http.proxy` setting, else the HTTPS_PROXY / HTTP_PROXY environment variables; hosts in
 * `http.noProxy` (else NO_PROXY) and loopback addresses go direct. Pure: the settings and the
 * environment are passed in, so the decision is unit-tested without VS Code or a network.
 */

export interface ProxySettings {
  /** `http.proxy` (empty: use the environment). */
  proxy?: string;
  /** `http.noProxy`: hosts that bypass the proxy. */
  noProxy: string[];
  /** `http.proxyStrictSSL`: verify certificates (of the proxy and through it). */
  strictSSL: boolean;
  /** `http.proxyAuthorization`: the Proxy-Authorization header value. */
  authorization?: string;
  /** `http.systemCertificates`: trust the OS's certificate store too. */
  systemCertificates: boolean;
}

export type Route =
  | { kind: 'direct' }
  | {
      kind: 'proxy';
      /** The proxy's URL, credentials included (never shown). */
      uri: string;
      /** The proxy's URL without credentials, for messages. */
      shown: string;
      /** Where it came from, named in messages so the user knows what to fix. */
      setting: 'http.proxy' | 'HTTPS_PROXY' | 'HTTP_PROXY';
      authorization?: string;
    };

export type Env = Record<string, string | undefined>;

export const NO_PROXY_SETTINGS: ProxySettings = { noProxy: [], strictSSL: true, systemCertificates: true };

/** The route of a request to `target` (an http(s) URL). */
export function routeFor(target: string, s: ProxySettings, env: Env): Route {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { kind: 'direct' };
  }
  if (isLoopbackHost(url.hostname)) return { kind: 'direct' };
  const fromSetting = s.proxy?.trim();
  const chosen = fromSetting
    ? { raw: fromSetting, setting: 'http.proxy' as const }
    : url.protocol === 'https:'
      ? firstEnv(env, ['HTTPS_PROXY', 'https_proxy'], 'HTTPS_PROXY') ?? firstEnv(env, ['HTTP_PROXY', 'http_proxy'], 'HTTP_PROXY')
      : firstEnv(env, ['HTTP_PROXY', 'http_proxy'], 'HTTP_PROXY');
  if (!chosen) return { kind: 'direct' };
  const bypass = s.noProxy.length > 0 ? s.noProxy : splitList(env.NO_PROXY ?? env.no_proxy ?? '');
  if (bypassed(url, bypass)) return { kind: 'direct' };
  const proxyUrl = parseProxyUrl(chosen.raw);
  if (!proxyUrl) return { kind: 'direct' };
  return { kind: 'proxy', uri: proxyUrl.href, shown: proxyUrl.shown, setting: chosen.setting, authorization: s.authorization?.trim() || undefined };
}

/** Whether `url` matches a no-proxy list: `*`, a host, `.domain` or `domain` (subdomains too), optionally `:port`. */
export function bypassed(url: URL, list: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return list.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (!entry) return false;
    if (entry === '*') return true;
    const rule = splitHostPort(entry);
    if (rule.port !== undefined && rule.port !== port) return false;
    const name = rule.host.replace(/^\*\./, '.');
    if (name.startsWith('.')) return host.endsWith(name) || host === name.slice(1);
    return host === name || host.endsWith(`.${name}`);
  });
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address (several colons: no port). */
function splitHostPort(entry: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  const m = /^([^:]+):(\d+)$/.exec(entry);
  return m ? { host: m[1], port: m[2] } : { host: entry };
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Chromium's `--proxy-bypass-list` for a no-proxy list (`;`-separated, `*.domain` for subdomains). */
export function chromiumBypassList(list: readonly string[]): string {
  return list
    .map((e) => e.trim())
    .filter(Boolean)
    .flatMap((e) => (e.startsWith('.') ? [`*${e}`, e.slice(1)] : e.startsWith('*') ? [e] : [e, `*.${e}`]))
    .join(';');
}

/** The proxy settings the engine's Chromium gets for a target, or none (no proxy, or bypassed). */
export function engineProxy(s: ProxySettings, env: Env): { server: string; bypass: string } | undefined {
  // The proxy for https pages; Chromium uses the same for http ones.
  const route = routeFor('https://engine.invalid/', { ...s, noProxy: [] }, env);
  if (route.kind !== 'proxy') return undefined;
  const list = s.noProxy.length > 0 ? s.noProxy : splitList(env.NO_PROXY ?? env.no_proxy ?? '');
  if (list.some((e) => e.trim() === '*')) return undefined;
  // Chromium takes no credentials in --proxy-server: the URL without them.
  return { server: route.shown, bypass: chromiumBypassList(list) };
}

function firstEnv(env: Env, names: string[], setting: 'HTTPS_PROXY' | 'HTTP_PROXY'): { raw: string; setting: 'HTTPS_PROXY' | 'HTTP_PROXY' } | undefined {
  for (const n of names) {
    const v = env[n]?.trim();
    if (v) return { raw: v, setting };
  }
  return undefined;
}

function splitList(value: string): string[] {
  return value.split(/[,\s]+/).filter(Boolean);
}

/** A proxy URL (scheme optional: `host:port` is taken as http), and its form without credentials. */
export function parseProxyUrl(raw: string): { href: string; shown: string } | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    const shown = `${u.protocol}//${u.host}`;
    return { href: u.href, shown };
  } catch {
    return undefined;
  }
}
