/**
 * A response body as text and JSON. A body of OFF_THREAD_BYTES or more (a run's multi-megabyte
 * result) is decoded and parsed on a worker thread: one JSON.parse of 5 MB blocks its thread
 * for 30–70 ms, and on the extension host's thread that is every editor and view waiting. Left
 * here is copying the parsed value back, a few milliseconds even for a 5 MB result (its big
 * strings are copied whole, not parsed). Should the worker fail, the body is parsed here.
 */
import type { Worker } from 'node:worker_threads';

export const OFF_THREAD_BYTES = 1024 * 1024;

/** `text` is set when the body did not parse (or is empty), for the error that says so. */
export type Body = { parsed: true; json: unknown; text?: string } | { parsed: false; text: string };

// Plain JavaScript run by the worker (eval: true): it has no bundle of its own to load.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const decoder = new TextDecoder();
parentPort.on('message', ({ id, bytes }) => {
  const text = decoder.decode(bytes);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    parentPort.postMessage({ id, body: { parsed: false, text } });
    return;
  }
  parentPort.postMessage({ id, body: { parsed: true, json } });
});
`;

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (body: Body | undefined) => void>();

/** Parses `bytes` (UTF-8, a BOM dropped as fetch's text() does); JSON.parse's errors become `parsed: false`. */
export async function parseBody(bytes: Uint8Array): Promise<Body> {
  if (bytes.byteLength >= OFF_THREAD_BYTES) {
    const body = await parseOnWorker(bytes.slice());
    if (body) return body;
  }
  return parseHere(new TextDecoder().decode(bytes));
}

function parseHere(text: string): Body {
  if (text.length === 0) return { parsed: true, json: undefined, text };
  try {
    return { parsed: true, json: JSON.parse(text) };
  } catch {
    return { parsed: false, text };
  }
}

/** The worker's answer, or undefined when the worker could not give one. */
async function parseOnWorker(bytes: Uint8Array): Promise<Body | undefined> {
  const w = await startWorker().catch(() => undefined);
  if (!w) return undefined;
  const id = nextId++;
  return new Promise((resolve) => {
    // A parse in progress keeps the process alive; an idle worker does not.
    if (pending.size === 0) w.ref();
    pending.set(id, (body) => {
      if (pending.size === 0) w.unref();
      resolve(body);
    });
    // The copy's buffer moves to the worker instead of being copied again.
    w.postMessage({ id, bytes }, [bytes.buffer as ArrayBuffer]);
  });
}

async function startWorker(): Promise<Worker> {
  if (worker) return worker;
  const { Worker } = await import('node:worker_threads');
  const w = new Worker(WORKER_SOURCE, { eval: true });
  w.on('message', ({ id, body }: { id: number; body: Body }) => {
    const resolve = pending.get(id);
    pending.delete(id);
    resolve?.(body);
  });
  const fail = () => {
    if (worker === w) worker = undefined;
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(undefined);
  };
  w.on('error', fail);
  w.on('exit', fail);
  // Idle until a parse refs it (after the listeners: adding one refs it again).
  w.unref();
  worker = w;
  return w;
}
