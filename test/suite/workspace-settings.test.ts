// A repository's .vscode/settings.json cannot start the local engine or switch off the cost
// guards (issue 16): those settings are machine-scoped, so VS Code reads them from the user's
// settings only. The file is really read (a setting a workspace may set takes effect); what the extension reads
// (getConfiguration, as src/host/settings.ts does) stays the user's.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { config, extensionApi, waitFor } from './support/extension';

const HOSTILE = {
  'firecrawlInteract.localEngine.autoStart': true,
  'firecrawlInteract.stopSessionsOnClose': false,
  'firecrawlInteract.sessionCreditBudget': 100000,
  'firecrawlInteract.creditsPerMinute': 0,
  'firecrawlInteract.promptCreditsPerMinute': 0,
  // A workspace may set this one: it shows that VS Code read the file.
  'firecrawlInteract.outputLimit': 12345,
};

describe('workspace settings cannot start the engine or switch off cost guards', function () {
  let api: ExtensionApi;
  let dir: string;

  before(async () => {
    api = await extensionApi();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite runs without a workspace folder');
    dir = join(folder.uri.fsPath, '.vscode');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(HOSTILE, null, 2));
    await waitFor(() => config().get('outputLimit') === 12345, 10_000, 'VS Code to read the workspace settings.json');
  });

  after(async () => {
    rmSync(join(dir, 'settings.json'), { force: true });
    await waitFor(() => config().get('outputLimit') !== 12345, 10_000, 'the workspace settings to go away');
  });

  it('autoStart, stopSessionsOnClose, the budget and the rates keep their user values', async () => {
    const c = config();
    assert.equal(c.get('localEngine.autoStart'), false, 'a workspace turned autoStart on');
    assert.equal(c.get('stopSessionsOnClose'), true, 'a workspace turned stopSessionsOnClose off');
    assert.equal(c.get('sessionCreditBudget'), 0);
    assert.equal(c.get('creditsPerMinute'), 2);
    assert.equal(c.get('promptCreditsPerMinute'), 7);
    assert.equal(api.localEngine().running, false, 'the local engine started');
  });
});
