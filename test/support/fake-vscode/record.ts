/**
 * What the fake `vscode` (./index.ts) saw the extension do, and the answers a test scripts for
 * the person at the keyboard (a button to click, an item to pick, text to type). `print()`
 * writes it all as text, for assertions and for failure messages.
 */
import type * as vscode from 'vscode';

export interface ShownMessage {
  severity: 'error' | 'warning' | 'info';
  /** The text before the extension's own command links. */
  message: string;
  /** Buttons, then the labels of the command links in the text (a run outcome's actions). */
  buttons: string[];
  modal: boolean;
  detail?: string;
  /** What the scripted person clicked (undefined: dismissed). */
  clicked?: string;
}

export interface QuickPickCall {
  items: vscode.QuickPickItem[];
  options: vscode.QuickPickOptions | undefined;
  picked: vscode.QuickPickItem | undefined;
}

export interface InputBoxCall {
  options: vscode.InputBoxOptions | undefined;
  value: string | undefined;
  /** What validateInput said about `value` (a box that shows one does not accept Enter). */
  validation?: string;
}

export interface StatusItem {
  id: string;
  priority?: number;
  text: string;
  tooltip: string | vscode.MarkdownString | undefined;
  command: string | vscode.Command | undefined;
  name: string | undefined;
  accessibilityInformation?: vscode.AccessibilityInformation;
  visible: boolean;
  disposed: boolean;
}

export interface ProgressCall {
  title: string | undefined;
  location: 'window' | 'notification' | 'other';
  cancellable: boolean;
  /** Cancels it as the Cancel button would; undefined once the task ended. */
  cancel?: () => void;
  done: boolean;
}

export interface ConfigWrite {
  key: string;
  value: unknown;
  target: 'global' | 'workspace' | 'workspaceFolder';
}

export interface TreeLine {
  depth: number;
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  command?: string;
  collapsible: boolean;
}

/** A test's stand-in for the person: each answers one kind of question; the defaults press Escape. */
export interface ScriptedAnswers {
  message: (m: ShownMessage) => string | undefined;
  quickPick: (items: vscode.QuickPickItem[], options: vscode.QuickPickOptions | undefined) => vscode.QuickPickItem | undefined;
  inputBox: (options: vscode.InputBoxOptions | undefined) => string | undefined;
  openDialog: (options: vscode.OpenDialogOptions | undefined) => vscode.Uri[] | undefined;
}

export class Recording {
  readonly messages: ShownMessage[] = [];
  readonly quickPicks: QuickPickCall[] = [];
  readonly inputBoxes: InputBoxCall[] = [];
  readonly progress: ProgressCall[] = [];
  readonly statusMessages: string[] = [];
  readonly statusItems: StatusItem[] = [];
  readonly contextKeys = new Map<string, unknown>();
  readonly configWrites: ConfigWrite[] = [];
  /** Every setting key the extension read (get, has or inspect), in the order first read. */
  readonly configReads = new Set<string>();
  /** Output channels by name: what was appended (a log channel's lines start with their level). */
  readonly channels = new Map<string, string>();
  /** Commands run that the fake does not implement (workbench.action.*, openSettings …), with their arguments. */
  readonly builtinCommands: { id: string; args: unknown[] }[] = [];
  readonly openedExternal: string[] = [];
  readonly answers: ScriptedAnswers = { message: () => undefined, quickPick: () => undefined, inputBox: () => undefined, openDialog: () => undefined };

  /** Everything appended to the output channel `name` so far. */
  output(name: string): string {
    return this.channels.get(name) ?? '';
  }

  /** Messages of a severity (or all), as `severity: text [button | button]` lines. */
  messageLines(severity?: ShownMessage['severity']): string[] {
    return this.messages.filter((m) => !severity || m.severity === severity).map(messageLine);
  }

  /** Everything recorded except channel text (print the channels with `output`). */
  print(trees: Record<string, TreeLine[]> = {}): string {
    const lines: string[] = [];
    const section = (title: string, body: string[]) => lines.push(`${title}:`, ...(body.length ? body.map((l) => `  ${l}`) : ['  (none)']));
    section('messages', this.messages.map(messageLine));
    section('quick picks', this.quickPicks.map((q) => `${q.options?.title ?? q.options?.placeHolder ?? '(untitled)'}: ${q.items.map((i) => (i.kind === -1 ? `— ${i.label}`.trim() : i.label)).join(' | ')} → ${q.picked?.label ?? 'Escape'}`));
    section('input boxes', this.inputBoxes.map((b) => `${b.options?.title ?? b.options?.prompt ?? '(untitled)'} → ${b.value === undefined ? 'Escape' : JSON.stringify(b.value)}${b.validation ? ` (invalid: ${b.validation})` : ''}`));
    section('progress', this.progress.map((p) => `${p.location}: ${p.title ?? ''}${p.cancellable ? ' [Cancel]' : ''}${p.done ? '' : ' (running)'}`));
    section('status bar', this.statusItems.filter((i) => !i.disposed).map(statusLine));
    section('context keys', [...this.contextKeys].map(([k, v]) => `${k} = ${JSON.stringify(v)}`));
    section('configuration read', this.configReads.size ? [[...this.configReads].join(', ')] : []);
    section('configuration writes', this.configWrites.map((w) => `${w.key} = ${JSON.stringify(w.value)} (${w.target})`));
    section('other commands', this.builtinCommands.map((c) => `${c.id}${c.args.length ? ` ${JSON.stringify(c.args)}` : ''}`));
    for (const [id, tree] of Object.entries(trees)) section(`tree ${id}`, tree.map(treeLine));
    return lines.join('\n');
  }
}

function messageLine(m: ShownMessage): string {
  const buttons = m.buttons.length ? ` [${m.buttons.join(' | ')}]` : '';
  return `${m.severity}${m.modal ? ' (modal)' : ''}: ${m.message}${buttons}${m.clicked ? ` → ${m.clicked}` : ''}`;
}

function statusLine(i: StatusItem): string {
  const command = typeof i.command === 'string' ? i.command : i.command?.command;
  return `${i.id}${i.visible ? '' : ' (hidden)'}: ${i.text}${command ? ` → ${command}` : ''}`;
}

export function treeLine(t: TreeLine): string {
  const extra = [t.description, t.contextValue && `[${t.contextValue}]`].filter(Boolean).join(' ');
  return `${'  '.repeat(t.depth)}${t.collapsible ? '▾ ' : ''}${t.label}${extra ? ` — ${extra}` : ''}`;
}
