/** The prompt agent as one more runner of a session: its "code" is the prompt. */
import type { BrowserContext } from 'playwright-core';
import type { Runner, RunRequest, RunResult } from '../runners/types';
import { runPrompt } from './agent';
import type { LlmConfig } from './types';

export interface PromptRunnerOptions {
  /** The session's browser context: the agent works on its current tab. */
  context: BrowserContext;
  llm: LlmConfig;
  /** Aborted when the session ends; a running prompt stops at once. */
  ended: AbortSignal;
}

export class PromptRunner implements Runner {
  constructor(private readonly opts: PromptRunnerOptions) {}

  /** The request's timeout bounds each agent step, as in the cloud. */
  run({ code, timeoutMs }: RunRequest): Promise<RunResult> {
    const { context, llm, ended } = this.opts;
    return runPrompt({ context, prompt: code, stepTimeoutMs: timeoutMs, llm, signal: ended });
  }

  /** Nothing outlives a prompt run: the session's end aborts it. */
  close(): void {}
}
