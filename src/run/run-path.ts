/**
 * The part of the executor that cells, Markdown blocks, notebooks, screenshots and their
 * presenters use: run() and the start/finish events. The executor is one; this is its port.
 */
import type { Server } from '../sessions/server';
import type { RunInput, RunRecord } from './types';

export interface RunOptions {
  jobId?: string;
  /** The session's own server (a session in the view), instead of the backend's current one. */
  server?: Server;
  /** The caller's own cancellation (a notebook cell's interrupt). */
  signal?: AbortSignal;
  /** No notification: the caller (a notebook, the Screenshot command) shows the outcome. */
  quiet?: boolean;
}

type Listener = (record: RunRecord, opts: RunOptions) => void;

export interface RunEvents {
  onDidStart(listener: Listener): { dispose(): unknown };
  onDidFinish(listener: Listener): { dispose(): unknown };
}

export interface RunPath extends RunEvents {
  run(input: RunInput, opts?: RunOptions): Promise<RunRecord | undefined>;
}
