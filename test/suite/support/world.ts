/**
 * The servers the extension-host suite runs against, started once per run and shared:
 * fixture pages on loopback, a scripted chat endpoint, and the real local engine (real
 * Chromium) using that endpoint for prompts. Engines with other flags (no model, one session at
 * most) and contract servers are started by the suites that need them.
 * Everything started here is stopped by a root `after` hook (registered when this module is
 * first loaded, which happens at a test file's top level) and, as a last resort, on exit.
 */
import { startEngine, type EngineHandle, type StartEngineOptions } from '../../support/engine';
import { startFixtureServer, type FixtureServer } from '../../support/fixture-server';
import { startScriptedLlm, type ScriptedLlm, type ScriptStep } from '../../support/scripted-llm';

export interface World {
  fixtures: FixtureServer;
  /** The chat endpoint's script: suites push the replies their prompt will consume. */
  llmScript: ScriptStep[];
  llm: ScriptedLlm;
  /** The main engine (prompts answered by `llm`). */
  engine: EngineHandle;
}

const cleanups: (() => Promise<void>)[] = [];
const liveEngines = new Set<EngineHandle>();
let world: Promise<World> | undefined;

// Engine child processes must not outlive the extension host if the run is cut short.
process.once('exit', () => {
  for (const e of liveEngines) e.proc.kill('SIGKILL');
});

if (typeof after === 'function') {
  after(async function () {
    this.timeout(60_000);
    await stopAll();
  });
}

/** Starts the shared servers on first use. */
export function getWorld(): Promise<World> {
  world ??= (async () => {
    const fixtures = await startFixtureServer();
    cleanups.push(() => fixtures.close());
    const llmScript: ScriptStep[] = [];
    const llm = await startScriptedLlm(llmScript);
    cleanups.push(() => llm.close());
    const engine = await startOwnedEngine({ args: ['--llm-url', llm.url, '--llm-model', 'test'] });
    return { fixtures, llmScript, llm, engine };
  })();
  return world;
}

/**
 * Starts another real engine (e.g. `--max-sessions 1`), stopped at the end of the run or by
 * the caller. LLM settings from the environment are cleared so "no model" really means none.
 */
export async function startOwnedEngine(opts: StartEngineOptions = {}): Promise<EngineHandle> {
  const engine = await startEngine({ ...opts, env: { INTERACT_LLM_URL: '', INTERACT_LLM_MODEL: '', INTERACT_LLM_KEY: '', ...opts.env } });
  liveEngines.add(engine);
  // An engine dying mid-run explains the connection errors that follow: say so (with the end
  // of its output) in the test output.
  let tail = '';
  const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-2000));
  engine.proc.stdout?.on('data', keep);
  engine.proc.stderr?.on('data', keep);
  engine.proc.once('exit', (code, signal) => {
    if (liveEngines.has(engine)) console.log(`engine ${engine.url} (${(opts.args ?? []).join(' ')}) exited unexpectedly (code ${code}, signal ${signal}); its last output:\n${tail}`);
  });
  const stop = async (): Promise<void> => {
    if (!liveEngines.delete(engine)) return;
    await engine.stop();
  };
  cleanups.push(stop);
  return { ...engine, stop };
}

/** Registers something to close at the end of the run (contract servers, temp dirs). */
export function atEnd(cleanup: () => Promise<void> | void): void {
  cleanups.push(async () => cleanup());
}

async function stopAll(): Promise<void> {
  world = undefined;
  const all = cleanups.splice(0).reverse();
  await Promise.all(all.map((c) => c().catch((err: unknown) => console.log(`cleanup failed: ${String(err)}`))));
}
