/** Messages between the engine and a REPL worker (child_process IPC). */

export type ToWorker =
  | { type: 'connect'; wsEndpoint: string }
  | { type: 'run'; id: number; code: string };

export interface RunOutcome {
  /** Output not already sent in `output` messages. */
  stdout: string;
  stderr: string;
  /** Last expression's value: strings as is, other values as JSON; absent for undefined. */
  result?: string;
  exitCode: number;
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'connected' }
  | { type: 'connect-error'; message: string }
  /** Output printed so far by the run in progress (the rest comes with `done`). */
  | { type: 'output'; stdout: string; stderr: string }
  | ({ type: 'done'; id: number } & RunOutcome);
