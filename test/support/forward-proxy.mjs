/**
 * A real forward proxy for tests and the bench: TooTallNate's `proxy` (npm), on 127.0.0.1.
 * It logs every request it carries (CONNECT tunnels and plain proxied requests) and can map
 * host names that only it resolves (`hosts`: name → address), as a company proxy resolves
 * internal names that the client's machine cannot. With `credentials` ("user:password") it
 * answers 407 to requests without them. Inside a CONNECT tunnel to a plain-http server it also
 * reads each request's first line (`tunnelled`: `POST host:port/path`), so a test sees which
 * requests a tunnel carried; TLS tunnels stay opaque.
 *
 * Run on its own (`node test/support/forward-proxy.mjs name=127.0.0.1 ...`), it prints
 * `proxy listening on http://127.0.0.1:<port>` and then one line per request it carries.
 */
import { createServer } from 'node:http';
import { createProxy } from 'proxy';

/**
 * @param {{ hosts?: Record<string, string>, credentials?: string, onRequest?: (entry: { method: string, target: string }) => void }} [options]
 * @returns {Promise<{ url: string, port: number, log: { method: string, target: string }[], close(): Promise<void> }>}
 */
export async function startForwardProxy(options = {}) {
  const hosts = new Map(Object.entries(options.hosts ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const log = [];
  const tunnelled = [];
  const server = createServer();
  // Registered before the proxy's own listeners: they see the mapped address.
  server.on('connect', (req, socket) => {
    const target = req.url ?? '';
    record(req.method ?? 'CONNECT', target);
    socket.on('data', (chunk) => {
      const line = /^([A-Z]+) (\/\S*) HTTP\/1\.[01]\r\n/.exec(chunk.toString('latin1', 0, 2048));
      if (line) tunnelled.push({ method: line[1], target: `${target}${line[2]}` });
    });
    const colon = target.lastIndexOf(':');
    const mapped = hosts.get(target.slice(0, colon).toLowerCase());
    if (mapped) req.url = `${mapped}${target.slice(colon)}`;
  });
  server.on('request', (req) => {
    const target = req.url ?? '';
    record(req.method ?? 'GET', target);
    try {
      const u = new URL(target);
      const mapped = hosts.get(u.hostname.toLowerCase());
      if (mapped) {
        u.hostname = mapped;
        req.url = u.href;
      }
    } catch {
      // Not an absolute URL: the proxy answers it with an error of its own.
    }
  });
  createProxy(server);
  if (options.credentials) {
    const expected = `Basic ${Buffer.from(options.credentials).toString('base64')}`;
    server.authenticate = (req) => req.headers['proxy-authorization'] === expected;
  }
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  function record(method, target) {
    const entry = { method, target };
    log.push(entry);
    options.onRequest?.(entry);
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    tunnelled,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const hosts = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
  void startForwardProxy({ hosts, onRequest: (e) => console.log(`${e.method} ${e.target}`) }).then((proxy) => {
    console.log(`proxy listening on ${proxy.url}`);
    const stop = () => void proxy.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
