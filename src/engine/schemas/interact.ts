/**
 * The body of POST /v2/scrape/{jobId}/interact and POST /v2/browser/{id}/execute: exactly one of
 * `code` and `prompt`, with the cloud's limits. Messages name the rule and suit any client.
 */
import { z } from 'zod';
import { INTERACT_LANGUAGES } from '../../shared/api-types';
import { LIMITS } from '../../shared/validation';
import { intInRange, oneOf, shortValue } from './validate';
import { allowedDomains } from './allowed-domains';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const n = (v: number): string => v.toLocaleString('en-US');
const CODE_RULE = `1–${n(LIMITS.codeMax)} characters`;
const PROMPT_RULE = `1–${n(LIMITS.promptMax)} characters`;

/** Session lifetimes in seconds (the cloud's ranges). */
export const TTL = { min: 30, max: 3600 } as const;
export const ACTIVITY_TTL = { min: 10, max: 3600 } as const;

const code = z
  .string()
  .min(1, `Code is empty: it must be ${CODE_RULE}.`)
  .max(LIMITS.codeMax, { error: (iss) => `Code is ${n((iss.input as string).length)} characters; the limit is ${CODE_RULE}.` });

const prompt = z
  .string()
  .max(LIMITS.promptMax, { error: (iss) => `Prompt is ${n((iss.input as string).length)} characters; the limit is ${PROMPT_RULE}.` })
  .refine((p) => p.trim().length > 0, `Prompt is empty: it must be ${PROMPT_RULE}.`);

const language = z.enum(INTERACT_LANGUAGES as [string, ...string[]], {
  error: (iss) => (typeof iss.input === 'string' ? `Language ${shortValue(iss.input)} is not supported: use ${oneOf(INTERACT_LANGUAGES)}.` : undefined),
});

export const lifetimes = {
  ttl: intInRange('ttl', TTL.min, TTL.max, 'seconds').optional(),
  activityTtl: intInRange('activityTtl', ACTIVITY_TTL.min, ACTIVITY_TTL.max, 'seconds').optional(),
};

/** The lifetimes of a parsed body in milliseconds (undefined: the engine's defaults). */
export function lifetimesMs(body: { ttl?: number; activityTtl?: number }): { ttlMs?: number; activityTtlMs?: number } {
  return { ttlMs: body.ttl === undefined ? undefined : body.ttl * 1000, activityTtlMs: body.activityTtl === undefined ? undefined : body.activityTtl * 1000 };
}

export const interactBody = z
  .strictObject({
    code: code.optional(),
    prompt: prompt.optional(),
    language: language.optional(),
    timeout: intInRange('Timeout', LIMITS.timeoutMin, LIMITS.timeoutMax, 'seconds').optional(),
    ...lifetimes,
    // Accepted for compatibility; no local effect.
    origin: z.string().optional(),
    integration: z.string().optional(),
    existingSessionId: z.string().regex(UUID, { error: (iss) => `existingSessionId ${JSON.stringify(String(iss.input).slice(0, 60))} is not a session ID (a UUID, 8-4-4-4-12 hex digits).` }).optional(),
    allowedDomains,
  })
  .superRefine((body, ctx) => {
    if (body.code !== undefined && body.prompt !== undefined) ctx.addIssue({ code: 'custom', path: [], message: "Send either 'code' or 'prompt', not both." });
    else if (body.code === undefined && body.prompt === undefined) ctx.addIssue({ code: 'custom', path: [], message: "Either 'code' or 'prompt' must be provided." });
  })
  .transform((body) => ({ ...body, language: (body.language ?? 'node') as (typeof INTERACT_LANGUAGES)[number], timeout: body.timeout ?? LIMITS.timeoutDefault }));

export type InteractBody = z.output<typeof interactBody>;
