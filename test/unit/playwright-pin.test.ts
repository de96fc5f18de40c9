/**
 * Pick a locator uses parts of playwright-core that are not its public API
 * (src/recorder/playwright-internals.ts). The version is pinned; these checks fail when an
 * upgrade moves those parts, before a user meets it (test/engine/pick-locator.test.ts runs them
 * against a real session).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLICK_MERGE_MS, locatorCode } from '../../src/recorder/playwright-internals';

const ROOT = join(__dirname, '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { version: string; dependencies: Record<string, string> };

test('playwright-core is pinned to one exact version, and that version is installed', () => {
  const pinned = json('package.json').dependencies['playwright-core'];
  assert.match(pinned, /^\d+\.\d+\.\d+$/, 'no range: the recorder depends on internals of this exact version');
  assert.equal(json('node_modules/playwright-core/package.json').version, pinned);
});

test("Playwright's selector-to-locator converter writes each language's locator code", () => {
  const cases: [string, string, string][] = [
    ['internal:role=button[name="Go"i]', "getByRole('button', { name: 'Go' })", 'get_by_role("button", name="Go")'],
    ['internal:testid=[data-testid="cart-total"s]', "getByTestId('cart-total')", 'get_by_test_id("cart-total")'],
    ['internal:label="Email"i', "getByLabel('Email')", 'get_by_label("Email")'],
    ['internal:role=button[name="Add"i] >> nth=1', "getByRole('button', { name: 'Add' }).nth(1)", 'get_by_role("button", name="Add").nth(1)'],
    ['#swatch', "locator('#swatch')", 'locator("#swatch")'],
  ];
  for (const [selector, js, py] of cases) {
    assert.equal(locatorCode(selector, 'javascript'), js);
    assert.equal(locatorCode(selector, 'python'), py);
  }
});

test('the in-process client still has the pick entry points the helper calls, and keeps a Locator\'s selector', () => {
  // The client classes are not exported; their methods are found in the bundle that defines them.
  const bundle = readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'lib', 'coreBundle.js'), 'utf8');
  for (const entry of ['async pickLocator()', 'async cancelPickLocator()', 'this._selector = selector']) assert.ok(bundle.includes(entry), `playwright-core no longer has ${entry}`);
});

test("the client still has the programmatic recorder, its mode binding and the generators record at cursor asks for", () => {
  const bundle = readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'lib', 'coreBundle.js'), 'utf8');
  const entries = ['async _startRecording(params2, eventSink)', 'async _stopRecording()', '"__pw_recorderSetMode"', 'this.id = isTest ? "playwright-test" : "javascript"', '"assertingText": new TextAssertionTool'];
  for (const entry of entries) assert.ok(bundle.includes(entry), `playwright-core no longer has ${entry}`);
  // The Python generator's id is built from its flags; the async library flavour is 'python-async'.
  assert.match(bundle, /python-async/);
});

test("the server-side recorder still holds left clicks 500 ms in a processor that record at cursor can reach and tell to report them at once", () => {
  const bundle = readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'lib', 'coreBundle.js'), 'utf8');
  const entries = [
    'clientConnection.toImpl = (x) =>',
    'recorderSymbol = /* @__PURE__ */ Symbol("recorderSymbol")',
    'this._signalProcessor = new RecorderSignalProcessor(',
    '_shouldBuffer(actionInContext2) {',
    'return action.name === "click" && action.button === "left" || action.name === "navigate";',
    'return action.selector === pendingAction.selector && action.clickCount > pendingAction.clickCount;',
    // recording.ts merges a double click within the same window.
    `kActionBufferTimeout = ${CLICK_MERGE_MS};`,
  ];
  for (const entry of entries) assert.ok(bundle.includes(entry), `playwright-core no longer has ${entry}`);
});
