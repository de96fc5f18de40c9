// What a window shows with no server at all, read as text from the fake `vscode`'s recording:
// the backend's status bar item and context keys after activation and after a settings edit, and
// Restricted Mode's refusal with its button. No engine: nothing here sends a request.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { CMD, CONTEXT } from '../../../src/ids';
import { FakeWindow } from '../../support/fake-vscode/window';

describe('window state as text (fake vscode)', () => {
  let w: FakeWindow | undefined;

  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it('activation shows the backend item and sets the backend context keys; editing apiUrl redraws both', async () => {
    w = await FakeWindow.open();
    let text = await w.fake.print();
    assert.match(text, /^status bar:\n {2}firecrawlInteract\.backend: \$\(cloud\) cloud · no job → firecrawlInteract\.switchBackend$/m);
    assert.match(text, new RegExp(`^ {2}${CONTEXT.backendKind.replace(/\./g, '\\.')} = "cloud"$`, 'm'));
    // Nothing built beyond activation: no output channel of runs, no rows in either view.
    assert.match(text, /^tree firecrawlInteract\.workbench:\n {2}\(none\)$/m);
    assert.match(text, /^tree firecrawlInteract\.runs:\n {2}\(none\)$/m);
    assert.equal(w.api.outputText(), '');
    // Activation reads the backend's settings, not the run settings (those are read per run).
    assert.match(text, /^configuration read:\n {2}[^\n]*firecrawlInteract\.apiUrl/m);
    assert.doesNotMatch(text, /^configuration read:\n[^\n]*firecrawlInteract\.defaultTimeout/m);

    await w.setSetting('apiUrl', 'http://127.0.0.1:9');
    text = await w.fake.print();
    assert.match(text, /firecrawlInteract\.backend: \$\(plug\) [^\n]*127\.0\.0\.1:9[^\n]* · no job/);
    assert.match(text, new RegExp(`${CONTEXT.backendKind.replace(/\./g, '\\.')} = "custom"`));
    assert.match(text, /^configuration writes:\n {2}firecrawlInteract\.apiUrl = "http:\/\/127\.0\.0\.1:9" \(global\)$/m);
  });

  it('Restricted Mode: a command that runs something says why and offers Workspace Trust; the button opens it', async () => {
    w = await FakeWindow.open({ trusted: false });
    w.notifications((m) => (m.buttons.includes('Manage Workspace Trust') ? 'Manage Workspace Trust' : undefined));
    await w.command(CMD.runSelection);
    await w.command(CMD.startLocalEngine);
    const lines = w.fake.recording.messageLines();
    assert.equal(lines.length, 2, lines.join('\n'));
    for (const line of lines) assert.match(line, /^warning: .*Restricted Mode.* \[Manage Workspace Trust\] → Manage Workspace Trust$/);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(w.fake.recording.builtinCommands.map((c) => c.id), ['workbench.trust.manage', 'workbench.trust.manage']);
    assert.equal(w.api.localEngine().running, false);
  });
});
