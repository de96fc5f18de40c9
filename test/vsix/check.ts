/**
 * Runs inside code-server's extension host (extensionTestsPath) with the linux-x64 VSIX
 * installed from its file: the extension is the installed copy (not the repository), carries
 * only its own platform's agent-browser binary, and a bash selection runs in a real engine
 * session, agent-browser included. Throws on any failure (VS Code then exits non-zero).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';

const ID = 'firecrawl-interact.firecrawl-interact';

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(ID);
  assert.ok(ext, `${ID} is not installed`);
  const repo = process.env.FIRECRAWL_VSIX_REPO ?? '';
  assert.ok(repo && !ext.extensionPath.startsWith(repo), `the extension runs from the repository (${ext.extensionPath}), not from the installed VSIX`);
  assert.match(ext.extensionPath, /firecrawl-interact\.firecrawl-interact-\d+\.\d+\.\d+[^/]*$/);
  const binaries = readdirSync(join(ext.extensionPath, 'node_modules', 'agent-browser', 'bin')).filter((f) => f.startsWith('agent-browser-'));
  assert.deepEqual(binaries, ['agent-browser-linux-x64']);
  console.log(`✔ installed from the VSIX in ${ext.extensionPath} with only agent-browser-linux-x64`);

  const api = await ext.activate();
  await vscode.commands.executeCommand('firecrawlInteract.chooseJob', { jobId: process.env.FIRECRAWL_VSIX_JOB });
  const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: 'echo "bash says $((6 * 7))"\nagent-browser get title\n' });
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('firecrawlInteract.runSelection');
  const out = await waitFor(() => (/└ finished|└ ended/.test(api.outputText()) ? api.outputText() : undefined), 240_000);
  assert.match(out, /▶ bash code/);
  assert.match(out, /stdout:\nbash says 42\n[^\n]*Fixture Home/);
  assert.match(out, /exit code: 0\n└ finished/);
  console.log('✔ a bash selection ran in the session, agent-browser read the page title');
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`no finished run in the output within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
