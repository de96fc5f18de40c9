/**
 * One browser's DevTools connection, shared by any number of clients: a local Chromium's
 * --remote-debugging-pipe (pipeTransport below) or a remote browser service's connection
 * (remote-browser.ts). A local Chromium opens no DevTools port, so no other local process can
 * reach it; clients come in through the engine (endpoint.ts) with a per-browser token.
 *
 * Each client gets its own browser-level session (Target.attachToBrowserTarget), so its
 * discovery and auto-attach settings are its own, as on a connection of its own. Its messages
 * without a sessionId go to that session; answers get the client's own ids back; events of the
 * target sessions it attached go to it alone.
 */
import type { Readable, Writable } from 'node:stream';
import { guardCommand, type GuardOptions } from './guard';
import { parseCdpMessage, type CdpMessage } from './message';

/** A browser-level DevTools connection carrying whole JSON messages (flat sessions). */
export interface CdpTransport {
  send(message: string): void;
  /** Set by the hub before the first send. */
  onmessage?: (message: string) => void;
  onclose?: () => void;
}

/**
 * The largest DevTools message taken from a browser (the engine's endpoint and remote browser
 * connections take as much). A page can make Chromium send far more (a console.log of a
 * 100-million-character string is one 600 MB message), which would not even fit in a string.
 */
export const MAX_CDP_MESSAGE = 256 * 1024 * 1024;

/**
 * Chromium's --remote-debugging-pipe: JSON messages ended by a NUL byte, commands on fd 3,
 * answers and events on fd 4. A message over `maxBytes` (MAX_CDP_MESSAGE unless the engine
 * was given less) closes the connection (the browser exits when its pipe closes): `onTooLarge`
 * is told first, with the reason.
 */
export function pipeTransport(toBrowser: Writable, fromBrowser: Readable, onTooLarge: (reason: string) => void = () => undefined, maxBytes = MAX_CDP_MESSAGE): CdpTransport {
  const transport: CdpTransport = { send: (message) => void toBrowser.write(`${message}\0`) };
  let ended = false;
  const closed = (): void => {
    if (ended) return;
    ended = true;
    transport.onclose?.();
  };
  let chunks: Buffer[] = [];
  let size = 0;
  fromBrowser.on('data', (data: Buffer) => {
    if (ended) return;
    let start = 0;
    let end = data.indexOf(0);
    while (end !== -1) {
      chunks.push(data.subarray(start, end));
      const message = Buffer.concat(chunks).toString('utf8');
      chunks = [];
      size = 0;
      transport.onmessage?.(message);
      start = end + 1;
      end = data.indexOf(0, start);
    }
    if (start >= data.length) return;
    chunks.push(data.subarray(start));
    size += data.length - start;
    if (size > maxBytes) {
      chunks = [];
      onTooLarge(`the browser sent a DevTools message larger than ${Math.round(maxBytes / 1024 / 1024)} MB (a page printing a huge console message, for example), so the engine closed that browser`);
      fromBrowser.destroy();
      toBrowser.destroy();
      closed();
    }
  });
  fromBrowser.on('close', closed);
  fromBrowser.on('error', closed);
  toBrowser.on('error', closed);
  return transport;
}

interface Client {
  deliver(raw: string): void;
  onClose(): void;
  browserSession?: string;
  pending: string[];
  closed: boolean;
}

type Waiting = { own: (msg: CdpMessage) => void } | { client: Client; id: number; strip: boolean };

export interface HubClient {
  send(raw: string): void;
  close(): void;
}

export class CdpHub {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  /** Browser-level and target sessions, by the client that owns them. */
  private readonly owners = new Map<string, Client>();
  private readonly clients = new Set<Client>();
  private closed = false;
  /** Resolves when the browser's connection has ended. */
  readonly gone: Promise<void>;

  constructor(
    private readonly transport: CdpTransport,
    /** What clients may ask of this browser (see guard.ts). */
    private readonly guard: GuardOptions = { allowFileUrls: false, uploadRoots: [] },
  ) {
    transport.onmessage = (raw) => this.dispatch(raw);
    this.gone = new Promise((resolve) => {
      transport.onclose = () => {
        this.end();
        resolve();
      };
    });
  }

  /** Sends one command on the hub's own root session; resolves with its result. */
  call(method: string, params: Record<string, unknown> = {}): Promise<CdpMessage['result']> {
    if (this.closed) return Promise.reject(new Error('The browser is gone.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { own: (msg) => (msg.error ? reject(new Error(msg.error.message ?? 'CDP error')) : resolve(msg.result)) });
      this.write({ id, method, params });
    });
  }

  /** A new client; `deliver` gets each message for it, `onClose` once when it is cut off. */
  connect(deliver: (raw: string) => void, onClose: () => void): HubClient {
    const client: Client = { deliver, onClose, pending: [], closed: false };
    if (this.closed) {
      queueMicrotask(onClose);
      return { send: () => undefined, close: () => undefined };
    }
    this.clients.add(client);
    this.call('Target.attachToBrowserTarget').then(
      (result) => {
        if (client.closed || !result?.sessionId) return;
        client.browserSession = result.sessionId;
        this.owners.set(result.sessionId, client);
        for (const raw of client.pending.splice(0)) this.forward(client, raw);
      },
      () => this.drop(client),
    );
    return {
      send: (raw) => {
        if (client.closed) return;
        if (client.browserSession) this.forward(client, raw);
        else client.pending.push(raw);
      },
      close: () => this.drop(client),
    };
  }

  private forward(client: Client, raw: string): void {
    const msg = parseCdpMessage(raw);
    // Not a command: nothing to answer it with.
    if (typeof msg?.id !== 'number') return;
    const checked = guardCommand(msg, this.guard);
    if ('refused' in checked) {
      client.deliver(JSON.stringify({ id: msg.id, ...(msg.sessionId ? { sessionId: msg.sessionId } : {}), error: { code: -32000, message: checked.refused } }));
      return;
    }
    const id = this.nextId++;
    this.waiting.set(id, { client, id: msg.id, strip: msg.sessionId === undefined });
    this.write({ ...checked.command, id, sessionId: msg.sessionId ?? client.browserSession });
  }

  private dispatch(raw: string): void {
    const msg = parseCdpMessage(raw);
    if (!msg) return;
    if (typeof msg.id === 'number') {
      const w = this.waiting.get(msg.id);
      this.waiting.delete(msg.id);
      if (!w) return;
      if ('own' in w) return w.own(msg);
      if (w.client.closed) return;
      if (typeof msg.result?.sessionId === 'string') this.owners.set(msg.result.sessionId, w.client);
      msg.id = w.id;
      if (w.strip) delete msg.sessionId;
      w.client.deliver(JSON.stringify(msg));
      return;
    }
    const client = msg.sessionId ? this.owners.get(msg.sessionId) : undefined;
    if (!client || client.closed) return;
    const child = msg.params?.sessionId;
    if (msg.method === 'Target.attachedToTarget' && child) this.owners.set(child, client);
    if (msg.method === 'Target.detachedFromTarget' && child) this.owners.delete(child);
    if (msg.sessionId === client.browserSession) {
      delete msg.sessionId;
      client.deliver(JSON.stringify(msg));
    } else {
      client.deliver(raw);
    }
  }

  private drop(client: Client): void {
    if (client.closed) return;
    client.closed = true;
    this.clients.delete(client);
    for (const [session, owner] of this.owners) if (owner === client) this.owners.delete(session);
    // Its browser session (and with it the target sessions it attached) ends in the browser too.
    if (client.browserSession && !this.closed) this.call('Target.detachFromTarget', { sessionId: client.browserSession }).catch(() => undefined);
    client.onClose();
  }

  private write(msg: object): void {
    if (this.closed) return;
    this.transport.send(JSON.stringify(msg));
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.values()) if ('own' in w) w.own({ error: { message: 'The browser is gone.' } });
    this.waiting.clear();
    for (const client of [...this.clients]) this.drop(client);
  }
}
