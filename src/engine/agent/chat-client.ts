import type { LlmConfig } from './types';

/** The subset of the OpenAI chat-completions message format the agent uses. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** One model answer; `usage` holds the endpoint's token counts (0 when it reports none). */
export interface ChatReply {
  content: string | null;
  toolCalls: ToolCall[];
  usage: { inputTokens: number; outputTokens: number };
}

/** A failure of the model endpoint itself (unreachable, HTTP error, unreadable answer). */
export class ModelError extends Error {}

const MAX_ERROR_DETAIL = 300;

/**
 * One chat-completions call. The key only ever goes into the Authorization header; error
 * messages name the endpoint without credentials or query (an --llm-url may carry either) and
 * carry its own error text with the key blanked, should it echo the key back.
 */
export async function chat(
  llm: LlmConfig,
  messages: ChatMessage[],
  tools: ToolDefinition[],
  signal: AbortSignal,
): Promise<ChatReply> {
  const endpoint = `${llm.url.replace(/\/+$/, '')}/chat/completions`;
  const shown = withoutSecrets(endpoint);
  // What fetch or the endpoint says may repeat the full URL or the key.
  const clean = (text: string) => {
    const out = text.split(endpoint).join(shown);
    return llm.key ? out.split(llm.key).join('***') : out;
  };
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (llm.key) headers.authorization = `Bearer ${llm.key}`;
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: llm.model, messages, tools, tool_choice: 'auto' }),
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ModelError(`Could not reach the model endpoint ${shown}: ${clean(causeOf(err))}. Check --llm-url / INTERACT_LLM_URL.`);
  }
  const text = await res.text();
  if (!res.ok) {
    throw new ModelError(`The model endpoint ${shown} answered HTTP ${res.status}: ${errorDetail(clean(text))}`);
  }
  let body: { choices?: { message?: { content?: unknown; tool_calls?: unknown } }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new ModelError(`The model endpoint ${shown} answered something that is not JSON: ${errorDetail(clean(text))}`);
  }
  const message = body.choices?.[0]?.message;
  if (!message) throw new ModelError(`The model endpoint ${shown} answered without a message (no choices[0].message).`);
  const content = typeof message.content === 'string' ? message.content : null;
  const toolCalls = Array.isArray(message.tool_calls) ? message.tool_calls.filter(isToolCall) : [];
  return { content, toolCalls, usage: { inputTokens: tokens(body.usage?.prompt_tokens), outputTokens: tokens(body.usage?.completion_tokens) } };
}

function tokens(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function isToolCall(value: unknown): value is ToolCall {
  const call = value as ToolCall;
  return typeof call?.id === 'string' && typeof call.function?.name === 'string' && typeof call.function.arguments === 'string';
}

function errorDetail(text: string): string {
  let detail = text;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (typeof message === 'string') detail = message;
  } catch {
    // Not JSON: show the raw text.
  }
  detail = detail.trim() || '(empty body)';
  return detail.length > MAX_ERROR_DETAIL ? `${detail.slice(0, MAX_ERROR_DETAIL)}…` : detail;
}

/** The URL as messages may name it: origin and path, no credentials, query or fragment. */
function withoutSecrets(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split(/[?#]/)[0];
  }
}

function causeOf(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
