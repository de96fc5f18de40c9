/**
 * The servers a test file of the VS Code side runs against, started once per file: fixture
 * pages on loopback, a scripted chat endpoint, and the real local engine (real Chromium) using
 * it for prompts. Other engines (other flags) are started with `engine()`; `close()` stops all.
 */
import { startEngine, type EngineHandle, type StartEngineOptions } from './engine';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { startScriptedLlm, type ScriptedLlm, type ScriptStep } from './scripted-llm';

export interface Servers {
  fixtures: FixtureServer;
  /** The chat endpoint's script: tests push the replies their prompt will consume. */
  llmScript: ScriptStep[];
  llm: ScriptedLlm;
  /** The main engine (prompts answered by `llm`). */
  engine: EngineHandle;
  /** Another real engine (e.g. `--max-sessions 1`), without model settings from the environment. */
  startEngine(opts?: StartEngineOptions): Promise<EngineHandle>;
  close(): Promise<void>;
}

export async function startServers(): Promise<Servers> {
  const started: { close(): Promise<void> }[] = [];
  const other = async (opts: StartEngineOptions = {}) => {
    const engine = await startEngine({ ...opts, env: { INTERACT_LLM_URL: '', INTERACT_LLM_MODEL: '', INTERACT_LLM_KEY: '', ...opts.env } });
    started.push({ close: () => engine.stop() });
    return engine;
  };
  const [fixtures, llmScript] = [await startFixtureServer(), [] as ScriptStep[]];
  started.push(fixtures);
  const llm = await startScriptedLlm(llmScript);
  started.push(llm);
  const engine = await other({ args: ['--llm-url', llm.url, '--llm-model', 'test'] });
  return {
    fixtures,
    llmScript,
    llm,
    engine,
    startEngine: other,
    close: async () => {
      await Promise.all(started.splice(0).map((s) => s.close().catch(() => undefined)));
    },
  };
}
