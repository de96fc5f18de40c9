import type { BrowserContext } from 'playwright-core';

/** An OpenAI-compatible chat-completions endpoint (`<url>/chat/completions`). */
export interface LlmConfig {
  url: string;
  model: string;
  key?: string;
}

export interface PromptRunOptions {
  context: BrowserContext;
  prompt: string;
  /** The request's `timeout`, applied per agent step as in the cloud. */
  stepTimeoutMs: number;
  llm: LlmConfig;
  /** Aborted when the session ends; the run stops at once. */
  signal: AbortSignal;
}

/** Mirrors the interact response fields a prompt fills. */
export interface PromptRun {
  success: boolean;
  output: string;
  /** Final page snapshot. */
  result: string;
  /** A readable log of the agent's steps. */
  stdout: string;
  stderr: string;
  exitCode: number;
  killed: boolean;
  error?: string;
  /** Model calls made (the cloud's turnCount). */
  turnCount: number;
  /** Tool calls run on the page (every tool but finish). */
  actionCount: number;
  /** Token counts summed over the model's answers. */
  usage: { inputTokens: number; outputTokens: number };
}
