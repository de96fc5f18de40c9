/**
 * The part of the executor that cells, Markdown blocks, notebooks, screenshots and their
 * presenters use: run() and the start/finish events. The executor is one; this is its port.
 */
import type { Server } from '../sessions/server';
import type { RunInput, RunRecord } from './types';

export interface RunOptions {
  /** Run in this job instead of the current one. */
  jobId?: string;
  /** Address this server (a session's or a job's own) instead of the backend's current one. */
  server?: Server;
  /** The caller's own cancellation (a notebook cell's interrupt). */
  signal?: AbortSignal;
  /** No notification: the caller (a notebook, the Screenshot command) shows the outcome itself. */
  quiet?: boolean;
  /** The notebook's own allowedDomains, instead of the setting's. */
  allowedDomains?: string[];
}

/** May return a promise: the run resolves once every listener is done. */
export type RunListener = (record: RunRecord, opts: RunOptions) => unknown;

export interface RunEvents {
  onDidStart(listener: RunListener): { dispose(): unknown };
  onDidFinish(listener: RunListener): { dispose(): unknown };
}

export interface RunPath extends RunEvents {
  run(input: RunInput, opts?: RunOptions): Promise<RunRecord | undefined>;
}
