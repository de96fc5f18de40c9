/**
 * A minimal live-view WebSocket client for tests: collects frames and JSON messages and sends
 * input messages, speaking the protocol of src/engine/live/protocol.ts.
 */
import WebSocket from 'ws';
import { decodeFrame, type ClientMessage, type FrameMeta, type ServerMessage } from '../../src/engine/live/protocol';

export interface LiveClient {
  frames: { at: number; meta: FrameMeta; bytes: number }[];
  messages: ServerMessage[];
  closed: Promise<{ code: number; reason: string }>;
  send(msg: ClientMessage): void;
  /** Resolves once `predicate` holds, checking after every frame or message. */
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): void;
}

/** Turns a live-view page URL (`/live/<id>?token=…`) into its WebSocket URL. */
export function socketUrlOf(pageUrl: string): string {
  const u = new URL(pageUrl);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.pathname += '/ws';
  return u.toString();
}

/** Connects; rejects with `unexpected-response <status>` when the upgrade is refused. */
export function connectLive(pageUrl: string): Promise<LiveClient> {
  const ws = new WebSocket(socketUrlOf(pageUrl));
  const frames: LiveClient['frames'] = [];
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((w) => w());
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      const buf = data as Buffer;
      const { meta, jpeg } = decodeFrame(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
      frames.push({ at: Date.now(), meta, bytes: jpeg.length });
    } else {
      messages.push(JSON.parse(data.toString()) as ServerMessage);
    }
    notify();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      notify();
    }),
  );
  const client: LiveClient = {
    frames,
    messages,
    closed,
    send: (msg) => ws.send(JSON.stringify(msg)),
    waitFor(predicate, timeoutMs = 20_000, what = 'condition') {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`live client: timed out waiting for ${what} (${frames.length} frames, messages ${JSON.stringify(messages)})`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => {
      reject(new Error(`unexpected-response ${res.statusCode}`));
      ws.terminate();
    });
    ws.once('error', reject);
  });
}
