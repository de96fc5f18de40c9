/**
 * A scripted OpenAI-compatible chat-completions server on 127.0.0.1 for contract tests of the
 * prompt path (the engine cannot produce a model). It answers `POST <url>/chat/completions` with
 * the next step of its script and records every request.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** The token counts a reply reports (OpenAI's names). */
export interface ScriptedUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** What one model turn answers. */
export type ScriptedReply =
  /** An assistant message calling tools. */
  | { toolCalls: ScriptedToolCall[]; content?: string; delayMs?: number; usage?: ScriptedUsage }
  /** A final assistant message. */
  | { content: string; delayMs?: number; usage?: ScriptedUsage }
  /** An HTTP error from the endpoint. */
  | { status: number; body?: unknown; delayMs?: number };

/** A step is a fixed reply, or computed from the request (e.g. to read a ref from the last snapshot). */
export type ScriptStep = ScriptedReply | ((request: RecordedRequest) => ScriptedReply);

export interface RecordedRequest {
  path: string;
  authorization?: string;
  body: {
    model?: string;
    messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: unknown[] }[];
    tools?: { function: { name: string } }[];
  };
}

export interface ScriptedLlm {
  /** Base URL ending in `/v1`, as for --llm-url. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startScriptedLlm(script: ScriptStep[]): Promise<ScriptedLlm> {
  const requests: RecordedRequest[] = [];
  let next = 0;
  let callIds = 0;
  /** Delayed replies still to send; close() drops them so they cannot hold the test process open. */
  const pending = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        answer(404, { error: { message: `scripted LLM: no route ${req.method} ${req.url}` } });
        return;
      }
      let body: RecordedRequest['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
      } catch {
        answer(400, { error: { message: 'scripted LLM: body is not JSON' } });
        return;
      }
      const request: RecordedRequest = { path: req.url, authorization: req.headers.authorization, body };
      requests.push(request);
      const step = script[next++];
      if (!step) {
        answer(500, { error: { message: `scripted LLM: script exhausted after ${script.length} replies` } });
        return;
      }
      let reply: ScriptedReply;
      try {
        reply = typeof step === 'function' ? step(request) : step;
      } catch (err) {
        // A script that cannot compute its reply fails the run visibly instead of crashing the test process.
        reply = { status: 500, body: { error: { message: `scripted LLM: ${(err as Error).message}` } } };
      }
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (res.destroyed) return;
        if ('status' in reply) {
          answer(reply.status, reply.body ?? { error: { message: `scripted error ${reply.status}` } });
          return;
        }
        const toolCalls = 'toolCalls' in reply
          ? reply.toolCalls.map((c) => ({ id: `call_${++callIds}`, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.arguments) } }))
          : undefined;
        answer(200, {
          id: `chatcmpl-${next}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model ?? 'scripted',
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
          usage: reply.usage ? { ...reply.usage, total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens } : { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        });
      }, reply.delayMs ?? 0);
      pending.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The ref of the first snapshot line matching `pattern` (e.g. /button "Click me"/) in the request's latest message. */
export function refIn(request: RecordedRequest, pattern: RegExp): string {
  const last = [...request.body.messages].reverse().find((m) => m.role === 'tool' || m.role === 'user');
  const line = (last?.content ?? '').split('\n').find((l) => pattern.test(l));
  const ref = line && /\[ref=(e\d+)\]/.exec(line)?.[1];
  if (!ref) throw new Error(`scripted LLM: no ref for ${pattern} in the latest snapshot:\n${last?.content ?? '(none)'}`);
  return ref;
}
