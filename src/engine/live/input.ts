import type { ClientMessage, FrameMeta, MouseButton } from './protocol';

/** One CDP command to send to the page's session. */
export interface CdpCommand {
  method: 'Input.dispatchMouseEvent' | 'Input.dispatchKeyEvent' | 'Input.insertText';
  params: Record<string, unknown>;
}

const BUTTONS: readonly MouseButton[] = ['none', 'left', 'middle', 'right', 'back', 'forward'];
const MAX_TEXT = 10_000;

/** Keys that are not characters: Windows virtual key code and the text they type, if any. */
const SPECIAL_KEYS: Record<string, { vk: number; text?: string }> = {
  Enter: { vk: 13, text: '\r' },
  Backspace: { vk: 8 },
  Tab: { vk: 9 },
  Escape: { vk: 27 },
  Delete: { vk: 46 },
  ArrowLeft: { vk: 37 },
  ArrowUp: { vk: 38 },
  ArrowRight: { vk: 39 },
  ArrowDown: { vk: 40 },
  Home: { vk: 36 },
  End: { vk: 35 },
  PageUp: { vk: 33 },
  PageDown: { vk: 34 },
  Insert: { vk: 45 },
  Shift: { vk: 16 },
  Control: { vk: 17 },
  Alt: { vk: 18 },
  Meta: { vk: 91 },
  CapsLock: { vk: 20 },
};
for (let i = 1; i <= 12; i++) SPECIAL_KEYS[`F${i}`] = { vk: 111 + i };

const ALT = 1;
const CTRL = 2;
const META = 4;

/**
 * Translates one viewer message into CDP input commands, scaling fractional coordinates to the
 * page's viewport given by the latest frame. Returns [] for anything malformed: the message
 * comes from the network and is never trusted.
 */
export function toCdpCommands(msg: ClientMessage, meta: FrameMeta | undefined): CdpCommand[] {
  if (!msg || typeof msg !== 'object') return [];
  const modifiers = modifierBits((msg as { modifiers?: unknown }).modifiers);
  switch (msg.type) {
    case 'mouse': {
      const point = toViewport(msg.x, msg.y, meta);
      if (!point) return [];
      const button = BUTTONS.includes(msg.button as MouseButton) ? msg.button : 'none';
      const clickCount = clamp(msg.clickCount, 1, 3) ?? 1;
      const base = { ...point, modifiers, button, buttons: clamp(msg.buttons, 0, 31) ?? 0 };
      if (msg.action === 'move') return [mouse({ ...base, type: 'mouseMoved' })];
      if (msg.action === 'down') return [mouse({ ...base, type: 'mousePressed', clickCount })];
      if (msg.action === 'up') return [mouse({ ...base, type: 'mouseReleased', clickCount })];
      if (msg.action === 'click') {
        return [
          mouse({ ...base, type: 'mouseMoved', button: 'none' }),
          mouse({ ...base, type: 'mousePressed', clickCount }),
          mouse({ ...base, type: 'mouseReleased', clickCount }),
        ];
      }
      return [];
    }
    case 'wheel': {
      const point = toViewport(msg.x, msg.y, meta);
      const deltaX = finite(msg.deltaX);
      const deltaY = finite(msg.deltaY);
      if (!point || deltaX === undefined || deltaY === undefined) return [];
      return [mouse({ ...point, type: 'mouseWheel', deltaX, deltaY, modifiers })];
    }
    case 'key':
      return keyCommands(msg.action, msg.key, msg.code, modifiers, msg.repeat === true);
    case 'text':
      if (typeof msg.text !== 'string' || msg.text.length === 0 || msg.text.length > MAX_TEXT) return [];
      return [{ method: 'Input.insertText', params: { text: msg.text } }];
    default:
      return [];
  }
}

function keyCommands(action: unknown, key: unknown, code: unknown, modifiers: number, repeat: boolean): CdpCommand[] {
  if ((action !== 'down' && action !== 'up') || typeof key !== 'string' || key.length === 0 || key.length > 32) return [];
  const special = SPECIAL_KEYS[key];
  const isChar = !special && [...key].length === 1;
  if (!special && !isChar) return [];
  const vk = special ? special.vk : virtualKeyOf(key);
  // With Ctrl/Alt/Meta held a key is a shortcut, not typing, so it carries no text.
  const typing = (modifiers & (CTRL | ALT | META)) === 0;
  const text = special ? special.text : key;
  const params: Record<string, unknown> = {
    key,
    code: typeof code === 'string' && code.length <= 32 ? code : '',
    windowsVirtualKeyCode: vk,
    nativeVirtualKeyCode: vk,
    modifiers,
    autoRepeat: repeat,
  };
  if (action === 'up') return [{ method: 'Input.dispatchKeyEvent', params: { ...params, type: 'keyUp' } }];
  if (text !== undefined && typing) {
    return [{ method: 'Input.dispatchKeyEvent', params: { ...params, type: 'keyDown', text, unmodifiedText: text } }];
  }
  return [{ method: 'Input.dispatchKeyEvent', params: { ...params, type: 'rawKeyDown' } }];
}

function virtualKeyOf(char: string): number {
  const upper = char.toUpperCase();
  if (/^[A-Z0-9]$/.test(upper)) return upper.charCodeAt(0);
  if (char === ' ') return 32;
  return 0;
}

function toViewport(x: unknown, y: unknown, meta: FrameMeta | undefined): { x: number; y: number } | undefined {
  const fx = finite(x);
  const fy = finite(y);
  if (!meta || fx === undefined || fy === undefined) return undefined;
  const cx = Math.min(Math.max(fx, 0), 1);
  const cy = Math.min(Math.max(fy, 0), 1);
  return { x: cx * meta.deviceWidth, y: cy * meta.deviceHeight };
}

function mouse(params: Record<string, unknown>): CdpCommand {
  return { method: 'Input.dispatchMouseEvent', params };
}

function modifierBits(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? value & 15 : 0;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function clamp(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? Math.min(Math.max(value, min), max) : undefined;
}
