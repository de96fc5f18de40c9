/**
 * Request bodies are checked with zod schemas, as the cloud does. A failure is a 400 with the
 * cloud's body shape: `{success:false, code:"BAD_REQUEST", error, details:[{code, path, message}]}`.
 * zod's generic messages are replaced by the wording of zod 3 (the cloud's), so clients that
 * match on "Unrecognized key(s) in object" or "Expected string, received number" keep working;
 * each schema's own messages name the exact rule.
 */
import { z } from 'zod';
import { badRequest, type Issue } from '../http/errors';

type RawIssue = z.core.$ZodRawIssue;

function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

/**
 * A value from a request, for a message: short strings and plain scalars as JSON, anything else
 * by its kind. Raw input is never quoted whole (it may be megabytes, or nested thousands deep).
 */
export function shortValue(value: unknown): string {
  if (typeof value === 'string') return value.length <= 40 ? JSON.stringify(value) : `(a string of ${value.length} characters)`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value === undefined) return 'undefined';
  return `(${received(value) === 'array' ? 'an array' : `a value of type ${received(value)}`})`;
}

/** zod 3's wording for the issues no schema words itself. */
function genericMessage(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? 'Required' : `Expected ${iss.expected}, received ${received(iss.input)}`;
    case 'unrecognized_keys':
      return `Unrecognized key(s) in object: ${iss.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_union':
      if (iss.discriminator) {
        const value = (iss.input as Record<string, unknown> | undefined)?.[iss.discriminator];
        return `Invalid ${iss.discriminator} ${shortValue(value)}: use ${(iss.options as unknown[] | undefined)?.join(', ')}.`;
      }
      return undefined;
    case 'too_small':
    case 'too_big': {
      const bound = iss.code === 'too_small' ? `greater than or equal to ${iss.minimum}` : `less than or equal to ${iss.maximum}`;
      if (iss.origin === 'number' || iss.origin === 'int') return `Number must be ${bound}`;
      if (iss.origin === 'string') return `String must contain ${iss.code === 'too_small' ? 'at least' : 'at most'} ${iss.code === 'too_small' ? iss.minimum : iss.maximum} character(s)`;
      if (iss.origin === 'array') return `Array must contain ${iss.code === 'too_small' ? 'at least' : 'at most'} ${iss.code === 'too_small' ? iss.minimum : iss.maximum} element(s)`;
      return undefined;
    }
    case 'invalid_value':
      return `Invalid value ${shortValue(iss.input)}: use ${iss.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    default:
      return undefined;
  }
}

/** "a, b or c": the allowed values, as the messages name them. */
export function oneOf(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : values.join('');
}

/** Parses `body` with `schema`, or throws the 400 that names the first broken rule. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  // Messages produced here are generic, so the top-level text prefixes them with their path.
  const generic = new Set<string>();
  const result = schema.safeParse(body, {
    error: (iss) => {
      const message = genericMessage(iss);
      if (message) generic.add(message);
      return message;
    },
  });
  if (result.success) return result.data;
  const details: Issue[] = result.error.issues.map((i) => ({
    code: i.code,
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
    ...(i.code === 'unrecognized_keys' ? { keys: i.keys } : {}),
  }));
  const first = details[0];
  const where = first.path.length > 0 ? `'${first.path.join('.')}': ` : '';
  throw badRequest(generic.has(first.message) ? `Bad Request: ${where}${first.message}${first.message.endsWith('.') ? '' : '.'}` : first.message, details);
}

/** A whole number from `min` to `max`, with one message naming that rule for any bad value. */
export function intInRange(name: string, min: number, max: number, unit: string): z.ZodNumber {
  const rule = (input: unknown): string => `${name} ${shortValue(input)} is not allowed: it must be a whole number of ${unit} from ${min} to ${max}.`;
  return z
    .number({ error: (iss) => (iss.code === 'invalid_type' ? undefined : rule(iss.input)) })
    .int({ error: (iss) => rule(iss.input) })
    .min(min, { error: (iss) => rule(iss.input) })
    .max(max, { error: (iss) => rule(iss.input) });
}
