/**
 * One window of the extension on the fake `vscode` (./extension.ts), with what the tests of
 * the VS Code side do again and again: point it at a server, choose a scraped job, open a file
 * and select lines, run a command and read what the output channel got, answer the questions
 * it asks. The servers are real (test/support/engine.ts and friends).
 */
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension-api';
import type { VSCode } from '../../../src/host/vscode-types';
import { CMD, OUTPUT_NAME } from '../../../src/ids';
import { activateOnFake, type ActivateOptions, type FakeExtension } from './extension';
import type { FakeVSCode, ShownMessage } from './index';
import type { QuickPickCall, InputBoxCall } from './record';

export interface Backend {
  url: string;
  apiKey?: string;
}

/** Settings the tests change; `resetSettings` puts each back to its default. */
const SETTINGS = ['apiUrl', 'defaultTimeout', 'outputLimit', 'sessionCreditBudget', 'history.limit'] as const;
type SettingName = (typeof SETTINGS)[number];

export class FakeWindow {
  readonly api: ExtensionApi;
  readonly vscode: VSCode;
  readonly fake: FakeVSCode;
  /** API keys and capability URLs handed to or seen in the extension: none may reach a channel. */
  readonly secretsSeen = new Set<string>();
  private readonly scratch = mkdtempSync(join(tmpdir(), 'interact-fake-files-'));

  private constructor(private readonly ext: FakeExtension) {
    this.api = ext.api;
    this.vscode = ext.fake.vscode;
    this.fake = ext.fake;
  }

  static async open(options: ActivateOptions = {}): Promise<FakeWindow> {
    return new FakeWindow(await activateOnFake({ capabilities: true, ...options }));
  }

  /**
   * Stops this window's sessions, then closes it (deactivate) and removes its files. Fails if a
   * key or capability URL the window was given or saw reached the output or log channel.
   */
  async close(): Promise<void> {
    try {
      await this.stopAllSessions();
      this.assertNoSecretInChannels();
    } finally {
      await this.ext.close();
      rmSync(this.scratch, { recursive: true, force: true });
    }
  }

  async command<T = unknown>(id: string, ...args: unknown[]): Promise<T> {
    try {
      return await this.ext.command<T>(id, ...args);
    } finally {
      this.noteCapabilityUrls();
    }
  }

  assertNoSecretInChannels(): void {
    this.noteCapabilityUrls();
    const text = this.channelsText();
    assert.ok(text.length > 0, 'the channels are empty: nothing to check');
    const leaked = [...this.secretsSeen].filter((secret) => text.includes(secret) || tokensOf(secret).some((t) => text.includes(t)));
    assert.deepEqual(leaked.map((s) => `${s.slice(0, 4)}…`), [], 'secrets appear in a channel');
  }

  private noteCapabilityUrls(): void {
    for (const s of this.api.sessions.list()) for (const url of [s.cdpUrl, s.liveViewUrl, s.interactiveLiveViewUrl]) if (url) this.secretsSeen.add(url);
  }

  /**
   * From now on messages are answered by `click` (a button label, or undefined to dismiss);
   * returns the list of messages shown from now on.
   */
  notifications(click: (m: ShownMessage) => string | undefined = () => undefined): ShownMessage[] {
    this.fake.recording.messages.length = 0;
    this.fake.recording.answers.message = click;
    return this.fake.recording.messages;
  }

  /** From now on quick picks are answered by `choose`; returns the picks shown from now on. */
  quickPick(choose: (items: vscode.QuickPickItem[], options: vscode.QuickPickOptions | undefined) => vscode.QuickPickItem | undefined): QuickPickCall[] {
    this.fake.recording.quickPicks.length = 0;
    this.fake.recording.answers.quickPick = choose;
    return this.fake.recording.quickPicks;
  }

  /** From now on input boxes are answered by `answer` (undefined: Escape); returns the boxes shown from now on. */
  inputBox(answer: (options: vscode.InputBoxOptions | undefined) => string | undefined): InputBoxCall[] {
    this.fake.recording.inputBoxes.length = 0;
    this.fake.recording.answers.inputBox = answer;
    return this.fake.recording.inputBoxes;
  }

  /** Every question is dismissed again (Escape), as before any script. */
  resetAnswers(): void {
    this.notifications();
    this.quickPick(() => undefined);
    this.inputBox(() => undefined);
  }

  async setSetting(name: SettingName, value: unknown): Promise<void> {
    // apiUrl is machine-scoped (not allowed in workspace settings), so tests write user settings.
    await this.vscode.workspace.getConfiguration('firecrawlInteract').update(name, value, this.vscode.ConfigurationTarget.Global);
  }

  async resetSettings(): Promise<void> {
    for (const name of SETTINGS) await this.setSetting(name, undefined);
  }

  /** Points the extension at `backend`: the URL by the setting, the key by Set API key (or Clear API key). */
  async useBackend(backend: Backend): Promise<void> {
    if (backend.apiKey) this.secretsSeen.add(backend.apiKey);
    await this.setSetting('apiUrl', backend.url);
    if (backend.apiKey) await this.command(CMD.setApiKey, { apiKey: backend.apiKey });
    else await this.command(CMD.clearApiKey);
    await waitFor(async () => (await this.api.effectiveApiUrl()).replace(/\/$/, '') === backend.url.replace(/\/$/, ''), 10_000, 'the extension to use the new apiUrl');
  }

  /** Scrapes `pageUrl` through Choose job and returns the new current job. */
  async chooseScrapedJob(pageUrl: string): Promise<string> {
    const before = this.api.currentJob();
    await this.command(CMD.chooseJob, { url: pageUrl });
    const job = this.api.currentJob();
    assert.ok(job && job !== before, `scraping ${pageUrl} did not make a new current job (output:\n${this.api.outputText().slice(-800)})`);
    return job;
  }

  async stopAllSessions(): Promise<void> {
    if (this.api.sessions.list().length > 0) await this.command(CMD.stopSession, { all: true });
  }

  /** Writes a real file named `name` (the language follows its extension) and opens it in an editor. */
  async openFile(name: string, content: string): Promise<vscode.TextEditor> {
    const path = join(this.scratch, `${randomUUID().slice(0, 8)}-${name}`);
    writeFileSync(path, content);
    return (await this.fake.open(path)) as unknown as vscode.TextEditor;
  }

  /** Selects whole lines `from`..`to` (0-based, inclusive). */
  selectLines(editor: vscode.TextEditor, from: number, to: number): void {
    const end = editor.document.lineAt(to).range.end;
    editor.selection = new this.vscode.Selection(new this.vscode.Position(from, 0), end);
  }

  /** Opens `name` with `code` and runs it (Run in scrape session); returns what the output got. */
  async runFile(name: string, code: string): Promise<string> {
    await this.openFile(name, code);
    const mark = this.outputMark();
    await this.command(CMD.runSelection);
    return this.outputSince(mark);
  }

  outputMark(): number {
    return this.api.outputText().length;
  }

  outputSince(mark: number): string {
    return this.api.outputText().slice(mark);
  }

  /** The "Firecrawl Interact" output channel as the fake received it (the API's copy is the same text). */
  channelText(): string {
    return this.fake.recording.output(OUTPUT_NAME);
  }

  /** Both channels the extension writes: used to prove a secret never appears. */
  channelsText(): string {
    return `${this.api.outputText()}\n${this.api.logText()}`;
  }

  closeEditors(): void {
    this.fake.closeAll();
  }
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The query-string values of a capability URL (its tokens); a plain key has none. */
function tokensOf(secret: string): string[] {
  try {
    return [...new URL(secret).searchParams.values()].filter((v) => v.length >= 8);
  } catch {
    return [];
  }
}

/** A fresh job id no server knows. */
export function unknownJobId(): string {
  return randomUUID();
}
