/** What every runner answers: the code-run fields of the interact response. */
export interface RunResult {
  stdout: string;
  stderr: string;
  result?: string;
  exitCode: number;
  killed: boolean;
}

export interface RunRequest {
  code: string;
  timeoutMs: number;
}
