/** What every runner answers: the code-run fields of the interact response. */
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
}

export interface RunTiming {
  /** From sending the run to the REPL worker to its answer arriving (the worker hop and the run). */
  workerMs: number;
  /** The code's own time in the worker, from the start of its evaluation to its value (CDP calls included). */
  runMs: number;
}

export interface RunRequest {
  code: string;
  timeoutMs: number;
}
