/**
 * Environment variables holding secrets the engine reads once at start. They are removed from
 * the engine's own environment right after, so nothing it starts — the node REPL worker, bash and
 * python runs, agent-browser, Chromium — can hand them to user code (`env`, `process.env`).
 */
export const SECRET_ENV_VARS = ['FIRECRAWL_ENGINE_API_KEY', 'FIRECRAWL_API_KEY', 'INTERACT_LLM_KEY', 'FIRECRAWL_ENGINE_BROWSER_ENDPOINT'] as const;

export function dropSecretEnv(env: NodeJS.ProcessEnv): void {
  for (const name of SECRET_ENV_VARS) delete env[name];
}
