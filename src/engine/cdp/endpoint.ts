/**
 * The engine's own way into its browsers' DevTools hubs (hub.ts): a WebSocket server on a
 * random loopback port, one URL per browser with a 192-bit token in it. The engine's Playwright
 * connections, the session's runs (inside their sandbox) and the public cdpUrl proxy connect
 * here; without a browser's token nothing reaches it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CdpHub } from './hub';

const MAX_PAYLOAD = 256 * 1024 * 1024;
const PATH = /^\/devtools\/browser\/([A-Za-z0-9_-]{32})$/;

const hubs = new Map<string, CdpHub>();
let listening: Promise<number> | undefined;

function start(): Promise<number> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_PAYLOAD });
  const server: Server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    const hub = hubs.get(PATH.exec(new URL(req.url ?? '/', 'http://x').pathname)?.[1] ?? '');
    if (!hub) return void socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    wss.handleUpgrade(req, socket, head, (ws) => attach(hub, ws));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      // Browsers and their clients keep the engine busy; this server alone must not.
      server.unref();
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function attach(hub: CdpHub, ws: WebSocket): void {
  const client = hub.connect(
    (raw) => ws.send(raw),
    () => ws.terminate(),
  );
  ws.on('message', (data) => client.send(data.toString()));
  ws.on('close', () => client.close());
  ws.on('error', () => client.close());
}

/** Registers a hub; answers its WebSocket URL and the function that removes it. */
export async function publishHub(hub: CdpHub): Promise<{ url: string; remove: () => void }> {
  listening ??= start();
  const port = await listening;
  const token = randomBytes(24).toString('base64url');
  hubs.set(token, hub);
  return { url: `ws://127.0.0.1:${port}/devtools/browser/${token}`, remove: () => hubs.delete(token) };
}
