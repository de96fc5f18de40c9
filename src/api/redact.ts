/**
 * Keeps secrets out of every message the extension shows or logs: the API key (also when a
 * server echoes it back), bearer tokens, Firecrawl-style keys, credentials written into URLs
 * (`https://user:pass@host`), and the query strings of URLs (capability tokens of CDP and
 * live-view URLs live there).
 */

const FIRECRAWL_KEY_RE = /\bfc-[A-Za-z0-9_-]{8,}/g;
const BEARER_RE = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
const BEARER_WORD = /bearer/i;
const URL_QUERY_RE = /\b((?:https?|wss?):\/\/[^\s"'<>?#]+)[?#][^\s"'<>]*/gi;
const URL_USERINFO_RE = /\b((?:https?|wss?):\/\/)[^\s"'<>/?#@]+@/gi;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real keys are long.
    if (secret && secret.length >= 6) out = out.split(secret).join('***');
  }
  // A pattern that cannot match is skipped on a cheap check: most log lines hold no key, token
  // or URL, and each pattern's first use compiles it (the bearer one ~0.3 ms, during activation).
  if (out.includes('fc-')) out = out.replace(FIRECRAWL_KEY_RE, 'fc-***');
  if (BEARER_WORD.test(out)) out = out.replace(BEARER_RE, '$1 ***');
  if (out.includes('://')) {
    // Credentials need an @, a query or fragment a ? or #: a bare URL (the API URL in a log line) skips both.
    if (out.includes('@')) out = out.replace(URL_USERINFO_RE, '$1***@');
    if (out.includes('?') || out.includes('#')) out = out.replace(URL_QUERY_RE, '$1?…');
  }
  return out;
}

/** origin + path of a URL, never its query or credentials: what error messages may name. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return redact(url.split(/[?#]/)[0] ?? '');
  }
}

const CAPABILITY_QUERY_RE = /\b((?:https?|wss?):\/\/[^\s"'<>?#]+)\?[^\s"'<>]*/gi;
const SECRET_PARAM_RE = /[?&][^=&#]*(token|key|secret|sig|auth|session)[^=&#]*=/i;

/**
 * For text that is kept (a saved notebook's outputs): hides keys, bearer tokens, URL
 * credentials and the query of capability URLs (every ws/wss URL, and URLs whose query names a
 * token, key, secret, signature or session), but keeps ordinary links such as `?page=2` whole.
 */
export function redactKeepingLinks(text: string): string {
  const kept = text.replace(FIRECRAWL_KEY_RE, 'fc-***').replace(BEARER_RE, '$1 ***').replace(URL_USERINFO_RE, '$1***@');
  return kept.replace(CAPABILITY_QUERY_RE, (url: string, base: string) => (/^wss?:/i.test(url) || SECRET_PARAM_RE.test(url) ? `${base}?…` : url));
}
