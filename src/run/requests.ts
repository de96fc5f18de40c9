/**
 * The one request helper: every request the extension sends (interact, scrape, stop, list)
 * goes through `send()`, which resolves the server once (or uses the one given: a session's
 * own server), shows progress through the UI's port, keeps the running-request record that the
 * spinner and "Cancel" read, and cancels on request. It never shows results: callers and
 * presenters do.
 */
import type { ClientSettings, FirecrawlClient } from '../api/client';
import type { Server } from '../sessions/server';
import { Emitter } from '../shared/emitter';

export type ProgressLocation = 'notification' | 'window';

export interface ProgressRequest {
  title: string;
  location: ProgressLocation;
  /** Called when the user cancels from the progress UI. */
  cancel(): void;
}

/** How progress is shown (the UI implements it; tests can pass a silent one). */
export interface ProgressPort {
  begin(request: ProgressRequest): { end(): void };
}

export interface RequestSpec<T> {
  /** What runs, for the spinner and the cancel list: "Running node…". */
  label: string;
  title: string;
  location: ProgressLocation;
  /** The server to address; default: the backend's current one. */
  server?: Server;
  /** The caller's own cancellation (e.g. a notebook cell's interrupt). */
  signal?: AbortSignal;
  /** The request's id (a run's id for runs): what Cancel of one request names. */
  id?: string;
  send(client: FirecrawlClient, target: ClientSettings, signal: AbortSignal): Promise<T>;
}

export interface RunningRequest {
  id: string;
  label: string;
  server: Server;
}

export interface RequestContext {
  client: FirecrawlClient;
  /** The backend's current server (waits for a starting engine). */
  server(): Promise<Server>;
  /** Telemetry origin and the request time-out margin, read per request. */
  clientOptions(): Omit<ClientSettings, 'apiUrl' | 'apiKey'>;
  progress: ProgressPort;
}

let nextId = 1;

export class Requests {
  private readonly running = new Map<string, RunningRequest & { controller: AbortController }>();
  private readonly changed = new Emitter();

  constructor(private readonly ctx: RequestContext) {}

  /** Sends one request; resolves with its value and the server it went to. Throws ApiError. */
  async send<T>(spec: RequestSpec<T>): Promise<{ value: T; server: Server }> {
    const server = spec.server ?? (await this.ctx.server());
    const id = spec.id ?? `request-${nextId++}`;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    if (spec.signal?.aborted) controller.abort();
    const entry = { id, label: spec.label, server, controller };
    this.running.set(id, entry);
    this.changed.fire();
    const progress = this.ctx.progress.begin({ title: spec.title, location: spec.location, cancel: () => controller.abort() });
    try {
      const target: ClientSettings = { apiUrl: server.apiUrl, apiKey: server.apiKey, ...this.ctx.clientOptions() };
      const value = await spec.send(this.ctx.client, target, controller.signal);
      return { value, server };
    } finally {
      spec.signal?.removeEventListener('abort', onAbort);
      progress.end();
      this.running.delete(id);
      this.changed.fire();
    }
  }

  list(): RunningRequest[] {
    return [...this.running.values()].map(({ id, label, server }) => ({ id, label, server }));
  }

  /** Cancels one request (by id) or all; returns how many were cancelled. */
  cancel(id?: string): number {
    const targets = id ? [this.running.get(id)].filter((r) => r !== undefined) : [...this.running.values()];
    for (const r of targets) r.controller.abort();
    return targets.length;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

}
