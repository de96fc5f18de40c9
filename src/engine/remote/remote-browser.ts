/**
 * Session browsers on a remote browser service (--browser-endpoint): each launch opens its own
 * connection, and the service starts a browser for it (Playwright's run-server, Browserless).
 * The connection becomes a DevTools hub published on the engine's own endpoint, exactly like a
 * local Chromium's pipe, so the live view, runs, the cdpUrl proxy and cleanup do not change.
 * Closing closes the browser on the service.
 */
import { chromium } from 'playwright-core';
import { WebSocket } from 'ws';
import { publishHub } from '../cdp/endpoint';
import { CdpHub, type CdpTransport } from '../cdp/hub';
import type { BrowserLauncher, ChromiumProcess } from '../browser/chromium';
import { HttpError } from '../http/errors';
import { scrubEndpoint, type BrowserEndpoint } from './endpoint';
import { PlaywrightCdpBridge } from './playwright-bridge';

const MAX_PAYLOAD = 256 * 1024 * 1024;
const CLOSE_TIMEOUT_MS = 5_000;

interface Connection {
  transport: CdpTransport;
  /** Ends the browser on the service and the connection (without a hub: the start failed). */
  close(hub?: CdpHub): Promise<void>;
}

export function remoteLauncher(endpoint: BrowserEndpoint): BrowserLauncher {
  return async ({ allowFileUrls = false, startTimeoutMs = 30_000, userDataDir }) => {
    if (userDataDir) {
      throw new HttpError(400, 'Saved profiles are not available on this engine: its browsers run on a remote browser service (--browser-endpoint) and a profile is a folder on the engine\'s machine. Leave out "profile", or use an engine without --browser-endpoint.');
    }
    let connection: Connection | undefined;
    let hub: CdpHub;
    try {
      connection = endpoint.protocol === 'playwright' ? await playwrightConnection(endpoint, startTimeoutMs) : await cdpConnection(endpoint, startTimeoutMs);
      hub = new CdpHub(connection.transport, { allowFileUrls, uploadRoots: [] });
      await withTimeout(hub.call('Browser.getVersion'), startTimeoutMs, 'the browser did not answer');
    } catch (err) {
      await connection?.close().catch(() => undefined);
      throw unreachable(endpoint, err);
    }
    const opened = connection;
    const { url, remove } = await publishHub(hub);
    void hub.gone.then(remove);
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => (closing ??= opened.close(hub).catch(() => undefined));
    const proc: ChromiumProcess = { wsEndpoint: url, exited: hub.gone, close };
    return proc;
  };
}

/** Playwright's protocol: the service launches a browser for this connection and closes it when the connection ends. */
async function playwrightConnection(endpoint: BrowserEndpoint, timeout: number): Promise<Connection> {
  const browser = await chromium.connect(endpoint.url, { timeout });
  return { transport: new PlaywrightCdpBridge(browser), close: () => browser.close() };
}

/** Chrome's protocol (Browserless and the like): one WebSocket, closed after Browser.close. */
async function cdpConnection(endpoint: BrowserEndpoint, timeout: number): Promise<Connection> {
  const ws = new WebSocket(endpoint.url, { perMessageDeflate: false, maxPayload: MAX_PAYLOAD, handshakeTimeout: timeout });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`the service answered HTTP ${res.statusCode} instead of opening a WebSocket`)));
  });
  const transport: CdpTransport = { send: (raw) => ws.readyState === WebSocket.OPEN && ws.send(raw) };
  ws.on('message', (data) => transport.onmessage?.(data.toString()));
  ws.on('close', () => transport.onclose?.());
  ws.on('error', () => ws.terminate());
  return {
    transport,
    close: async (hub) => {
      if (!hub) return void ws.terminate();
      await withTimeout(hub.call('Browser.close'), CLOSE_TIMEOUT_MS, 'no answer').catch(() => undefined);
      ws.close();
      await withTimeout(hub.gone, CLOSE_TIMEOUT_MS, 'not closed').catch(() => ws.terminate());
    },
  };
}

function unreachable(endpoint: BrowserEndpoint, err: unknown): HttpError {
  const reason = scrubEndpoint(((err as Error)?.message ?? String(err)).replace(/^[\w.]+: /, '').split('\n')[0], endpoint);
  return new HttpError(
    503,
    `The remote browser service at ${endpoint.shown} did not give a browser (${endpoint.protocol} protocol): ${reason}. ` +
      `Check that the service is running and reachable from the engine, that --browser-protocol matches it (playwright: Playwright's run-server; cdp: a Chrome DevTools endpoint such as Browserless) and that the token in --browser-endpoint is valid; then try again.`,
  );
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
