/**
 * One session's Node REPL, in its own process so a runaway run can be killed without touching
 * the engine. Connects to the session's browser with Playwright and evaluates each input in
 * this process's global scope (see repl-rewrite.ts), with `page`, `context` and `browser` set.
 */
import { Console } from 'node:console';
import { readFile, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { constants, runInThisContext } from 'node:vm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { encodeFrame, FrameReader } from './frames';
import type { FromWorker, ToWorker } from './protocol';
import { capResult, OUTPUT_CAP } from './output-cap';
import { rewriteForRepl } from './repl-rewrite';

// Replies go to the engine on fd 3, requests come in on stdin, both as frames (frames.ts).
const channel = new Socket({ fd: 3, readable: false, writable: true });
const send = (msg: FromWorker): void => {
  channel.write(encodeFrame(msg));
};

// Output of the run in progress not yet sent to the engine. It goes out in small batches while
// the run lasts, so a run killed at its timeout still shows what it printed. Past OUTPUT_CAP
// characters per stream and run only the count goes out: a print loop cannot fill this
// process's memory or the engine's.
let stdout = '';
let stderr = '';
let kept = { out: 0, err: 0 };
let skipped = { out: 0, err: 0 };
let flushScheduled = false;
const flush = (): void => {
  flushScheduled = false;
  if (stdout || stderr || skipped.out || skipped.err) send({ type: 'output', stdout, stderr, skippedOut: skipped.out, skippedErr: skipped.err });
  stdout = '';
  stderr = '';
  skipped = { out: 0, err: 0 };
};
const emit = (which: 'out' | 'err', text: string): void => {
  const room = OUTPUT_CAP - kept[which];
  const s = room >= text.length ? text : text.slice(0, Math.max(room, 0));
  skipped[which] += text.length - s.length;
  kept[which] += s.length;
  if (which === 'out') stdout += s;
  else stderr += s;
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
};
const sink = (which: 'out' | 'err'): Writable =>
  new Writable({
    write(chunk: Buffer, _enc, cb) {
      emit(which, chunk.toString());
      cb();
    },
  });
const replConsole = new Console({ stdout: sink('out'), stderr: sink('err'), colorMode: false });

// Direct writes to the process streams belong to the run too.
process.stdout.write = ((chunk: string | Uint8Array) => (emit('out', chunk.toString()), true)) as typeof process.stdout.write;
process.stderr.write = ((chunk: string | Uint8Array) => (emit('err', chunk.toString()), true)) as typeof process.stderr.write;

const g = globalThis as Record<string, unknown>;
g.console = replConsole;
g.require = require;

/** The context this worker traces (user code may reassign the `context` global). */
let traced: BrowserContext | undefined;
/** Trace operations run in order, and a run starts after the ones sent before it. */
let traceQueue: Promise<void> = Promise.resolve();
/** A chunk larger than this is dropped (it would not fit one message to the engine). */
const MAX_TRACE_CHUNK = 40 * 1024 * 1024;

async function traceOp(msg: Extract<ToWorker, { type: 'trace' }>): Promise<void> {
  if (msg.op === 'start') {
    traced = g.context as BrowserContext;
    await traced.tracing.start({ name: 'session', title: msg.name, screenshots: true, snapshots: true });
    return;
  }
  if (!traced) return;
  if (msg.op !== 'flush') return void (await (msg.op === 'group' ? traced.tracing.group(msg.name ?? 'run') : traced.tracing.groupEnd()));
  const path = join(tmpdir(), `trace-${msg.id}.zip`);
  try {
    await traced.tracing.stopChunk({ path });
    await traced.tracing.startChunk();
    const zip = await readFile(path);
    send(zip.length > MAX_TRACE_CHUNK
      ? { type: 'trace-chunk', id: msg.id, error: `a trace part of ${Math.round(zip.length / 1048576)} MB was dropped (over ${MAX_TRACE_CHUNK / 1048576} MB)` }
      : { type: 'trace-chunk', id: msg.id, zip: zip.toString('base64') });
  } finally {
    await rm(path, { force: true });
  }
}

/**
 * Playwright, loaded through require: this worker is CommonJS, and an ESM import() of
 * playwright-core (its index.mjs over the CommonJS build) took 0.72 s of CPU against 0.40 s,
 * paid by every session's worker.
 */
function playwright(): typeof import('playwright-core') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('playwright-core') as typeof import('playwright-core');
}

async function connect(wsEndpoint: string): Promise<void> {
  const { chromium } = playwright();
  const browser: Browser = await chromium.connectOverCDP(wsEndpoint);
  const context: BrowserContext = browser.contexts()[0] ?? (await browser.newContext());
  const pages = context.pages();
  const page: Page = pages.find((p) => p.url() !== 'about:blank') ?? pages[0] ?? (await context.newPage());
  Object.assign(g, { browser, context, page });
}

function format(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  // JSON would print these as {}; the inspector shows their entries.
  if (value instanceof Map || value instanceof Set) return inspect(value, { depth: 2 });
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // Circular or otherwise not JSON: fall back to Node's inspector below.
  }
  return inspect(value, { depth: 2 });
}

// Each run is compiled as its own script, `interact-<n>.js` (the n-th run of this REPL), so a
// frame says which run's code it is in: a function defined by an earlier run keeps its run's
// name. Errors show the running run's frames as `interact.js` (the lines as sent now), which is
// what the extension maps back to the document; earlier runs' frames keep their numbered name.
let runCount = 0;
let runningScript: string | undefined;
const SCRIPT_FRAME = /\binteract-\d+\.js:/;

function describeError(err: unknown): string {
  if (!(err instanceof Error)) return `Uncaught ${inspect(err)}`;
  // Keep the user's frames; drop this worker's and Node's internals.
  const lines = (err.stack ?? `${err.name}: ${err.message}`).split('\n');
  const head = lines.filter((l) => !/^\s+at /.test(l));
  const frames = lines.filter((l) => /^\s+at /.test(l) && SCRIPT_FRAME.test(l));
  const current = runningScript ? new RegExp(`\\b${runningScript.replace('.', '\\.')}:`, 'g') : undefined;
  return [...head, ...frames.map((l) => (current ? l.replace(current, 'interact.js:') : l))].join('\n');
}

/**
 * Rewritten inputs by their source, most recently used last: a session often sends the same
 * snippet again (a re-run, a polling loop), and the rewrite's acorn parse costs more than the
 * run of a short one. Bounded in count and in the size of what is kept. (Each run is still
 * compiled on its own, under its own script name.)
 */
const rewritten = new Map<string, string>();
const REWRITTEN_MAX = 64;
const REWRITTEN_CODE_MAX = 16 * 1024;

function rewrite(code: string): string {
  const hit = rewritten.get(code);
  if (hit !== undefined) {
    rewritten.delete(code);
    rewritten.set(code, hit);
    return hit;
  }
  let wrapped: string;
  try {
    wrapped = rewriteForRepl(code);
  } catch (err) {
    const hint = /'import' and 'export'/.test((err as Error).message) ? " The REPL runs scripts: use `await import('pkg')` or `require('pkg')` instead of import statements." : '';
    throw new SyntaxError(`${(err as Error).message}${hint}`);
  }
  if (code.length <= REWRITTEN_CODE_MAX) {
    rewritten.set(code, wrapped);
    if (rewritten.size > REWRITTEN_MAX) rewritten.delete(rewritten.keys().next().value as string);
  }
  return wrapped;
}

async function run(id: number, code: string): Promise<void> {
  // Output printed between runs (late callbacks) belongs to neither: drop it.
  stdout = '';
  stderr = '';
  kept = { out: 0, err: 0 };
  skipped = { out: 0, err: 0 };
  let result: string | undefined;
  let exitCode = 0;
  runningScript = `interact-${++runCount}.js`;
  const started = performance.now();
  try {
    const wrapped = rewrite(code);
    // Dynamic import() resolves like the worker's own imports (node: builtins, node_modules).
    const value: unknown = await runInThisContext(wrapped, { filename: runningScript, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    result = format(value);
  } catch (err) {
    exitCode = 1;
    emit('err', `${describeError(err)}\n`);
  }
  const runMs = performance.now() - started;
  runningScript = undefined;
  const capped = capResult(result);
  send({ type: 'done', id, stdout, stderr, skippedOut: skipped.out, skippedErr: skipped.err, result: capped.result, resultTruncated: capped.truncated, exitCode, runMs });
  stdout = '';
  stderr = '';
  skipped = { out: 0, err: 0 };
}

function handleRequest(msg: ToWorker): void {
  if (msg.type === 'connect') {
    connect(msg.wsEndpoint).then(
      () => send({ type: 'connected' }),
      (err: Error) => send({ type: 'connect-error', message: err.message }),
    );
  } else if (msg.type === 'run') {
    void traceQueue.then(() => run(msg.id, msg.code));
  } else if (msg.type === 'trace') {
    traceQueue = traceQueue
      .then(() => traceOp(msg))
      .catch((err: Error) => {
        if (msg.op === 'flush') send({ type: 'trace-chunk', id: msg.id, error: err.message.split('\n')[0] });
      });
  }
}
const requests = new FrameReader<ToWorker>();
process.stdin.on('data', (chunk: Buffer) => requests.push(chunk).forEach(handleRequest));
// A rejected promise the user forgot to await must not end the REPL.
process.on('unhandledRejection', (err) => {
  emit('err', `Unhandled rejection: ${describeError(err)}\n`);
});
process.on('uncaughtException', (err) => {
  emit('err', `Uncaught exception: ${describeError(err)}\n`);
});
// The engine's end of the pipes closing means the engine is gone: leave with it.
process.stdin.on('end', () => process.exit(0));
channel.on('error', () => process.exit(0));

// Load Playwright now so the first run does not pay for it (after this tick: the listeners above are set first).
setImmediate(() => {
  playwright();
  send({ type: 'ready' });
});
