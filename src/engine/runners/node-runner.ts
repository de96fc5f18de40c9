/**
 * Node runs: one persistent REPL worker process per session (see repl-worker.ts). A spare
 * worker is forked ahead with Playwright loaded. A run past its timeout gets its worker
 * killed; the next run starts a fresh worker on the same browser, so the session survives.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceShortage } from '../http/errors';
import { encodeFrame, FrameError, FrameReader } from './frames';
import { CappedText } from './output-cap';
import type { Sandbox } from './sandbox';
import type { FromWorker, OutputChunk, RunOutcome, ToWorker } from './protocol';
import type { Runner, RunRequest, RunResult } from './types';

const WORKER_JS = join(__dirname, 'repl-worker.js');
const STOPPED = 'Stopped: the browser session ended.';

type WorkerExit = Error & { exitCode?: number; code?: number | null; signal?: NodeJS.Signals | null };

/** What ended a worker during a run, said in the user's terms. */
function workerDeath(err: WorkerExit): string {
  // V8 aborts when the heap is full (SIGABRT; through bwrap, exit code 128 + 6).
  if (err.signal === 'SIGABRT' || err.code === 134) {
    return 'The run ran out of memory (Node\'s heap limit) and its REPL was stopped. Variables defined in this session were lost; the browser and its pages are unchanged. Work on less data at a time.';
  }
  return `${err.message} Variables defined in this session were lost; the browser and its pages are unchanged.`;
}
const CONNECT_TIMEOUT_MS = 30_000;

class Worker {
  readonly proc: ChildProcess;
  readonly ready: Promise<void>;
  /** Why the engine stopped this worker itself (its channel carried garbage, its spawn failed). */
  private stopReason: Error | undefined;
  private readonly listeners = new Set<(msg: FromWorker) => void>();
  private readonly exitListeners = new Set<(code: number | null, signal: NodeJS.Signals | null) => void>();

  constructor(sandbox: Sandbox | undefined, heapMb: number | undefined) {
    // The dynamic-import loader used by the REPL is flagged experimental; its warning is noise in run output.
    const heap = heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`];
    const nodeArgs = ['--disable-warning=ExperimentalWarning', ...heap, WORKER_JS];
    // Not Node's IPC channel: user code can write to the worker's descriptors, and the engine
    // must parse what it reads as untrusted (frames.ts). Requests go in on stdin, replies out on fd 3.
    const stdio: StdioOptions = ['pipe', 'ignore', 'ignore', 'pipe'];
    if (sandbox) {
      // The pipes pass through bwrap; the sandbox has its own /tmp, gone with it.
      const { command, args } = sandbox.wrap(process.execPath, nodeArgs);
      this.proc = spawn(command, args, { stdio });
      this.proc.on('exit', (code, signal) => this.exitListeners.forEach((l) => l(code, signal)));
    } else {
      // The worker's temp files (Playwright's artifacts folder, anything user code writes to
      // os.tmpdir()) go to a folder of its own, removed when it exits: a worker killed at a
      // timeout cannot clean up after itself.
      const tmp = mkdtempSync(join(tmpdir(), 'interact-repl-'));
      this.proc = spawn(process.execPath, nodeArgs, { stdio, env: { ...process.env, TMPDIR: tmp } });
      this.proc.on('exit', (code, signal) => {
        rmSync(tmp, { recursive: true, force: true, maxRetries: 2 });
        this.exitListeners.forEach((l) => l(code, signal));
      });
    }
    const reader = new FrameReader<FromWorker>();
    const replies = this.proc.stdio[3] as Readable | null;
    replies?.on('data', (chunk: Buffer) => {
      let messages: FromWorker[];
      try {
        messages = reader.push(chunk);
      } catch (err) {
        if (!(err instanceof FrameError)) throw err;
        replies.destroy();
        return this.stop(new Error(`The Node REPL's channel to the engine carried ${err.message} (something in the run wrote to the REPL's descriptor 3), so the engine stopped the REPL.`));
      }
      messages.forEach((msg) => this.listeners.forEach((l) => l(msg)));
    });
    for (const stream of [this.proc.stdin, replies]) stream?.on('error', () => undefined);
    // A spawn that fails (EMFILE, ENOENT) emits only 'error', no 'exit': it ends the worker's waits too.
    this.proc.on('error', (err) => {
      this.stopReason ??= err;
      this.exitListeners.forEach((l) => l(null, null));
    });
    this.ready = this.waitFor((m) => m.type === 'ready', 30_000).then(() => undefined);
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null && this.stopReason === undefined;
  }

  /** Calls `fn` with every message until the returned function is called. */
  listen(fn: (msg: FromWorker) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  send(msg: ToWorker): void {
    (this.proc.stdin as Writable | null)?.write(encodeFrame(msg));
  }

  /** Kills the worker; its runs fail with `reason`. */
  stop(reason: Error): void {
    this.stopReason ??= reason;
    this.kill();
  }

  /** Resolves with the first message matching `match`; rejects if the worker exits first. */
  waitFor(match: (m: FromWorker) => boolean, timeoutMs: number): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(onMsg);
        this.exitListeners.delete(onExit);
      };
      const onMsg = (m: FromWorker): void => {
        if (match(m)) {
          done();
          resolve(m);
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        done();
        if (this.stopReason) return reject(Object.assign(this.stopReason, { exitCode: 1 }));
        reject(Object.assign(new Error(`The Node REPL worker exited (${signal ?? `code ${code}`}).`), { exitCode: code ?? 1, code, signal }));
      };
      const timer = setTimeout(() => {
        done();
        reject(Object.assign(new Error('timeout'), { timedOut: true }));
      }, timeoutMs);
      if (!this.alive) return onExit(this.proc.exitCode, this.proc.signalCode);
      this.listeners.add(onMsg);
      this.exitListeners.add(onExit);
    });
  }

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

/** Keeps one pre-forked worker so a new session's REPL is ready without a cold Node start. */
export class WorkerPool {
  private spare: Worker | undefined;
  private readonly all = new Set<Worker>();
  private closed = false;

  constructor(
    private readonly sandbox: Sandbox | undefined,
    /** --node-heap-mb: each worker's V8 heap limit (a run past it gets the out-of-memory message). */
    private readonly heapMb?: number,
    /** --spares off: no worker is forked ahead; each session forks its own. */
    private readonly keepSpare = true,
  ) {}

  warm(): void {
    if (this.keepSpare && !this.spare && !this.closed) this.spare = this.fork();
  }

  take(): Worker {
    const w = this.spare && this.spare.alive ? this.spare : this.fork();
    this.spare = undefined;
    this.warm();
    return w;
  }

  closeAll(): void {
    this.closed = true;
    this.all.forEach((w) => w.kill());
  }

  private fork(): Worker {
    const w = new Worker(this.sandbox, this.heapMb);
    this.all.add(w);
    w.proc.once('exit', () => this.all.delete(w));
    w.proc.once('error', () => this.all.delete(w));
    return w;
  }
}

export class NodeRepl implements Runner {
  private worker: Worker | undefined;
  private connected: Promise<void> | undefined;
  private nextId = 1;
  private closed = false;
  /** Set when the session records a trace: every worker (a restarted one too) starts recording on connect. */
  traceTitle?: string;

  constructor(
    private readonly pool: WorkerPool,
    private readonly wsEndpoint: string,
  ) {}

  /** Starts (or restarts) the worker and its browser connection ahead of the first run. */
  prepare(): Promise<void> {
    if (!this.worker || !this.worker.alive || !this.connected) {
      const worker = this.pool.take();
      this.worker = worker;
      this.connected = worker.ready.then(async () => {
        worker.send({ type: 'connect', wsEndpoint: this.wsEndpoint });
        const reply = await worker.waitFor((m) => m.type === 'connected' || m.type === 'connect-error', CONNECT_TIMEOUT_MS);
        if (reply.type === 'connect-error') throw new Error(`The Node REPL could not connect to the session's browser: ${reply.message}`);
        if (this.traceTitle) worker.send({ type: 'trace', op: 'start', name: this.traceTitle });
      });
      this.connected.catch(() => undefined);
    }
    return this.connected as Promise<void>;
  }

  async run({ code, timeoutMs }: RunRequest): Promise<RunResult> {
    // Starting or reconnecting a worker (after a kill) is the engine's own cost: it has its own
    // bound and does not eat into the run's timeout, which covers the user's code only.
    try {
      await this.prepare();
    } catch (err) {
      this.reset();
      const shortage = resourceShortage(err);
      if (shortage) throw shortage;
      return { stdout: '', stderr: `${(err as Error).message}\n`, exitCode: 1, killed: false };
    }
    const worker = this.worker as Worker;
    const id = this.nextId++;
    const stdout = new CappedText('stdout');
    const stderr = new CappedText('stderr');
    const take = (m: OutputChunk): void => {
      stdout.append(m.stdout);
      stdout.skip(m.skippedOut);
      stderr.append(m.stderr);
      stderr.skip(m.skippedErr);
    };
    const unlisten = worker.listen((m) => {
      if (m.type === 'output') take(m);
    });
    const done = worker.waitFor((m) => m.type === 'done' && m.id === id, timeoutMs);
    const sent = performance.now();
    worker.send({ type: 'run', id, code });
    const truncated = (): boolean => stdout.truncated || stderr.truncated;
    try {
      const outcome = (await done) as RunOutcome;
      const timing = { workerMs: performance.now() - sent, runMs: outcome.runMs };
      take(outcome);
      return { stdout: String(stdout), stderr: String(stderr), result: outcome.result, exitCode: outcome.exitCode, killed: false, truncated: truncated() || outcome.resultTruncated, timing };
    } catch (err) {
      this.reset();
      // Have the next run's worker connected before it is asked for.
      if (!this.closed) this.prepare().catch(() => undefined);
      if ((err as { timedOut?: boolean }).timedOut) {
        return {
          stdout: String(stdout),
          stderr: `${String(stderr)}Execution timed out after ${Math.round(timeoutMs / 1000)} s and was killed. Variables defined in this session were lost; the browser and its pages are unchanged.\n`,
          exitCode: 124,
          killed: true,
          truncated: truncated(),
        };
      }
      return { stdout: String(stdout), stderr: `${String(stderr)}${this.closed ? STOPPED : workerDeath(err as WorkerExit)}\n`, exitCode: (err as WorkerExit).exitCode || 1, killed: false, truncated: truncated() };
    } finally {
      unlisten();
    }
  }

  /** Marks the start (name) or end (undefined) of a run in the trace; the worker keeps the order. */
  traceMark(name: string | undefined): void {
    const worker = this.worker;
    if (!this.traceTitle || !worker?.alive || !this.connected) return;
    // After the worker's connect (and trace start), before a run sent after this call.
    void this.connected.then(
      () => worker.alive && worker.send(name === undefined ? { type: 'trace', op: 'groupEnd' } : { type: 'trace', op: 'group', name }),
      () => undefined,
    );
  }

  /** What the worker recorded since its last hand-over, as a trace zip (undefined: no worker, nothing recorded). */
  async traceFlush(timeoutMs: number): Promise<Buffer | undefined> {
    const worker = this.worker;
    if (!this.traceTitle || !worker?.alive || !this.connected) return undefined;
    await this.connected;
    const id = this.nextId++;
    const reply = worker.waitFor((m) => m.type === 'trace-chunk' && m.id === id, timeoutMs);
    worker.send({ type: 'trace', op: 'flush', id });
    const chunk = (await reply) as Extract<FromWorker, { type: 'trace-chunk' }>;
    if (chunk.error !== undefined || chunk.zip === undefined) throw new Error(chunk.error ?? 'no trace');
    return Buffer.from(chunk.zip, 'base64');
  }

  close(): void {
    this.closed = true;
    this.reset();
  }

  private reset(): void {
    this.worker?.kill();
    this.worker = undefined;
    this.connected = undefined;
  }
}
