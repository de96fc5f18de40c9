/** DevTools protocol messages as the engine reads them: one parser for the hub and the remote bridge. */

/** A command (id and method), its answer (id, and result or error) or an event (method, no id). */
export interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: { sessionId?: string } & Record<string, unknown>;
  result?: { sessionId?: string } & Record<string, unknown>;
  error?: { code?: number; message?: string };
}

/**
 * The message in `raw`, or undefined when `raw` is not a JSON object: such a message has no id
 * to answer, so it is dropped (JSON `null` or a number must not reach code that reads fields).
 */
export function parseCdpMessage(raw: string): CdpMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as CdpMessage) : undefined;
}
