/**
 * Request rules of POST /v2/scrape/{jobId}/interact. Each check returns the message to show
 * (naming the exact rule) or undefined. The extension runs them before sending; the engine
 * uses the same limits when it answers 400.
 */
import type { InteractRequest } from './api-types';
import { INTERACT_LANGUAGES } from './api-types';
import { groupDigits } from './numbers';

export const LIMITS = {
  codeMax: 100_000,
  promptMax: 10_000,
  timeoutMin: 1,
  timeoutMax: 300,
  timeoutDefault: 30,
} as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const n = groupDigits;
const CODE_RULE = `1–${n(LIMITS.codeMax)} characters`;
const PROMPT_RULE = `1–${n(LIMITS.promptMax)} characters`;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

export function checkJobId(jobId: string): string | undefined {
  if (!jobId.trim()) return 'Job ID is empty: it must be a UUID such as 550e8400-e29b-41d4-a716-446655440000.';
  if (!isUuid(jobId.trim())) return `Job ID "${jobId.trim().slice(0, 60)}" is not a UUID (8-4-4-4-12 hex digits, e.g. 550e8400-e29b-41d4-a716-446655440000).`;
  return undefined;
}

export function checkCode(code: string): string | undefined {
  if (code.length < 1) return `Code is empty: it must be ${CODE_RULE}. Select some code (or leave nothing selected to send the whole file).`;
  if (code.length > LIMITS.codeMax) return `Code is ${n(code.length)} characters; the limit is ${CODE_RULE}. Select a smaller part.`;
  return undefined;
}

export function checkPrompt(prompt: string): string | undefined {
  if (prompt.trim().length < 1) return `Prompt is empty: it must be ${PROMPT_RULE}.`;
  if (prompt.length > LIMITS.promptMax) return `Prompt is ${n(prompt.length)} characters; the limit is ${PROMPT_RULE}.`;
  return undefined;
}

export function checkTimeout(timeout: number): string | undefined {
  if (!Number.isInteger(timeout) || timeout < LIMITS.timeoutMin || timeout > LIMITS.timeoutMax) {
    return `Timeout ${timeout} is not allowed: it must be a whole number of seconds from ${LIMITS.timeoutMin} to ${LIMITS.timeoutMax}.`;
  }
  return undefined;
}

export function checkLanguage(language: string): string | undefined {
  if (!(INTERACT_LANGUAGES as readonly string[]).includes(language)) {
    return `Language "${language}" is not supported: use node, python or bash.`;
  }
  return undefined;
}

/** All rules for one request; the first failure wins. */
export function checkInteract(jobId: string, body: InteractRequest): string | undefined {
  const hasCode = body.code !== undefined;
  const hasPrompt = body.prompt !== undefined;
  if (hasCode && hasPrompt) return "Send either 'code' or 'prompt', not both.";
  if (!hasCode && !hasPrompt) return "Either 'code' or 'prompt' must be provided.";
  return (
    checkJobId(jobId) ??
    (hasCode ? checkCode(body.code as string) : checkPrompt(body.prompt as string)) ??
    (body.language !== undefined ? checkLanguage(body.language) : undefined) ??
    (body.timeout !== undefined ? checkTimeout(body.timeout) : undefined) ??
    (body.allowedDomains !== undefined ? checkAllowedDomains(body.allowedDomains) : undefined)
  );
}

/** The cloud's rule for `allowedDomains`: at most 8 lower-case host names (no scheme, port or path). */
export function checkAllowedDomains(hosts: string[]): string | undefined {
  if (hosts.length > 8) return `allowedDomains has ${hosts.length} host names; at most 8 are allowed (the scrape's own host is added by itself). Shorten firecrawlInteract.allowedDomains or the notebook's list.`;
  const bad = hosts.find((h) => !/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(h));
  return bad === undefined ? undefined : `allowedDomains: ${JSON.stringify(bad.slice(0, 80))} is not a lower-case host name such as "example.com" (no scheme, port or path).`;
}
