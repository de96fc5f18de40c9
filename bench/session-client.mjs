// What the pick and record bench cases share: a session on a page of their own with its
// interactive live view and the recorder helper, the engine's HTTP API, and a live-view WebSocket
// client that sends input as the interactive live view does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetch } from 'undici';
import WebSocket from 'ws';
import { RecorderHelper } from '../src/host/recorder-helper.ts';
import { startBenchEngine } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;

/**
 * Scrapes a page of `html` on an engine of its own, starts the job's session, opens its
 * interactive live view (after its first frame) and a recorder helper (dist/recorder.js), and
 * runs `use({ helper, view, cdpUrl })`; then stops the session and closes everything. Answers
 * what `use` answered.
 */
export async function withRecorderSession(name, html, use) {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const pageFile = join(dataDir, `${name}.html`);
  writeFileSync(pageFile, html);
  const engine = await startBenchEngine({ dataDir: join(dataDir, 'engine'), args: ['--allow-path', dataDir] });
  const helper = new RecorderHelper({ helperPath: join(root, 'dist', 'recorder.js') });
  try {
    const job = (await api(engine, 'POST', '/v2/scrape', { url: pathToFileURL(pageFile).href })).data.metadata.scrapeId;
    const first = await api(engine, 'POST', `/v2/scrape/${job}/interact`, { code: 'await page.title()' });
    const view = await liveView(first.interactiveLiveViewUrl);
    await Promise.race([view.next(), sleep(10_000)]);
    const result = await use({ helper, view, cdpUrl: first.cdpUrl });
    view.close();
    await api(engine, 'DELETE', `/v2/scrape/${job}/interact`);
    return result;
  } finally {
    helper.dispose();
    engine.proc.kill('SIGTERM');
    await new Promise((r) => engine.proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function api(engine, method, path, body) {
  const res = await fetch(engine.url + path, { method, headers: { authorization: `Bearer ${engine.apiKey}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok || json.success === false) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** A live-view client: `next()` resolves on the next frame; coordinates are CSS pixels of the page. */
export async function liveView(url) {
  const u = new URL(url);
  u.protocol = 'ws:';
  u.pathname += '/ws';
  const ws = new WebSocket(u.toString());
  const waiters = [];
  const view = { meta: undefined };
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const len = data.readUInt32BE(0);
    view.meta = JSON.parse(data.subarray(4, 4 + len).toString());
    for (const w of waiters.splice(0)) w();
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const at = (x, y) => ({ x: x / view.meta.deviceWidth, y: y / view.meta.deviceHeight });
  view.next = () => new Promise((resolve) => waiters.push(resolve));
  view.move = (x, y) => ws.send(JSON.stringify({ type: 'mouse', action: 'move', ...at(x, y) }));
  view.click = (x, y) => ws.send(JSON.stringify({ type: 'mouse', action: 'click', button: 'left', ...at(x, y) }));
  view.key = (key) => {
    ws.send(JSON.stringify({ type: 'key', action: 'down', key, code: `Key${key.toUpperCase()}` }));
    ws.send(JSON.stringify({ type: 'key', action: 'up', key, code: `Key${key.toUpperCase()}` }));
  };
  view.close = () => ws.close();
  return view;
}
