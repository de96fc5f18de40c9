/** The body of POST /v2/scrape: the cloud's keys (strict), the subset the engine runs. */
import { z } from 'zod';
import { actionsSchema, screenshotOptions, type PageAction } from './actions';
import { profileSchema } from './browser';
import { oneOf, shortValue } from './validate';

export type ScrapeFormat = 'markdown' | 'html' | 'rawHtml' | 'links' | 'screenshot';
const FORMATS: readonly ScrapeFormat[] = ['markdown', 'html', 'rawHtml', 'links', 'screenshot'];

const URL_RULE = 'url is required: the page to scrape (http, https or file URL).';

const url = z
  .string({ error: URL_RULE })
  .trim()
  .min(1, URL_RULE)
  // A bare host ("example.com") means https, as in the cloud.
  .transform((u) => (/^[a-z][a-z0-9+.-]*:/i.test(u) ? u : `https://${u}`))
  .superRefine((u, ctx) => {
    let protocol: string;
    let hostname: string;
    try {
      ({ protocol, hostname } = new URL(u));
    } catch {
      return void ctx.addIssue({ code: 'custom', message: `"${u.slice(0, 100)}" is not a valid URL.` });
    }
    // DNS allows 253 characters per name and 63 per label: a longer host can never load.
    if (hostname.length > 253 || hostname.split('.').some((label) => label.length > 63)) {
      return void ctx.addIssue({ code: 'custom', message: `"${hostname.slice(0, 100)}…" is not a valid host name (at most 253 characters, 63 between dots).` });
    }
    if (!['http:', 'https:', 'file:'].includes(protocol)) ctx.addIssue({ code: 'custom', message: `URL scheme ${protocol} is not supported: use http, https or file.` });
  });

const formatMessage = (input: unknown): string => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : input;
  return FORMATS.includes(type as ScrapeFormat) || type === 'screenshot@fullPage'
    ? `Format ${shortValue(type)} has options the local engine does not accept: screenshot takes fullPage, quality (1–100) and viewport {width, height}; other formats take none.`
    : `Format ${shortValue(type ?? input)} is not supported by the local engine: use ${oneOf(FORMATS)}.`;
};

const format = z.union(
  [
    z.enum([...FORMATS, 'screenshot@fullPage']),
    z.strictObject({ type: z.literal('screenshot'), ...screenshotOptions }),
    z.strictObject({ type: z.enum(FORMATS.filter((f) => f !== 'screenshot') as [string, ...string[]]) }),
  ],
  { error: (iss) => formatMessage(iss.input) },
);

/**
 * HTTP header names are tokens and values carry no line breaks (no header injection). Names are
 * checked on the raw object: a record would silently drop "__proto__", and "constructor" is
 * refused with the rest.
 */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headers = z
  .unknown()
  .superRefine((v, ctx) => {
    if (typeof v !== 'object' || v === null) return;
    for (const key of Object.keys(v)) {
      if (!HEADER_NAME.test(key) || key in Object.prototype) ctx.addIssue({ code: 'custom', path: [key], message: `${shortValue(key)} is not a valid HTTP header name.` });
    }
  })
  .pipe(z.record(z.string(), z.string().refine((v) => !/[\r\n\0]/.test(v), 'Header values must not contain line breaks or NUL characters.')));

const ms = (name: string, min: number, max: number, fallback: number) =>
  z
    .number({ error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? undefined : `${name} must be a number from ${min} to ${max} (milliseconds).`) })
    .min(min, `${name} must be a number from ${min} to ${max} (milliseconds).`)
    .max(max, `${name} must be a number from ${min} to ${max} (milliseconds).`)
    .default(fallback);

const selectors = (name: string) => z.array(z.string(), `${name} must be an array of CSS selectors.`).default([]);

export const scrapeBody = z
  .strictObject({
    url: url.optional(),
    // The page of this live session as it is now, instead of loading `url` (which is then only reported as sourceURL).
    sessionId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'sessionId must be a browser session ID (a UUID, 8-4-4-4-12 hex digits).').optional(),
    formats: z.array(format, 'formats must be an array.').default(['markdown']),
    actions: actionsSchema.default([]),
    waitFor: ms('waitFor', 0, 60_000, 0),
    timeout: ms('timeout', 1_000, 300_000, 30_000),
    headers: headers.default({}),
    mobile: z.boolean().default(false),
    onlyMainContent: z.boolean().default(true),
    includeTags: selectors('includeTags'),
    excludeTags: selectors('excludeTags'),
    // The session of this job starts with that saved profile (the scrape itself does not use it).
    profile: profileSchema.optional(),
    // The cloud's options with no local effect (caching, proxies, ...): accepted, typed, unused.
    origin: z.string().optional(),
    integration: z.string().optional(),
    maxAge: z.number().optional(),
    storeInCache: z.boolean().optional(),
    blockAds: z.boolean().optional(),
    proxy: z.string().optional(),
    skipTlsVerification: z.boolean().optional(),
    removeBase64Images: z.boolean().optional(),
    location: z.looseObject({}).optional(),
    zeroDataRetention: z.boolean().optional(),
    fastMode: z.boolean().optional(),
    parsers: z.array(z.unknown()).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.sessionId === undefined) {
      if (body.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: URL_RULE });
      return;
    }
    // Options that set up a fresh page: a session's page is already set up.
    const fresh = { headers: Object.keys(body.headers).length > 0, mobile: body.mobile, profile: body.profile !== undefined };
    for (const key of Object.keys(fresh) as (keyof typeof fresh)[]) {
      if (fresh[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} cannot be used with sessionId: the session's page is scraped as it is. Leave ${key} out, or scrape a url without sessionId.` });
    }
  })
  .transform((body) => {
    let screenshot: ScreenshotSpec | undefined;
    const formats: ScrapeFormat[] = [];
    for (const f of body.formats) {
      const type = (typeof f === 'string' ? f : f.type) as ScrapeFormat | 'screenshot@fullPage';
      if (type === 'screenshot' || type === 'screenshot@fullPage') {
        screenshot = { fullPage: type === 'screenshot@fullPage', ...(typeof f === 'object' ? (f as ScreenshotSpec) : {}) };
        formats.push('screenshot');
      } else {
        formats.push(type);
      }
    }
    return { ...body, formats, screenshot, actions: body.actions as PageAction[] };
  });

export interface ScreenshotSpec {
  fullPage?: boolean;
  quality?: number;
  viewport?: { width: number; height: number };
}

export type ScrapeRequest = z.output<typeof scrapeBody>;
/** A scrape that loads its URL (no sessionId): the schema makes sure it has one. */
export type ScrapeOptions = ScrapeRequest & { url: string };
