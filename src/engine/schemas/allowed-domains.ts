/**
 * `allowedDomains` of an interact call: at most 8 lower-case host names (the cloud's rule). A
 * session given them may reach only those hosts (and their subdomains) and its scrape's own host.
 */
import { z } from 'zod';

export const MAX_ALLOWED_DOMAINS = 8;
const RULE = 'Each entry is a lower-case host name such as "example.com" (no scheme, port or path).';
// Labels of letters, digits and inner hyphens, at most 63 characters each and 253 in all (DNS).
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*$`);

function problem(host: string): string | undefined {
  if (HOST.test(host)) return undefined;
  const shown = JSON.stringify(host.slice(0, 80));
  if (host !== host.toLowerCase() && HOST.test(host.toLowerCase())) return `allowedDomains: ${shown} must be lower case (${JSON.stringify(host.toLowerCase())}).`;
  if (/[:/]/.test(host)) return `allowedDomains: ${shown} is not a host name. ${RULE}`;
  return `allowedDomains: ${shown} is not a valid host name. ${RULE}`;
}

export const allowedDomains = z
  .array(z.string().superRefine((host, ctx) => {
    const message = problem(host);
    if (message) ctx.addIssue({ code: 'custom', message });
  }), 'allowedDomains must be an array of host names.')
  .max(MAX_ALLOWED_DOMAINS, { error: (iss) => `allowedDomains has ${(iss.input as unknown[]).length} entries; at most ${MAX_ALLOWED_DOMAINS} are allowed (the scrape's own host is added by itself).` })
  .optional();

/** Whether `host` is one of `allowed` or a subdomain of one. */
export function hostAllowed(host: string, allowed: ReadonlySet<string>): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (allowed.has(h)) return true;
  for (let dot = h.indexOf('.'); dot !== -1; dot = h.indexOf('.', dot + 1)) if (allowed.has(h.slice(dot + 1))) return true;
  return false;
}
