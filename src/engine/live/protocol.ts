/**
 * The live-view WebSocket protocol, shared by the engine (live-view.ts) and the viewer page
 * (viewer.ts). Frames go server → viewer as binary messages; everything else is JSON text.
 */

/** Screencast frame metadata forwarded with every frame (from CDP `Page.screencastFrame`). */
export interface FrameMeta {
  /** Page width and height in CSS pixels (DIP); input coordinates are scaled to these. */
  deviceWidth: number;
  deviceHeight: number;
}

/** Server → viewer text messages. */
export type ServerMessage =
  | { type: 'hello'; interactive: boolean }
  | { type: 'tab'; index: number; count: number; url: string; title: string }
  | { type: 'no-tab' }
  | { type: 'ended'; reason: string };

/** Bitmask as in CDP `Input.dispatch*Event`: Alt=1, Ctrl=2, Meta=4, Shift=8. */
export type Modifiers = number;
export type MouseButton = 'none' | 'left' | 'middle' | 'right' | 'back' | 'forward';

/**
 * Viewer → server input (honoured only on interactive connections). Coordinates are fractions
 * (0..1) of the displayed frame, so the server scales them with the latest frame's metadata.
 */
export type ClientMessage =
  | {
      type: 'mouse';
      action: 'move' | 'down' | 'up' | 'click';
      x: number;
      y: number;
      button?: MouseButton;
      /** Pressed buttons bitmask as in DOM `MouseEvent.buttons`. */
      buttons?: number;
      clickCount?: number;
      modifiers?: Modifiers;
    }
  | { type: 'wheel'; x: number; y: number; deltaX: number; deltaY: number; modifiers?: Modifiers }
  | { type: 'key'; action: 'down' | 'up'; key: string; code?: string; modifiers?: Modifiers; repeat?: boolean }
  | { type: 'text'; text: string };

/** Binary frame message: 4-byte big-endian header length, JSON FrameMeta header, JPEG bytes. */
export function encodeFrame(meta: FrameMeta, jpeg: Uint8Array): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify(meta));
  const out = new Uint8Array(4 + header.length + jpeg.length);
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  out.set(jpeg, 4 + header.length);
  return out;
}

export function decodeFrame(data: ArrayBuffer): { meta: FrameMeta; jpeg: Uint8Array } {
  const headerLength = new DataView(data).getUint32(0);
  const meta = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, headerLength))) as FrameMeta;
  return { meta, jpeg: new Uint8Array(data, 4 + headerLength) };
}
