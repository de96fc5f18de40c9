/**
 * Each session's runners, one per language: node (a REPL worker), python (a REPL process),
 * bash (with agent-browser) and, when the engine has a model, the prompt agent.
 */
import type { BrowserContext } from 'playwright-core';
import { PromptRunner } from '../agent/prompt-runner';
import type { LlmConfig } from '../agent/types';
import { BashRunner } from './bash-runner';
import type { BashFound } from './bash-path';
import { NodeRepl, type WorkerPool } from './node-runner';
import { PythonRunner } from './python-runner';
import type { Sandbox } from './sandbox';
import type { Language, Runner } from './types';

/** A session's runners by language (prompt only with a model). */
export type RunnerTable = { readonly [L in Exclude<Language, 'prompt'>]: Runner } & { readonly prompt?: Runner };

/** What the engine gives every session's runners. */
export interface RunnerSetup {
  workers: WorkerPool;
  dataDir: string;
  /** Interpreter for python runs. */
  python: string;
  /** The bash for bash runs, or why there is none (Windows without Git for Windows). */
  bash: BashFound;
  sandbox: Sandbox | undefined;
  /** The model prompts run on; without one, prompts answer 501. */
  llm?: LlmConfig;
}

/** One session's side of its runners. */
export interface SessionSide {
  id: string;
  /** The session browser's DevTools endpoint. */
  wsEndpoint: string;
  context: BrowserContext;
  /** Aborted when the session ends. */
  ended: AbortSignal;
  ttlMs: number;
}

/** The node REPL (which also records the session's trace) and the whole table, node included. */
export interface SessionRunners {
  repl: NodeRepl;
  table: RunnerTable;
}

export class RunnerFactory {
  constructor(private readonly setup: RunnerSetup) {}

  /** Whether sessions can run prompts (a model is configured). */
  get prompts(): boolean {
    return this.setup.llm !== undefined;
  }

  create(session: SessionSide): SessionRunners {
    const { workers, dataDir, python, bash, sandbox, llm } = this.setup;
    const { id, wsEndpoint, context, ended, ttlMs } = session;
    const repl = new NodeRepl(workers, wsEndpoint);
    const table: RunnerTable = {
      node: repl,
      // agent-browser daemons quit after the session's whole lifetime at most (its browser is gone by then).
      bash: new BashRunner({ dataDir, sessionId: id, wsEndpoint, idleMs: ttlMs + 60_000, ended, sandbox, bash }),
      python: new PythonRunner({ python, wsEndpoint, ended, sandbox }),
      ...(llm ? { prompt: new PromptRunner({ context, llm, ended }) } : {}),
    };
    return { repl, table };
  }
}
