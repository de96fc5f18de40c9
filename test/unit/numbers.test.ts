import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupDigits } from '../../src/shared/numbers';

test('groupDigits writes numbers as en-US does, without loading ICU', () => {
  for (const n of [0, 7, 999, 1000, 20_000, 100_000, 1_234_567, 5_242_880, -1234, 12.5, 1234.75, 2 ** 53]) {
    assert.equal(groupDigits(n), n.toLocaleString('en-US', { maximumFractionDigits: 20 }), String(n));
  }
});
