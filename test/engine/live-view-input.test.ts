/** How viewer input messages become CDP input commands (pure; the real-browser path is in live-view.test.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCdpCommands } from '../../src/engine/live/input';
import type { ClientMessage } from '../../src/engine/live/protocol';

const meta = { deviceWidth: 1280, deviceHeight: 720 };

test('mouse coordinates are fractions of the frame, scaled to the viewport and clamped', () => {
  const [down] = toCdpCommands({ type: 'mouse', action: 'down', x: 0.5, y: 0.25, button: 'left', buttons: 1, clickCount: 2, modifiers: 2 }, meta);
  assert.deepEqual(down, {
    method: 'Input.dispatchMouseEvent',
    params: { type: 'mousePressed', x: 640, y: 180, button: 'left', buttons: 1, clickCount: 2, modifiers: 2 },
  });
  const [move] = toCdpCommands({ type: 'mouse', action: 'move', x: 1.7, y: -3 }, meta);
  assert.equal(move.params.x, 1280);
  assert.equal(move.params.y, 0);
  assert.equal(move.params.type, 'mouseMoved');
  const click = toCdpCommands({ type: 'mouse', action: 'click', x: 0.1, y: 0.1, button: 'right' }, meta);
  assert.deepEqual(click.map((c) => c.params.type), ['mouseMoved', 'mousePressed', 'mouseReleased']);
  assert.equal(click[1].params.button, 'right');
});

test('wheel carries its deltas', () => {
  const [wheel] = toCdpCommands({ type: 'wheel', x: 0, y: 1, deltaX: 0, deltaY: 120 }, meta);
  assert.deepEqual(wheel.params, { x: 0, y: 720, type: 'mouseWheel', deltaX: 0, deltaY: 120, modifiers: 0 });
});

test('keys: characters type text, Enter types a return, Backspace and arrows do not, shortcuts carry no text', () => {
  const [a] = toCdpCommands({ type: 'key', action: 'down', key: 'a', code: 'KeyA' }, meta);
  assert.equal(a.params.type, 'keyDown');
  assert.equal(a.params.text, 'a');
  assert.equal(a.params.windowsVirtualKeyCode, 65);
  const [enter] = toCdpCommands({ type: 'key', action: 'down', key: 'Enter' }, meta);
  assert.equal(enter.params.text, '\r');
  assert.equal(enter.params.windowsVirtualKeyCode, 13);
  for (const [key, vk] of [['Backspace', 8], ['ArrowLeft', 37], ['ArrowDown', 40]] as const) {
    const [down] = toCdpCommands({ type: 'key', action: 'down', key }, meta);
    assert.equal(down.params.type, 'rawKeyDown');
    assert.equal(down.params.text, undefined);
    assert.equal(down.params.windowsVirtualKeyCode, vk);
  }
  const [ctrlA] = toCdpCommands({ type: 'key', action: 'down', key: 'a', modifiers: 2 }, meta);
  assert.equal(ctrlA.params.type, 'rawKeyDown');
  assert.equal(ctrlA.params.text, undefined);
  const [shiftA] = toCdpCommands({ type: 'key', action: 'down', key: 'A', modifiers: 8 }, meta);
  assert.equal(shiftA.params.text, 'A');
  const [up] = toCdpCommands({ type: 'key', action: 'up', key: 'a' }, meta);
  assert.equal(up.params.type, 'keyUp');
  assert.deepEqual(toCdpCommands({ type: 'text', text: 'héllo' }, meta), [{ method: 'Input.insertText', params: { text: 'héllo' } }]);
});

test('malformed or unknown input is dropped', () => {
  const bad = [
    { type: 'mouse', action: 'down', x: 'a', y: 0 },
    { type: 'mouse', action: 'hover', x: 0, y: 0 },
    { type: 'wheel', x: 0, y: 0, deltaX: Infinity, deltaY: 0 },
    { type: 'key', action: 'down', key: 'NotAKey' },
    { type: 'key', action: 'press', key: 'a' },
    { type: 'text', text: '' },
    { type: 'text', text: 'x'.repeat(10_001) },
    { type: 'exec', code: 'x' },
    null,
  ] as unknown as ClientMessage[];
  for (const msg of bad) assert.deepEqual(toCdpCommands(msg, meta), [], JSON.stringify(msg));
  assert.deepEqual(toCdpCommands({ type: 'mouse', action: 'move', x: 0.5, y: 0.5 }, undefined), [], 'no frame yet, no coordinates');
});
