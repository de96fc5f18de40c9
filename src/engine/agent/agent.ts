import type { BrowserContext } from 'playwright-core';
import { currentPage, describePage, runTool, TOOLS } from './browser-tools';
import { chat, ModelError, type ChatMessage } from './chat-client';
import type { PromptRun, PromptRunOptions } from './types';
import { PROMPT_MAX_STEPS } from '../../shared/api-types';

export { llmConfigFrom } from './llm-config';

/** As in the cloud: at most 25 model turns, each bounded by the request's `timeout` (the extension's prompt deadline is built on the same bound). */
export const MAX_STEPS = PROMPT_MAX_STEPS;
/** The final snapshot is a courtesy; it must not hold up the answer for long. */
const FINAL_SNAPSHOT_MS = 10_000;
const LOG_ARG_CHARS = 120;

const SYSTEM_PROMPT = `You control a web browser tab to complete the user's task.
Use the tools: snapshot shows the page with element refs like [ref=e12]; click, fill and press act on the page
and answer with a fresh snapshot; navigate opens a URL; extract returns the page as markdown.
Refs are only valid for the latest snapshot. When the task is done, call finish with the answer
(or answer in plain text without a tool call). Be brief.`;

/** Thrown inside a step when the step's time is up or the run was cancelled. */
class StepStopped extends Error {
  constructor(readonly reason: 'timeout' | 'aborted') {
    super(reason);
  }
}

/**
 * Runs a natural-language prompt as an agent loop over an OpenAI-compatible chat endpoint with
 * browser tools on the session's current tab. Never throws: failures come back as a failed run.
 */
export async function runPrompt(opts: PromptRunOptions): Promise<PromptRun> {
  const log: string[] = [];
  const counts = { turnCount: 0, actionCount: 0, usage: { inputTokens: 0, outputTokens: 0 } };
  const finish = async (fields: { success: boolean; output?: string; error?: string; killed?: boolean }): Promise<PromptRun> => {
    const result = await finalSnapshot(opts);
    if (fields.error) log.push(`error: ${fields.error}`);
    return {
      success: fields.success,
      output: fields.output ?? '',
      result,
      stdout: log.length ? `${log.join('\n')}\n` : '',
      stderr: fields.error ? `${fields.error}\n` : '',
      // 124 for a killed run, as the engine's code runners (and timeout(1)) answer.
      exitCode: fields.success ? 0 : fields.killed ? 124 : 1,
      killed: fields.killed ?? false,
      ...(fields.error ? { error: fields.error } : {}),
      ...counts,
    };
  };

  const messages: ChatMessage[] = [{ role: 'system', content: SYSTEM_PROMPT }];
  try {
    const start = await inStep(opts, (timeoutMs) => readPage(opts.context, timeoutMs));
    messages.push({ role: 'user', content: `${opts.prompt}\n\nThe current page:\n${start}` });
  } catch (err) {
    return finish(failure(err, 'reading the page', opts));
  }

  for (let step = 1; step <= MAX_STEPS; step++) {
    try {
      const answer = await inStep(opts, async (timeoutMs, signal) => {
        // One budget per step: the tools get what the model call left of it.
        const deadline = Date.now() + timeoutMs;
        const reply = await chat(opts.llm, messages, TOOLS, signal);
        counts.turnCount++;
        counts.usage.inputTokens += reply.usage.inputTokens;
        counts.usage.outputTokens += reply.usage.outputTokens;
        signal.throwIfAborted();
        messages.push({ role: 'assistant', content: reply.content, ...(reply.toolCalls.length ? { tool_calls: reply.toolCalls } : {}) });
        if (reply.content?.trim()) log.push(`step ${step}: model: ${reply.content.trim()}`);
        if (reply.toolCalls.length === 0) {
          if (!reply.content?.trim()) throw new ModelError('The model answered with neither a tool call nor text.');
          return { answer: reply.content.trim() };
        }
        for (const call of reply.toolCalls) {
          const args = parseArgs(call.function.arguments);
          const name = call.function.name;
          if (name === 'finish' && args) {
            log.push(`step ${step}: finish`);
            const answer = args.answer ?? args;
            return { answer: typeof answer === 'string' ? answer : JSON.stringify(answer) };
          }
          let content: string;
          counts.actionCount++;
          if (!args) {
            content = `Error: the arguments of ${name} are not a JSON object.`;
          } else {
            try {
              content = await runTool(opts.context, name, args, deadline - Date.now());
            } catch (err) {
              signal.throwIfAborted();
              content = `Error: ${firstLine((err as Error).message)}`;
            }
          }
          // A step that timed out keeps running in the background; it must not write any more.
          signal.throwIfAborted();
          log.push(`step ${step}: ${name}(${describeArgs(args)}) → ${firstLine(content)}`);
          messages.push({ role: 'tool', tool_call_id: call.id, content });
        }
        return undefined;
      });
      if (answer) return finish({ success: true, output: answer.answer });
    } catch (err) {
      return finish(failure(err, `step ${step}`, opts));
    }
  }
  return finish({ success: false, error: `The agent did not finish within ${MAX_STEPS} steps. Try a more specific prompt or split the task.` });
}

/** Runs one step with its own deadline; throws StepStopped on timeout or cancellation. */
async function inStep<T>(opts: PromptRunOptions, work: (timeoutMs: number, signal: AbortSignal) => Promise<T>): Promise<T> {
  if (opts.signal.aborted) throw new StepStopped('aborted');
  const controller = new AbortController();
  let reason: StepStopped | undefined;
  let stop!: (err: StepStopped) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  const halt = (why: 'timeout' | 'aborted') => {
    reason ??= new StepStopped(why);
    controller.abort(reason);
    stop(reason);
  };
  const timer = setTimeout(() => halt('timeout'), opts.stepTimeoutMs);
  const onAbort = () => halt('aborted');
  opts.signal.addEventListener('abort', onAbort, { once: true });
  try {
    // Playwright calls are bounded by their own timeouts; the race also covers the ones without.
    return await Promise.race([work(opts.stepTimeoutMs, controller.signal), stopped]);
  } catch (err) {
    throw reason ?? err;
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
  }
}

function failure(err: unknown, where: string, opts: PromptRunOptions): { success: false; error: string; killed?: boolean } {
  if (err instanceof StepStopped) {
    return err.reason === 'aborted'
      ? { success: false, killed: true, error: 'The prompt run was cancelled: its browser session ended (stopped or expired).' }
      : {
          success: false,
          killed: true,
          error: `The agent's ${where} took longer than the ${opts.stepTimeoutMs / 1000} s step timeout. Raise "timeout" (it applies to each step) or give a more specific prompt.`,
        };
  }
  if (err instanceof ModelError) return { success: false, error: err.message };
  return { success: false, error: `The agent failed at ${where}: ${firstLine((err as Error).message)}` };
}

/** The page after the run, or '' when it cannot be read in time or the run was cancelled. */
function finalSnapshot(opts: PromptRunOptions): Promise<string> {
  const quick = { ...opts, stepTimeoutMs: Math.min(opts.stepTimeoutMs, FINAL_SNAPSHOT_MS) };
  return inStep(quick, (timeoutMs) => readPage(opts.context, timeoutMs)).catch(() => '');
}

async function readPage(context: BrowserContext, timeoutMs: number): Promise<string> {
  return describePage(await currentPage(context), timeoutMs);
}

function parseArgs(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function describeArgs(args: Record<string, unknown> | undefined): string {
  if (!args) return '?';
  const text = Object.entries(args)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
  return text.length > LOG_ARG_CHARS ? `${text.slice(0, LOG_ARG_CHARS)}…` : text;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}
