// No key or capability URL the extension-host suite handed to the extension or saw appears in
// its output or log channel. (Storing, sending and clearing the key are tested on the fake
// vscode: test/unit/extension/secrets.test.ts; each of those windows runs this check too.)
import * as assert from 'node:assert/strict';
import type { ExtensionApi } from '../../src/extension-api';
import { channelsText, extensionApi, resetSettings, secretsSeen, useBackend } from './support/extension';
import { getWorld } from './support/world';

describe('secrets never reach a channel', function () {
  let api: ExtensionApi;

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    await resetSettings();
  });

  it('no key or capability URL the suite used so far appears in the output or log channel', async () => {
    const world = await getWorld();
    await useBackend(api, world.engine);
    const text = channelsText(api);
    assert.ok(text.length > 0, 'the channels are empty: nothing to check');
    assert.ok(secretsSeen.size > 0);
    const leaked = [...secretsSeen].filter((secret) => text.includes(secret) || tokenOf(secret).some((t) => text.includes(t)));
    assert.deepEqual(leaked.map((s) => `${s.slice(0, 4)}…`), [], 'secrets appear in a channel');
  });
});

/** The query-string values of a capability URL (its tokens); a plain key has none. */
function tokenOf(secret: string): string[] {
  try {
    return [...new URL(secret).searchParams.values()].filter((v) => v.length >= 8);
  } catch {
    return [];
  }
}
