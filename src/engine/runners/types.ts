/** What every runner answers: the code-run fields of the interact response. */
export interface RunResult {
  stdout: string;
  stderr: string;
  result?: string;
  exitCode: number;
  killed: boolean;
  /** Some output or the result was cut at the engine's cap (see output-cap.ts). */
  truncated?: boolean;
}

export interface RunRequest {
  code: string;
  timeoutMs: number;
}
