// Activation is lazy: opening files or starting VS Code does not activate the extension, the
// first command does, and every command the manifest contributes is then registered.
// Runs first in the suite (test/suite/index.ts orders it), before anything else touches the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'firecrawl-interact.firecrawl-interact';

interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: Array<{ command: string }> };
}

// Events that would activate the extension without the user asking for it.
const EAGER_EVENTS = /^(\*|onStartupFinished|workspaceContains:|onLanguage:|onFileSystem:)/;

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
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
  it('is not active when the suite starts', () => {
    assert.equal(extension().isActive, false);
  });

  it('declares no activation event that fires without a user action', () => {
    const events = (extension().packageJSON as Manifest).activationEvents ?? [];
    assert.deepEqual(events.filter((e) => EAGER_EVENTS.test(e)), []);
  });

  it('stays inactive while a .js file is open in an editor', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: 'await page.title()\n' });
    await vscode.window.showTextDocument(doc);
    // Activation triggered by opening an editor would happen within this time on a slow machine.
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(extension().isActive, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates on its first command, and every contributed command is registered', async () => {
    const contributed = ((extension().packageJSON as Manifest).contributes?.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const before = await vscode.commands.getCommands(true);
    assert.deepEqual(contributed.filter((c) => before.includes(c)), [], 'commands registered before activation');

    // The command may open a quick pick; do not wait for it, wait for activation instead.
    const showOutput = contributed.find((c) => /output/i.test(c)) ?? contributed[0];
    void vscode.commands.executeCommand(showOutput).then(undefined, () => undefined);
    assert.ok(await waitFor(() => extension().isActive, 60_000), `running ${showOutput} did not activate the extension`);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

    const after = await vscode.commands.getCommands(true);
    assert.deepEqual(contributed.filter((c) => !after.includes(c)), [], 'contributed commands missing after activation');
  });
});
