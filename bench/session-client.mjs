// What the pick and record bench cases share: the engine's HTTP API and a live-view WebSocket
// client that sends input as the interactive live view does.
import { fetch } from 'undici';
import WebSocket from 'ws';

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
