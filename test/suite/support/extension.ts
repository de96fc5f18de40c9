/**
 * The extension under test, reached the way another extension would: activate it, read its
 * state through the object `activate()` returns, and change state only through its commands
 * and settings.
 */
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension-api';
import { CMD } from '../../../src/ids';
import { atEnd } from './world';

export const EXTENSION_ID = 'firecrawl-interact.firecrawl-interact';
export { CMD } from '../../../src/ids';

/** Settings the suites change; each is reset to its default after use. */
export const SETTINGS = ['apiUrl', 'defaultTimeout', 'outputLimit', 'sessionCreditBudget', 'history.limit'] as const;
type SettingName = (typeof SETTINGS)[number];

export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api && typeof api.outputText === 'function', 'activate() did not return the extension API');
  return api;
}

export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('firecrawlInteract');
}

export async function setSetting(name: SettingName, value: unknown): Promise<void> {
  // apiUrl is machine-scoped (it cannot live in workspace settings), so the suite writes user settings.
  await config().update(name, value, vscode.ConfigurationTarget.Global);
}

export async function resetSettings(): Promise<void> {
  for (const name of SETTINGS) await setSetting(name, undefined);
}

export interface Backend {
  url: string;
  apiKey?: string;
}

/**
 * Points the extension at `backend`: the URL through the setting, the key through the
 * extension's own Set API key command (or Clear API key when there is none).
 */
export async function useBackend(api: ExtensionApi, backend: Backend): Promise<void> {
  if (backend.apiKey) secretsSeen.add(backend.apiKey);
  await setSetting('apiUrl', backend.url);
  if (backend.apiKey) await vscode.commands.executeCommand(CMD.setApiKey, { apiKey: backend.apiKey });
  else await vscode.commands.executeCommand(CMD.clearApiKey);
  await waitFor(async () => (await api.effectiveApiUrl()).replace(/\/$/, '') === backend.url.replace(/\/$/, ''), 10_000, 'the extension to use the new apiUrl');
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Text the output channel received after `mark` (from `outputMark`). */
export function outputSince(api: ExtensionApi, mark: number): string {
  return api.outputText().slice(mark);
}

export function outputMark(api: ExtensionApi): number {
  return api.outputText().length;
}

/**
 * Scrapes `page` (a fixture path such as `/index.html`) through the extension's Choose job
 * command and returns the new current job.
 */
export async function chooseScrapedJob(api: ExtensionApi, pageUrl: string): Promise<string> {
  const before = api.currentJob();
  await vscode.commands.executeCommand(CMD.chooseJob, { url: pageUrl });
  const job = api.currentJob();
  assert.ok(job && job !== before, `scraping ${pageUrl} did not make a new current job (output:\n${api.outputText().slice(-800)})`);
  return job;
}

/** Stops every session this window knows about (test cleanup). */
export async function stopAllSessions(api: ExtensionApi): Promise<void> {
  for (const s of api.sessions.list()) for (const url of [s.cdpUrl, s.liveViewUrl, s.interactiveLiveViewUrl]) if (url) secretsSeen.add(url);
  if (api.sessions.list().length > 0) await vscode.commands.executeCommand(CMD.stopSession, { all: true });
}

/** A fresh job id no server knows. */
export function unknownJobId(): string {
  return randomUUID();
}

let scratch: string | undefined;

/** Writes `content` to a real file named `name` (so VS Code picks the language from the extension) and opens it. */
export async function openFile(name: string, content: string): Promise<vscode.TextEditor> {
  if (!scratch) {
    const dir = mkdtempSync(join(tmpdir(), 'interact-suite-files-'));
    scratch = dir;
    atEnd(() => rmSync(dir, { recursive: true, force: true }));
  }
  const path = join(scratch, `${randomUUID().slice(0, 8)}-${name}`);
  writeFileSync(path, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
  return vscode.window.showTextDocument(doc);
}

/** Selects whole lines `from`..`to` (0-based, inclusive). */
export function selectLines(editor: vscode.TextEditor, from: number, to: number): void {
  const end = editor.document.lineAt(to).range.end;
  editor.selection = new vscode.Selection(new vscode.Position(from, 0), end);
}

export async function closeEditors(): Promise<void> {
  await settleWebviews();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Waits a moment before a tab drawn in a webview (a notebook's outputs, an image, a panel) is
 * closed. In the web workbench, a webview's files come through one service worker: a request
 * still open when its webview closes is answered by nobody and holds that worker for its 30 s
 * timeout (`resolveTimeout` in VS Code's webview `service-worker.js`), and the next webview to
 * open waits for it ("Found unexpected service worker controller … Waiting for controllerchange").
 * A notebook closed just after a Markdown output was drawn (its KaTeX style and fonts still
 * loading) made the next notebook of the suite open 30 s late. Nothing here can see the
 * webview's requests, so this waits for them to end instead: a second, only when such a tab is open.
 */
export async function settleWebviews(): Promise<void> {
  const drawn = vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputNotebook || t.input instanceof vscode.TabInputWebview || t.input instanceof vscode.TabInputCustom);
  if (drawn) await new Promise((r) => setTimeout(r, 1000));
}

/**
 * API keys and session capability URLs (CDP, live view) the suite has handed to or seen in the
 * extension so far: none of them may ever appear in its channels.
 */
export const secretsSeen = new Set<string>();

/** Everything the extension showed in the two channels: used to prove a secret never appears. */
export function channelsText(api: ExtensionApi): string {
  return `${api.outputText()}\n${api.logText()}`;
}
