/** What one run is: its input, where it went, and what came back. Presentation reads these. */
import type { InteractLanguage, InteractResponse } from '../shared/api-types';
import type { ServerInfo } from '../sessions/server';

/** Where the sent text came from in a document (lines are 0-based, inclusive). */
export interface RunSource {
  uri: string;
  /** Workspace-relative path (or file name) for people. */
  label: string;
  startLine: number;
  endLine: number;
  /** Index of the `// %%` cell or notebook cell, when the run was one. */
  cell?: number;
}

export type RunInput = ({ kind: 'code'; code: string; language: InteractLanguage } | { kind: 'prompt'; prompt: string }) & { source?: RunSource };

export type RunStatus = 'running' | 'ok' | 'failed' | 'killed' | 'error' | 'cancelled';

export interface RunRecord {
  id: string;
  input: RunInput;
  jobId: string;
  server: ServerInfo;
  startedAt: number;
  /** The `timeout` (seconds) the run was sent with. */
  timeout?: number;
  durationMs?: number;
  status: RunStatus;
  /** The server's answer (HTTP 200, successful or failed run). */
  response?: InteractResponse;
  /** Why the request failed (HTTP error, network, cancel), when it did. */
  errorMessage?: string;
  /** This run started the session. */
  newSession?: boolean;
  /** The run's number in its session ("Run N" in the session's trace). */
  sessionRun?: number;
  /** Queued behind another run of the same session. */
  waiting?: boolean;
  /** The thrown error itself (in memory only; never stored), for presenters' actions. */
  error?: unknown;
}

export function statusOf(res: InteractResponse): RunStatus {
  if (res.killed) return 'killed';
  return res.success ? 'ok' : 'failed';
}

/** "node", "python", "bash" or "prompt". */
export function kindLabel(input: RunInput): string {
  return input.kind === 'code' ? input.language : 'prompt';
}

/** The sent text (code or prompt). */
export function inputText(input: RunInput): string {
  return input.kind === 'code' ? input.code : input.prompt;
}

/** First line of the input that is not empty or a comment, for lists. */
export function firstLine(input: RunInput, max = 80): string {
  const lines = inputText(input).split('\n').map((l) => l.trim());
  const line = lines.find((l) => l !== '' && !/^(\/\/|#|\/\*|\*)/.test(l)) ?? lines.find((l) => l !== '') ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
