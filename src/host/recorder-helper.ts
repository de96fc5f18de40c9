/**
 * The extension's side of the recorder helper (src/recorder/helper-main.ts): forks
 * dist/recorder.js on the first request, matches answers to requests, and forks again after
 * the helper exited (it stops itself when idle). Playwright runs only in that process, so the
 * extension host never loads it.
 */
import type { ChildProcess } from 'node:child_process';
import { routeFor, type Env, type ProxySettings } from '../api/proxy';
import { isHelperAnswer, isHelperEvent, type HelperAnswer, type HelperEvent, type HelperMessage, type HelperRequest, type HelperRoute } from '../recorder/protocol';
import { Emitter } from '../shared/emitter';

/** A request as callers write it; the id is the helper client's. */
export type HelperCall = HelperRequest extends infer R ? (R extends HelperRequest ? Omit<R, 'id'> : never) : never;

export interface RecorderHelperOptions {
  /** Absolute path of dist/recorder.js. */
  helperPath: string;
  /** Lines the helper prints (Playwright's warnings), for the log; never holds a cdpUrl. */
  onOutput?(line: string): void;
  /** VS Code's proxy for a cdpUrl, read at each request (the helper's WebSocket goes through it). */
  route?(cdpUrl: string): HelperRoute | undefined;
}

/** The proxy route of a cdpUrl (ws:// decided as http://, wss:// as https://); loopback and no-proxy hosts: none. */
export function cdpRoute(cdpUrl: string, s: ProxySettings, env: Env): HelperRoute | undefined {
  const route = routeFor(cdpUrl.replace(/^ws/i, 'http'), s, env);
  if (route.kind !== 'proxy') return undefined;
  return { proxy: route.uri, shown: route.shown, setting: route.setting, authorization: route.authorization, strictSSL: s.strictSSL, systemCertificates: s.systemCertificates };
}

export class RecorderHelper {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (answer: HelperAnswer) => void>();
  private readonly events = new Emitter<HelperEvent>();
  /** Events of requests in progress (a pick armed, a recorded step). */
  readonly onEvent = this.events.event;

  constructor(private readonly opts: RecorderHelperOptions) {}

  /** Whether the helper process runs now (for tests and the log). */
  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async call(request: HelperCall): Promise<HelperAnswer> {
    return (await this.send(request)).answer;
  }

  /** Sends a request; `id` is known at once (a recording's events carry it), the answer later. */
  async send(request: HelperCall): Promise<{ id: number; answer: Promise<HelperAnswer> }> {
    const child = await this.start();
    const id = this.nextId++;
    return { id, answer: this.answer(child, id, request) };
  }

  private answer(child: ChildProcess, id: number, request: HelperCall): Promise<HelperAnswer> {
    return new Promise<HelperAnswer>((resolve) => {
      this.pending.set(id, resolve);
      const cdpUrl = 'cdpUrl' in request ? request.cdpUrl : undefined;
      const message = { ...request, id, route: cdpUrl ? this.opts.route?.(cdpUrl) : undefined } as HelperMessage;
      child.send(message, (err) => {
        if (err) this.settle({ id, ok: false, error: `The recorder helper could not be reached: ${err.message}` });
      });
    });
  }

  /** Ends the helper now (window closing); pending requests answer with an error. */
  dispose(): void {
    this.child?.kill();
  }

  private settle(answer: HelperAnswer): void {
    const resolve = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    resolve?.(answer);
  }

  private async start(): Promise<ChildProcess> {
    if (this.child) return this.child;
    // Loaded on the first pick only (child_process brings net and stream with it).
    const { fork } = await import('node:child_process');
    if (this.child) return this.child;
    const child = fork(this.opts.helperPath, [], {
      // The extension host may run with --inspect flags; the helper must not inherit them.
      execArgv: [],
      silent: true,
      // ELECTRON_RUN_AS_NODE makes a desktop VS Code's Electron binary behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child = child;
    child.on('message', (msg: unknown) => {
      if (isHelperAnswer(msg)) this.settle(msg);
      else if (isHelperEvent(msg)) this.events.fire(msg);
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line.trim()) this.opts.onOutput?.(line.slice(0, 500));
      });
    }
    const gone = (why: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      for (const id of [...this.pending.keys()]) this.settle({ id, ok: false, error: `The recorder helper stopped (${why}); try again.` });
    };
    child.once('exit', (code, signal) => gone(`exit ${String(code ?? signal)}`));
    child.once('error', (err) => gone(err.message));
    return child;
  }
}
