/**
 * The helper's way to a cdpUrl through VS Code's proxy. Playwright's connectOverCDP opens its
 * WebSocket on a socket of its own and knows no proxy, so for a routed cdpUrl the helper listens
 * on a loopback port and gives Playwright that address (with the real Host header). Each
 * connection there goes through an HTTP CONNECT tunnel of the proxy to the real host; for wss://
 * the TLS is made over the tunnel, with the certificates VS Code trusts (api/trust.ts).
 */
import type { Socket } from 'node:net';
import { secureContext } from '../api/trust';
import type { HelperRoute } from './protocol';

export interface Tunnel {
  /** The ws:// URL Playwright connects to (loopback), same path and query as the cdpUrl. */
  endpoint: string;
  /** The Host header of the real server. */
  headers: Record<string, string>;
  /** Why the last tunnel failed, naming the proxy and its setting; never the cdpUrl's path or token. */
  failure(): string | undefined;
  close(): void;
}

export async function openTunnel(cdpUrl: string, route: HelperRoute): Promise<Tunnel> {
  const net = await import('node:net');
  const http = await import('node:http');
  const https = await import('node:https');
  const tls = await import('node:tls');
  const target = new URL(cdpUrl);
  const secure = target.protocol === 'wss:';
  const authority = `${target.hostname}:${target.port || (secure ? '443' : '80')}`;
  const proxy = new URL(route.proxy);
  const credentials = proxy.username ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` : undefined;
  const authorization = route.authorization ?? credentials;
  const context = secure ? await secureContext(route.systemCertificates) : undefined;
  let failure: string | undefined;
  const sockets = new Set<Socket>();

  const carry = (client: Socket): void => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const request = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(authorization ? { 'proxy-authorization': authorization } : {}) },
      rejectUnauthorized: route.strictSSL,
    });
    request.once('connect', (res, upstream) => {
      if (res.statusCode !== 200) {
        const fix = res.statusCode === 407 ? 'http.proxyAuthorization (or credentials in the proxy URL)' : route.setting;
        failure = `The proxy ${route.shown} (${route.setting}) answered ${res.statusCode ?? '?'} ${res.statusMessage ?? ''} to a tunnel to ${authority}; check ${fix}.`;
        upstream.destroy();
        client.destroy();
        return;
      }
      const far = secure ? tls.connect({ socket: upstream, servername: target.hostname, rejectUnauthorized: route.strictSSL, secureContext: context }) : upstream;
      far.once('error', (err) => {
        failure = `Through the proxy ${route.shown} (${route.setting}), ${authority} failed: ${err.message}${secure ? '; a proxy that inspects TLS needs its root certificate in the OS store (http.systemCertificates) or http.proxyStrictSSL off' : ''}.`;
        client.destroy();
      });
      far.once('close', () => client.destroy());
      client.once('close', () => far.destroy());
      client.pipe(far);
      far.pipe(client);
    });
    request.once('error', (err) => {
      failure = `The proxy ${route.shown} (${route.setting}) could not be reached: ${err.message}; check ${route.setting}.`;
      client.destroy();
    });
    request.end();
  };

  const server = net.createServer(carry);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `ws://127.0.0.1:${port}${target.pathname}${target.search}`,
    headers: { Host: target.host },
    failure: () => failure,
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}
