/** Validation of POST /v2/scrape bodies: the cloud's keys (strict), the subset the engine runs. */
import { badRequest, rejectUnknownKeys, type Issue } from './http-util';
import { parseActions, type PageAction } from './page-actions';

export type ScrapeFormat = 'markdown' | 'html' | 'rawHtml' | 'links' | 'screenshot';
const FORMATS: readonly ScrapeFormat[] = ['markdown', 'html', 'rawHtml', 'links', 'screenshot'];

export interface ScrapeOptions {
  url: string;
  formats: ScrapeFormat[];
  fullPageScreenshot: boolean;
  actions: PageAction[];
  waitFor: number;
  timeout: number;
  headers: Record<string, string>;
  mobile: boolean;
  onlyMainContent: boolean;
  includeTags: string[];
  excludeTags: string[];
}

/** Cloud scrape options the engine accepts but has no use for locally (caching, proxies, ...). */
const ACCEPTED_NOOP = ['origin', 'maxAge', 'storeInCache', 'blockAds', 'proxy', 'skipTlsVerification', 'removeBase64Images', 'location', 'zeroDataRetention', 'fastMode', 'parsers', 'integration'];
const KEYS = ['url', 'formats', 'actions', 'waitFor', 'timeout', 'headers', 'mobile', 'onlyMainContent', 'includeTags', 'excludeTags', ...ACCEPTED_NOOP];

export function parseScrapeRequest(body: Record<string, unknown>): ScrapeOptions {
  rejectUnknownKeys(body, KEYS);
  const issues: Issue[] = [];
  const fail = (path: string, message: string, code = 'invalid_type'): void => void issues.push({ code, path: [path], message });

  let url = '';
  if (typeof body.url !== 'string' || !body.url.trim()) fail('url', 'url is required: the page to scrape (http, https or file URL).');
  else {
    url = body.url.trim();
    if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) url = `https://${url}`;
    try {
      const parsed = new URL(url);
      if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) fail('url', `URL scheme ${parsed.protocol} is not supported: use http, https or file.`, 'invalid_string');
    } catch {
      fail('url', `"${url.slice(0, 100)}" is not a valid URL.`, 'invalid_string');
    }
  }

  const formats: ScrapeFormat[] = [];
  let fullPageScreenshot = false;
  if (body.formats !== undefined && !Array.isArray(body.formats)) fail('formats', 'formats must be an array.');
  for (const f of (Array.isArray(body.formats) ? body.formats : ['markdown']) as unknown[]) {
    const type = typeof f === 'string' ? f : typeof f === 'object' && f !== null ? (f as { type?: unknown }).type : undefined;
    if (type === 'screenshot@fullPage') {
      formats.push('screenshot');
      fullPageScreenshot = true;
    } else if (typeof type === 'string' && (FORMATS as readonly string[]).includes(type)) {
      formats.push(type as ScrapeFormat);
      if (type === 'screenshot' && typeof f === 'object' && (f as { fullPage?: unknown }).fullPage === true) fullPageScreenshot = true;
    } else {
      fail('formats', `Format ${JSON.stringify(type ?? f)} is not supported by the local engine: use ${FORMATS.join(', ')}.`, 'invalid_enum_value');
    }
  }

  const num = (key: string, fallback: number, min: number, max: number): number => {
    const v = body[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      fail(key, `${key} must be a number from ${min} to ${max} (milliseconds).`);
      return fallback;
    }
    return v;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = body[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') fail(key, `${key} must be true or false.`);
    return v === true;
  };
  const strings = (key: string): string[] => {
    const v = body[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) fail(key, `${key} must be an array of CSS selectors.`);
    return Array.isArray(v) ? (v as string[]) : [];
  };
  const headers: Record<string, string> = {};
  if (body.headers !== undefined) {
    if (typeof body.headers !== 'object' || body.headers === null || Array.isArray(body.headers)) fail('headers', 'headers must be an object of strings.');
    else for (const [k, v] of Object.entries(body.headers)) {
      if (typeof v === 'string') headers[k] = v;
      else fail('headers', `header ${k} must be a string.`);
    }
  }

  const options: ScrapeOptions = {
    url,
    formats,
    fullPageScreenshot,
    actions: [],
    waitFor: num('waitFor', 0, 0, 60_000),
    timeout: num('timeout', 30_000, 1_000, 300_000),
    headers,
    mobile: bool('mobile', false),
    onlyMainContent: bool('onlyMainContent', true),
    includeTags: strings('includeTags'),
    excludeTags: strings('excludeTags'),
  };
  if (issues.length > 0) throw badRequest(`Bad Request: ${issues[0].message}`, issues);
  options.actions = parseActions(body.actions);
  return options;
}
