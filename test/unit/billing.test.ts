import assert from 'node:assert/strict';
import { test } from 'node:test';
import { creditsFor, DEFAULT_RATES } from '../../src/shared/billing';

test('billing: minimum is one minute at the session rate', () => {
  assert.equal(creditsFor(0, false), 2);
  assert.equal(creditsFor(1_000, false), 2);
  assert.equal(creditsFor(1_000, true), 7);
});

test('billing: prorated per started second, rounded up', () => {
  assert.equal(creditsFor(90_000, false), 3); // 90 s × 2/60 = 3
  assert.equal(creditsFor(90_001, false), 4); // 91 s → 3.03 → 4
  assert.equal(creditsFor(600_000, false), 20);
  assert.equal(creditsFor(600_000, true), 70);
});

test('billing: custom rates', () => {
  assert.equal(creditsFor(120_000, false, { ...DEFAULT_RATES, perMinute: 3 }), 6);
});
