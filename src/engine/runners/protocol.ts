/** Messages between the engine and a REPL worker (child_process IPC). */

export type ToWorker =
  | { type: 'connect'; wsEndpoint: string }
  | { type: 'run'; id: number; code: string }
  /** The session's Playwright trace (see trace/): start it, mark a run, or hand over what is recorded so far. */
  | { type: 'trace'; op: 'start' | 'group' | 'groupEnd'; name?: string }
  | { type: 'trace'; op: 'flush'; id: number };

/** Output printed since the last message; `skipped*` counts characters past the run's cap. */
export interface OutputChunk {
  stdout: string;
  stderr: string;
  skippedOut: number;
  skippedErr: number;
}

/** The end of a run; its OutputChunk is the output not already sent in `output` messages. */
export interface RunOutcome extends OutputChunk {
  /** Last expression's value: strings as is, other values as JSON; absent for undefined. */
  result?: string;
  /** The result was longer than the cap and is cut (with a closing note). */
  resultTruncated: boolean;
  exitCode: number;
  /** Milliseconds from the start of the code's evaluation to its value. */
  runMs: number;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'connected' }
  | { type: 'connect-error'; message: string }
  /** Output printed so far by the run in progress (the rest comes with `done`). */
  | ({ type: 'output' } & OutputChunk)
  | ({ type: 'done'; id: number } & RunOutcome)
  /** A flushed trace chunk: the zip in base64, or why there is none. */
  | { type: 'trace-chunk'; id: number; zip?: string; error?: string };
