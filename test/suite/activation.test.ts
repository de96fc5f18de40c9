// Activation: the extension activates once the window has started (onStartupFinished), with no
// file open and no command run, so its status bar item and view are there from the start; it
// stays cheap (no HTTP client, no TypeScript stripper, no process), and every command the
// manifest contributes is then registered.
// Runs first in the suite (test/suite/index.ts orders it), before anything else touches the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';

const EXTENSION_ID = 'firecrawl-interact.firecrawl-interact';

interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: Array<{ command: string }> };
}

// Events that would load the extension before the window is ready, or on every file.
const EAGER_EVENTS = /^(\*|workspaceContains:|onLanguage:|onFileSystem:)/;

function extension(): vscode.Extension<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return condition();
}

describe('activation', () => {
  it('activates after startup on its own (no command, no file) and no earlier', () => {
    const events = (extension().packageJSON as Manifest).activationEvents ?? [];
    assert.ok(events.includes('onStartupFinished'), `activation events: ${events.join(', ')}`);
    assert.deepEqual(events.filter((e) => EAGER_EVENTS.test(e)), []);
  });

  it('shows the backend in the status bar once active, before any command, having loaded no HTTP client or type stripper', async () => {
    assert.ok(await waitFor(() => extension().isActive, 60_000), 'the extension did not activate after startup');
    const api = extension().exports;
    const backend = api.statusBar().find((i) => i.id === 'firecrawlInteract.backend');
    assert.ok(backend?.visible, 'the backend status bar item is not shown');
    assert.match(backend.text, /\$\((cloud|plug|server-process)\) /);
    const loaded = Object.keys(require.cache);
    assert.ok(!loaded.some((k) => /dist[\\/](undici|sucrase)\.js$/.test(k)), `activation loaded a heavy bundle: ${loaded.filter((k) => /undici|sucrase/.test(k)).join(', ')}`);
    assert.equal(api.localEngine().running, false, 'activation started the engine');
  });

  it('registers every contributed command', async () => {
    const contributed = ((extension().packageJSON as Manifest).contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const after = await vscode.commands.getCommands(true);
    assert.deepEqual(contributed.filter((c) => !after.includes(c)), [], 'contributed commands missing after activation');
  });
});
