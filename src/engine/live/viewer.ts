/**
 * The live-view page script (bundled to dist/live-viewer.js as a browser iife). It draws the
 * session's screencast on a canvas and, on an interactive link, sends mouse, wheel and keyboard
 * input back. Everything it needs comes from its own URL, so it works inside an iframe.
 */
import { decodeFrame, type ClientMessage, type Modifiers, type MouseButton, type ServerMessage } from './protocol';

const statusEl = document.getElementById('status') as HTMLDivElement;
const canvas = document.getElementById('screen') as HTMLCanvasElement;
const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
const interactive = new URLSearchParams(location.search).get('interactive') === '1';

let socket: WebSocket | undefined;
let ended = false;
let retryMs = 500;
let tabLabel = '';
let frameTimes: number[] = [];
/** Frames arriving while one is being decoded replace each other: only the newest is drawn. */
let pendingFrame: Uint8Array | undefined;
let decoding = false;
/** Size of the drawn frame in image pixels. */
let frameSize = { width: 0, height: 0 };

function setStatus(state: 'connecting' | 'live' | 'ended' | 'error', text: string): void {
  statusEl.dataset.state = state;
  statusEl.textContent = text;
}

function liveStatus(): void {
  const now = performance.now();
  frameTimes = frameTimes.filter((t) => now - t < 1000);
  const parts = ['live', interactive ? 'interactive' : 'view only'];
  // Chromium sends frames only when the page changes, so a still page shows no rate at all.
  if (frameTimes.length > 0) parts.push(`${frameTimes.length} fps`);
  if (tabLabel) parts.push(tabLabel);
  setStatus('live', parts.join(' · '));
}

setInterval(() => {
  if (statusEl.dataset.state === 'live') liveStatus();
}, 1000);

function socketUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${location.pathname}/ws${location.search}`;
}

function connect(): void {
  setStatus('connecting', 'connecting…');
  const ws = new WebSocket(socketUrl());
  ws.binaryType = 'arraybuffer';
  socket = ws;
  ws.onmessage = (event) => {
    if (event.data instanceof ArrayBuffer) {
      retryMs = 500;
      frameTimes.push(performance.now());
      pendingFrame = new Uint8Array(event.data);
      void drawPending();
      return;
    }
    onMessage(JSON.parse(String(event.data)) as ServerMessage);
  };
  ws.onclose = () => {
    socket = undefined;
    if (!ended) void reconnectOrGiveUp();
  };
}

/** A refused socket says nothing about why; the page URL's status does (410 ended, 401 bad link). */
async function reconnectOrGiveUp(): Promise<void> {
  const status = await fetch(location.href, { method: 'HEAD', cache: 'no-store' }).then((r) => r.status, () => 0);
  if (status === 410 || status === 404) {
    ended = true;
    setStatus('ended', status === 410 ? 'session ended' : 'session ended · no such browser session');
    return;
  }
  if (status === 401 || status === 403) {
    ended = true;
    setStatus('error', 'this live-view link is not valid');
    return;
  }
  const wait = retryMs;
  retryMs = Math.min(retryMs * 2, 10_000);
  setStatus('error', `disconnected · retrying in ${Math.round(wait / 1000) || 1} s`);
  setTimeout(connect, wait);
}

function onMessage(msg: ServerMessage): void {
  if (msg.type === 'hello') {
    setStatus('connecting', 'waiting for the first frame…');
  } else if (msg.type === 'tab') {
    tabLabel = `tab ${msg.index}/${msg.count} · ${msg.title || msg.url}`;
    if (statusEl.dataset.state === 'live') liveStatus();
  } else if (msg.type === 'no-tab') {
    tabLabel = 'no open tab';
    setStatus('connecting', 'the browser has no open tab');
  } else if (msg.type === 'ended') {
    ended = true;
    setStatus('ended', `session ended · ${msg.reason}`);
  }
}

async function drawPending(): Promise<void> {
  if (decoding) return;
  decoding = true;
  try {
    while (pendingFrame) {
      const { jpeg } = decodeFrame(pendingFrame.buffer as ArrayBuffer);
      pendingFrame = undefined;
      const bitmap = await createImageBitmap(new Blob([jpeg as BlobPart], { type: 'image/jpeg' }));
      if (canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
        canvas.width = bitmap.width;
        canvas.height = bitmap.height;
      }
      frameSize = { width: bitmap.width, height: bitmap.height };
      ctx.drawImage(bitmap, 0, 0);
      bitmap.close();
      if (!ended) liveStatus();
    }
  } catch {
    // A corrupt frame is skipped; the next one redraws the whole screen.
  } finally {
    decoding = false;
  }
}

// --- input (interactive links only) ---------------------------------------------------------

function send(msg: ClientMessage): void {
  if (interactive && socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
}

function modifiersOf(e: MouseEvent | KeyboardEvent): Modifiers {
  return (e.altKey ? 1 : 0) | (e.ctrlKey ? 2 : 0) | (e.metaKey ? 4 : 0) | (e.shiftKey ? 8 : 0);
}

/** Maps a pointer position to fractions of the drawn frame (the canvas letterboxes it). */
function fractionOf(e: MouseEvent): { x: number; y: number } | undefined {
  if (!frameSize.width) return undefined;
  const rect = canvas.getBoundingClientRect();
  const scale = Math.min(rect.width / frameSize.width, rect.height / frameSize.height);
  const left = rect.left + (rect.width - frameSize.width * scale) / 2;
  const top = rect.top + (rect.height - frameSize.height * scale) / 2;
  return { x: (e.clientX - left) / (frameSize.width * scale), y: (e.clientY - top) / (frameSize.height * scale) };
}

const BUTTON_NAMES: MouseButton[] = ['left', 'middle', 'right', 'back', 'forward'];

function mouse(action: 'move' | 'down' | 'up', e: PointerEvent): void {
  const at = fractionOf(e);
  if (!at) return;
  send({
    type: 'mouse',
    action,
    ...at,
    button: action === 'move' ? 'none' : (BUTTON_NAMES[e.button] ?? 'left'),
    buttons: e.buttons,
    clickCount: action === 'move' ? 0 : Math.max(1, e.detail),
    modifiers: modifiersOf(e),
  });
}

function installInput(): void {
  let pendingMove: PointerEvent | undefined;
  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    canvas.focus();
    canvas.setPointerCapture(e.pointerId);
    mouse('down', e);
  });
  canvas.addEventListener('pointerup', (e) => {
    e.preventDefault();
    mouse('up', e);
  });
  // Moves are coalesced to one per animation frame.
  canvas.addEventListener('pointermove', (e) => {
    if (!pendingMove) {
      requestAnimationFrame(() => {
        if (pendingMove) mouse('move', pendingMove);
        pendingMove = undefined;
      });
    }
    pendingMove = e;
  });
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const at = fractionOf(e);
      if (at) send({ type: 'wheel', ...at, deltaX: e.deltaX, deltaY: e.deltaY, modifiers: modifiersOf(e) });
    },
    { passive: false },
  );
  canvas.addEventListener('keydown', (e) => {
    // Ctrl/Cmd+V is left to the browser so the paste event below can carry the clipboard text.
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'v') return;
    e.preventDefault();
    send({ type: 'key', action: 'down', key: e.key, code: e.code, modifiers: modifiersOf(e), repeat: e.repeat });
  });
  canvas.addEventListener('keyup', (e) => {
    e.preventDefault();
    send({ type: 'key', action: 'up', key: e.key, code: e.code, modifiers: modifiersOf(e) });
  });
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain');
    if (text) send({ type: 'text', text });
  });
}

if (interactive) installInput();
connect();
