import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prettyJsonHead } from '../../src/ui/json-head';

const SAMPLES = [
  '{"title":"Example","n":[1,2]}',
  '[]',
  '{}',
  '{"a":[],"b":{},"c":[{}],"d":"x\\"y\\\\","e":-1.5,"f":null,"g":true,"h":"{[,:]}"}',
  '"just a string"',
  '42',
  ' { "a" : [ 1 , 2 ] }\n',
  JSON.stringify({ rows: Array.from({ length: 50 }, (_, i) => ({ i, name: `row ${i}`, s: 'q"\\\u001b[1m' })) }),
];

test('prettyJsonHead: the first characters of JSON.stringify(JSON.parse(text), null, 2), at any cut', () => {
  for (const text of SAMPLES) {
    const full = JSON.stringify(JSON.parse(text), null, 2);
    for (const max of [1, 5, 17, 100, 1_000_000]) {
      const head = prettyJsonHead(text, max);
      assert.ok(head, `no head for ${text.slice(0, 40)}`);
      assert.equal(head.text, full.slice(0, max), `${text.slice(0, 40)} at ${max}`);
      assert.equal(head.complete, full.length <= max, `complete flag of ${text.slice(0, 40)} at ${max}`);
    }
  }
});

test('prettyJsonHead: text that is not JSON gives no head', () => {
  for (const text of ['not json', '{"a":1} trailing', '{"a":"unterminated', '}']) assert.equal(prettyJsonHead(text, 1_000), undefined, text);
});
