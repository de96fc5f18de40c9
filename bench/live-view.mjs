// Live view: frames per second and input-to-frame latency through the engine's live view
// (CDP screencast in the engine → WebSocket → viewer) against a direct CDP screencast of the
// same page in a Playwright browser, same screencast settings, measured in turn.
//  fps: the page animates every frame for a few seconds; frames received per second.
//  latency: the page is still; a key press repaints it; time from sending the key to the next
//  frame. Targets: engine fps ≥ 0.9 × direct; latency median ≤ 1.2 × direct + 20 ms.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';
import { fetch } from 'undici';
import WebSocket from 'ws';
import { median, report, row, startBenchEngine, timed } from './lib.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];
const FPS_SECONDS = Number(process.env.BENCH_FPS_SECONDS ?? 4);
const PRESSES = Number(process.env.BENCH_LATENCY_PRESSES ?? 20);
const SCREENCAST = { format: 'jpeg', quality: 70, maxWidth: 1920, maxHeight: 1920, everyNthFrame: 1 };

// Still until told: 'a' starts an animation (a moving box and a counter, every frame), 'z' stops
// it, any other key repaints once (a counter of presses).
const HTML = `<!doctype html><title>live bench</title><body style="margin:0;font:40px sans-serif">
<div id="box" style="position:absolute;width:120px;height:120px;background:#c33"></div><p id="n" style="margin-top:200px">0</p>
<script>let run=false,t=0,k=0;const box=document.getElementById('box'),n=document.getElementById('n');
function tick(){if(!run)return;t++;box.style.left=(t*7%800)+'px';n.textContent='frame '+t;requestAnimationFrame(tick)}
addEventListener('keydown',e=>{if(e.key==='a'){run=true;requestAnimationFrame(tick)}else if(e.key==='z'){run=false}else{k++;n.textContent='key '+k;document.body.style.background=k%2?'#eef':'#fee'}});</script>`;

async function api(engine, method, path, body) {
  const res = await fetch(engine.url + path, { method, headers: { authorization: `Bearer ${engine.apiKey}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok || json.success === false) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

/** A frame source: counts frames, resolves the next one, sends key presses. */
function frameCounter() {
  const waiters = [];
  const src = {
    frames: 0,
    size: undefined,
    onFrame(meta) {
      src.frames++;
      src.size ??= meta;
      for (const w of waiters.splice(0)) w();
    },
    next: () => new Promise((resolve) => waiters.push(resolve)),
  };
  return src;
}

async function viaEngine(liveUrl) {
  const u = new URL(liveUrl);
  u.protocol = 'ws:';
  u.pathname += '/ws';
  const ws = new WebSocket(u.toString());
  const src = frameCounter();
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return;
    const len = data.readUInt32BE(0);
    src.onFrame(JSON.parse(data.subarray(4, 4 + len).toString()));
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  src.key = (key) => ws.send(JSON.stringify({ type: 'key', action: 'down', key })) || ws.send(JSON.stringify({ type: 'key', action: 'up', key }));
  src.close = () => ws.close();
  return src;
}

async function direct(page) {
  const cdp = await page.context().newCDPSession(page);
  const src = frameCounter();
  cdp.on('Page.screencastFrame', (f) => {
    cdp.send('Page.screencastFrameAck', { sessionId: f.sessionId }).catch(() => undefined);
    src.onFrame(f.metadata);
  });
  await cdp.send('Page.startScreencast', SCREENCAST);
  src.key = (key) => {
    void cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key, unmodifiedText: key }).then(() => cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key }));
  };
  src.close = () => cdp.send('Page.stopScreencast').catch(() => undefined);
  return src;
}

async function fps(src) {
  src.key('a');
  await sleep(500);
  const start = src.frames;
  await sleep(FPS_SECONDS * 1000);
  const n = src.frames - start;
  src.key('z');
  await sleep(500);
  return n / FPS_SECONDS;
}

async function latency(src, out) {
  for (let i = 0; i < PRESSES; i++) {
    await sleep(250);
    out.push(
      await timed(async () => {
        const next = src.next();
        src.key(String.fromCharCode(98 + (i % 20)));
        await Promise.race([next, sleep(5_000).then(() => Promise.reject(new Error('no frame within 5 s of a key press')))]);
      }),
    );
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-live-'));
const pageFile = join(dataDir, 'live.html');
writeFileSync(pageFile, HTML);
const engine = await startBenchEngine({ dataDir: join(dataDir, 'engine'), args: ['--allow-path', dataDir] });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const job = (await api(engine, 'POST', '/v2/scrape', { url: pathToFileURL(pageFile).href })).data.metadata.scrapeId;
  const first = await api(engine, 'POST', `/v2/scrape/${job}/interact`, { code: 'await page.title()' });
  const live = await viaEngine(first.interactiveLiveViewUrl);
  await Promise.race([live.next(), sleep(10_000)]);
  const size = live.size ?? { deviceWidth: 1280, deviceHeight: 720 };
  const page = await browser.newPage({ viewport: { width: Math.round(size.deviceWidth), height: Math.round(size.deviceHeight) } });
  await page.goto(pathToFileURL(pageFile).href);
  const dir = await direct(page);
  await sleep(1_000);

  const fpsE = [];
  const fpsD = [];
  const latE = [];
  const latD = [];
  for (let round = 0; round < 2; round++) {
    fpsD.push(await fps(dir));
    fpsE.push(await fps(live));
    await latency(dir, latD);
    await latency(live, latE);
  }
  live.close();
  await dir.close();
  await api(engine, 'DELETE', `/v2/scrape/${job}/interact`);
  const fD = median(fpsD);
  const lD = median(latD);
  console.log(`  page ${Math.round(size.deviceWidth)}×${Math.round(size.deviceHeight)}; fps over ${FPS_SECONDS} s × 2 rounds, ${PRESSES * 2} key presses per side`);
  report([
    row({ name: 'live view: frames per second (animated page)', project: median(fpsE), baseline: fD, unit: 'fps', target: '≥ 0.9× direct CDP screencast', limit: 0.9 * fD, higherIsBetter: true }),
    row({ name: 'live view: input-to-frame latency, median', project: median(latE), baseline: lD, unit: 'ms', target: '≤ 1.2× direct + 20 ms', limit: 1.2 * lD + 20 }),
  ]);
} finally {
  await browser.close().catch(() => undefined);
  engine.proc.kill('SIGTERM');
  await new Promise((r) => engine.proc.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
