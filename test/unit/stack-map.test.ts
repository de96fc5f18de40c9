import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeFailure, pythonFailure } from '../../src/run/stack-map';

test('stack map: node frames in interact.js, innermost first, message above them', () => {
  const stderr = ['TypeError: Cannot read properties of undefined (reading \'x\')', '    at helper (interact.js:2:14)', '    at interact.js:5:1', ''].join('\n');
  assert.deepEqual(nodeFailure(stderr, 6), {
    message: "TypeError: Cannot read properties of undefined (reading 'x')",
    locations: [
      { line: 2, column: 14 },
      { line: 5, column: 1 },
    ],
  });
});

test('stack map: node syntax errors give (line:column); frames outside the sent code are dropped', () => {
  const syntax = 'SyntaxError: Unexpected token (3:4) The REPL runs scripts: use `await import(\'pkg\')`';
  assert.deepEqual(nodeFailure(syntax, 3), { message: 'SyntaxError: Unexpected token', locations: [{ line: 3, column: 5 }] });
  assert.equal(nodeFailure('Error: x\n    at f (interact.js:40:1)', 3), undefined, 'a function of an earlier, longer run');
  assert.equal(nodeFailure('Error: timeout\n    at Timeout._onTimeout (node:internal/timers:1:1)', 3), undefined);
  const unhandled = 'Unhandled rejection: Error: late\n    at interact.js:1:7';
  assert.deepEqual(nodeFailure(unhandled, 1), { message: 'Error: late', locations: [{ line: 1, column: 7 }] });
});

test('stack map: python tracebacks (outermost first) and syntax errors', () => {
  const tb = [
    'Traceback (most recent call last):',
    '  File "<string>", line 17, in <module>',
    '  File "<interact>", line 4, in <module>',
    '  File "<interact>", line 2, in helper',
    '    return 1 / 0',
    '           ~~^~~',
    'ZeroDivisionError: division by zero',
  ].join('\n');
  assert.deepEqual(pythonFailure(tb, 4), { message: 'ZeroDivisionError: division by zero', locations: [{ line: 2 }, { line: 4 }] });
  const syntax = ['  File "<interact>", line 3', '    print(', '         ^', 'SyntaxError: \'(\' was never closed'].join('\n');
  assert.deepEqual(pythonFailure(syntax, 3), { message: "SyntaxError: '(' was never closed", locations: [{ line: 3 }] });
  assert.equal(pythonFailure('ModuleNotFoundError: No module named playwright', 3), undefined);
});

test("stack map: frames of a function from an earlier run (the engine's numbered scripts) are not the sent code's", () => {
  const node = ['RangeError: from an earlier run', '    at explode (interact-4.js:2:27)', '    at interact.js:2:1'].join('\n');
  assert.deepEqual(nodeFailure(node, 2), { message: 'RangeError: from an earlier run', locations: [{ line: 2, column: 1 }] });
  assert.equal(nodeFailure('Error: late\n    at Timeout._onTimeout (interact-2.js:1:30)', 3), undefined, 'only an earlier run in the stack');
  const py = [
    'Traceback (most recent call last):',
    '  File "<interact>", line 3, in <module>',
    '    broken()',
    '  File "<interact-2>", line 2, in broken',
    '    return 1 / 0',
    'ZeroDivisionError: division by zero',
  ].join('\n');
  assert.deepEqual(pythonFailure(py, 3), { message: 'ZeroDivisionError: division by zero', locations: [{ line: 3 }] });
});

test('stack map: of chained python exceptions, the last traceback (the one raised) is mapped', () => {
  const tb = [
    'Traceback (most recent call last):',
    '  File "<interact>", line 2, in <module>',
    "KeyError: 'a'",
    '',
    'During handling of the above exception, another exception occurred:',
    '',
    'Traceback (most recent call last):',
    '  File "<interact>", line 4, in <module>',
    'ValueError: no a',
  ].join('\n');
  assert.deepEqual(pythonFailure(tb, 4), { message: 'ValueError: no a', locations: [{ line: 4 }] });
});
