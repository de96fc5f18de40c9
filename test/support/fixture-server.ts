/**
 * Serves test/fixtures/pages/ on 127.0.0.1 (random port) so engine and extension tests scrape
 * real pages without network access. Extra behaviours are driven by query strings:
 * `?delay=ms` answers late (slow pages), `?status=N` answers with that status code,
 * `?first=<token>` serves the page on the first request with that token and gone.html after
 * (so a replay of the scrape's actions can fail); `/__headers` echoes the request headers.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const PAGES = join(__dirname, '..', 'fixtures', 'pages');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

export interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const seenTokens = new Set<string>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    let path = decodeURIComponent(url.pathname);
    if (path.endsWith('/')) path += 'index.html';
    if (path === '/__headers') {
      // Echoes the request headers, so tests can check what the browser sent.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`<!doctype html><title>Headers</title><pre id="headers">${JSON.stringify(req.headers).replace(/</g, '&lt;')}</pre>`);
      return;
    }
    const first = url.searchParams.get('first');
    if (first !== null) {
      if (seenTokens.has(first)) path = '/gone.html';
      seenTokens.add(first);
    }
    const file = normalize(join(PAGES, path));
    if (!file.startsWith(PAGES)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    const delay = Number(url.searchParams.get('delay') ?? 0);
    const status = Number(url.searchParams.get('status') ?? 200);
    setTimeout(() => {
      readFile(file).then(
        (body) => {
          res.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(body);
        },
        () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
      );
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
