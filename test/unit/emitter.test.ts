import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Emitter } from '../../src/shared/emitter';

test('emitter: every listener hears a value; a failing one is reported and does not stop the others', () => {
  const errors: unknown[] = [];
  const e = new Emitter<number>((err) => errors.push(err));
  const heard: string[] = [];
  e.event((v) => heard.push(`a${v}`));
  e.event(() => {
    throw new Error('boom');
  });
  e.event((v) => heard.push(`c${v}`));
  e.fire(1);
  assert.deepEqual(heard, ['a1', 'c1']);
  assert.equal((errors[0] as Error).message, 'boom');
});

test('emitter: fireAsync waits for listeners that return a promise, and reports a rejection', async () => {
  const errors: unknown[] = [];
  const e = new Emitter<string>((err) => errors.push(err));
  let done = false;
  e.event(async () => {
    await new Promise((r) => setTimeout(r, 20));
    done = true;
  });
  e.event(async () => Promise.reject(new Error('late')));
  await e.fireAsync('x');
  assert.equal(done, true);
  assert.equal((errors[0] as Error).message, 'late');
});

test("emitter: VS Code's Event shape: this argument, the disposables array, dispose ends one subscription, dispose() all", () => {
  const e = new Emitter<void>();
  const owner = { count: 0 };
  const bag: { dispose(): unknown }[] = [];
  const sub = e.event(
    function (this: typeof owner) {
      this.count++;
    },
    owner,
    bag,
  );
  e.fire();
  assert.equal(owner.count, 1);
  assert.equal(bag.length, 1);
  sub.dispose();
  e.fire();
  assert.equal(owner.count, 1);
  let other = 0;
  e.event(() => other++);
  e.dispose();
  e.fire();
  assert.equal(other, 0);
});
