/** What a session runs: code in one of three languages, or a prompt for the agent. */
export type Language = 'node' | 'python' | 'bash' | 'prompt';

/** One way to run something in a session; each session has one per language (see runner-table.ts). */
export interface Runner {
  run(req: RunRequest): Promise<RunResult>;
  /** Stops what the runner keeps for its session (a REPL, a daemon); called when the session ends. */
  close(): void;
}

export interface RunRequest {
  /** The code, or the prompt's text for the agent. */
  code: string;
  timeoutMs: number;
}

/** What every runner answers: the run fields of the interact response. */
export interface RunResult {
  stdout: string;
  stderr: string;
  result?: string;
  exitCode: number;
  killed: boolean;
  /** Some output or the result was cut at the engine's cap (see output-cap.ts). */
  truncated?: boolean;
  /** Node runs: where the run's time went (ms), for the Server-Timing header. */
  timing?: RunTiming;
  /** Prompt runs say whether they succeeded (a code run did when it exited 0 in time). */
  success?: boolean;
  /** Prompt runs: the agent's answer. */
  output?: string;
  error?: string;
  /** Prompt runs: the model's turns, the page actions and the model's token counts. */
  turnCount?: number;
  actionCount?: number;
  usage?: { inputTokens: number; outputTokens: number };
}

export interface RunTiming {
  /** From sending the run to the REPL worker to its answer arriving (the worker hop and the run). */
  workerMs: number;
  /** The code's own time in the worker, from the start of its evaluation to its value (CDP calls included). */
  runMs: number;
}
