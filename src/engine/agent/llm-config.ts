import type { LlmConfig } from './types';

/**
 * The prompt agent's model endpoint: command-line flags first, then INTERACT_LLM_URL,
 * INTERACT_LLM_MODEL and INTERACT_LLM_KEY. Undefined (prompts answer 501) without a URL and a model.
 */
export function llmConfigFrom(flags: { llmUrl?: string; llmModel?: string; llmKey?: string }, env: NodeJS.ProcessEnv): LlmConfig | undefined {
  const url = nonEmpty(flags.llmUrl) ?? nonEmpty(env.INTERACT_LLM_URL);
  const model = nonEmpty(flags.llmModel) ?? nonEmpty(env.INTERACT_LLM_MODEL);
  const key = nonEmpty(flags.llmKey) ?? nonEmpty(env.INTERACT_LLM_KEY);
  if (!url || !model) return undefined;
  return key ? { url, model, key } : { url, model };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
