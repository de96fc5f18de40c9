/**
 * A recording fake of the `vscode` API, for unit tests of the extension's VS Code side without
 * a VS Code (the approach of playwright-vscode's tests/mock/vscode.ts; this code is our own).
 * The extension receives `vscode` injected everywhere but in src/extension.ts, so the fake is
 * handed to the same constructors, or to `activate()` itself (./extension.ts).
 *
 * It records what a person would see (notifications with their buttons, output channel text,
 * tree items, status bar items, context keys, settings read and written, progress, quick picks
 * and input boxes) in `recording`, and answers questions with the test's scripted answers
 * (`recording.answers`; by default every question is dismissed). Text documents and editors are
 * modelled far enough for runs from files (see ./text.ts). What it does not model (notebooks
 * being edited and executed, webview scripts, keybindings, real rendering) stays in the
 * extension-host and UI suites.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type * as vscode from 'vscode';
import { URI, Utils } from 'vscode-uri';
import type { VSCode } from '../../../src/host/vscode-types';
import { FakeConfiguration, TARGET } from './config';
import { Recording, type ProgressCall, type StatusItem, type TreeLine } from './record';
import { Position, Range, Selection, TextDocument, TextEditor, WorkspaceEdit } from './text';

export { Recording, treeLine, type ShownMessage, type TreeLine } from './record';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>, thisArg?: unknown, disposables?: { dispose(): unknown }[]): Disposable => {
    const bound: Listener<T> = (e) => listener.call(thisArg, e);
    this.listeners.add(bound);
    const d = new Disposable(() => this.listeners.delete(bound));
    disposables?.push(d);
    return d;
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

export class Disposable {
  constructor(private readonly callOnDispose: () => unknown) {}

  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }

  dispose(): void {
    this.callOnDispose();
  }
}

class CancellationTokenSource {
  private readonly cancelled = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.cancelled.event };

  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this.cancelled.fire();
  }

  dispose(): void {
    this.cancelled.dispose();
  }
}

class TreeItem {
  label?: string | vscode.TreeItemLabel;
  resourceUri?: vscode.Uri;
  id?: string;
  description?: string | boolean;
  tooltip?: string | vscode.MarkdownString;
  contextValue?: string;
  iconPath?: unknown;
  command?: vscode.Command;
  accessibilityInformation?: vscode.AccessibilityInformation;

  constructor(
    labelOrUri: string | vscode.TreeItemLabel | vscode.Uri,
    public collapsibleState: number = 0,
  ) {
    if (URI.isUri(labelOrUri)) this.resourceUri = labelOrUri as vscode.Uri;
    else this.label = labelOrUri as string | vscode.TreeItemLabel;
  }
}

class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class MarkdownString {
  isTrusted?: boolean;
  supportThemeIcons?: boolean;
  supportHtml?: boolean;

  constructor(
    public value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }

  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
    return this;
  }

  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }

  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: vscode.Command,
  ) {}

  get isResolved(): boolean {
    return this.command !== undefined;
  }
}

class Diagnostic {
  source?: string;
  code?: string | number;
  relatedInformation?: unknown[];

  constructor(
    readonly range: Range,
    readonly message: string,
    public severity: number = 0,
  ) {}
}

class DiagnosticCollection {
  private readonly entries = new Map<string, readonly Diagnostic[]>();

  constructor(readonly name: string) {}

  set(uri: vscode.Uri, diagnostics: readonly Diagnostic[] | undefined): void {
    if (diagnostics && diagnostics.length > 0) this.entries.set(uri.toString(), [...diagnostics]);
    else this.entries.delete(uri.toString());
  }

  get(uri: vscode.Uri): readonly Diagnostic[] {
    return this.entries.get(uri.toString()) ?? [];
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  has(uri: vscode.Uri): boolean {
    return this.entries.has(uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }

  forEach(callback: (uri: vscode.Uri, diagnostics: readonly Diagnostic[]) => void): void {
    for (const [uri, d] of this.entries) callback(URI.parse(uri), d);
  }

  dispose(): void {
    this.entries.clear();
  }
}

class NotebookCellData {
  outputs?: unknown[];
  metadata?: Record<string, unknown>;

  constructor(
    readonly kind: number,
    public value: string,
    public languageId: string,
  ) {}
}

class NotebookData {
  metadata?: Record<string, unknown>;

  constructor(readonly cells: NotebookCellData[]) {}
}

// VS Code's rule for links in message text (vs/base/common/linkedText.ts).
const MESSAGE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** The links VS Code would render in a message (a run outcome's actions), and the text before them. */
function messageLinks(text: string): { message: string; links: { label: string; href: string }[] } {
  const found = [...text.matchAll(MESSAGE_LINK)];
  const links = found.map((m) => ({ label: m[1], href: m[2] }));
  const first = found[0]?.index;
  return { message: (first === undefined ? text : text.slice(0, first)).trim(), links };
}

/** A `command:id?args` href as VS Code's link handler runs it (args: a URI-encoded JSON array, or one value). */
function commandOf(href: string): { id: string; args: unknown[] } | undefined {
  if (!href.startsWith('command:')) return undefined;
  const [id, query] = href.slice('command:'.length).split('?');
  if (!query) return { id, args: [] };
  const parsed = JSON.parse(decodeURIComponent(query)) as unknown;
  return { id, args: Array.isArray(parsed) ? parsed : [parsed] };
}

export interface FakeOptions {
  /** The workspace folder (a real directory: files are read and written there). */
  workspaceFolder?: string;
  /** Workspace Trust (default: trusted). */
  trusted?: boolean;
}

export interface FakeVSCode {
  vscode: VSCode;
  recording: Recording;
  /** Settings as a person edits them (`target`: 1 user, 2 workspace). */
  setSetting(key: string, value: unknown, target?: number): void;
  /** The rows of a registered tree view, as a person would see them expanded. */
  tree(viewId: string): Promise<TreeLine[]>;
  /** Everything recorded, with every registered tree, as text. */
  print(): Promise<string>;
  /** Opens a file in an editor, as the person would (VS Code picks the language from the extension). */
  open(path: string, selection?: { from: [number, number]; to: [number, number] }): Promise<TextEditor>;
  activeEditor(): TextEditor | undefined;
  /** Web panels created (live view): title, html, messages the extension posted. */
  webviews: { viewType: string; title: string; html: () => string; posted: unknown[]; disposed: boolean; receive(message: unknown): void; dispose(): void }[];
  /** Diagnostics per document URI (string), from every collection. */
  diagnostics(uri: string): { line: number; message: string; severity: number }[];
  clipboard(): string;
  /** Closes every editor and panel (workbench.action.closeAllEditors). */
  closeAll(): void;
}

export function createFakeVSCode(options: FakeOptions = {}): FakeVSCode {
  const recording = new Recording();
  const config = new FakeConfiguration(recording.configWrites, recording.configReads);
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const providers = new Map<string, vscode.TextDocumentContentProvider>();
  const trees = new Map<string, vscode.TreeDataProvider<unknown>>();
  const collections: DiagnosticCollection[] = [];
  const documents = new Map<string, TextDocument>();
  const webviews: FakeVSCode['webviews'] = [];
  const editors: TextEditor[] = [];
  let active: TextEditor | undefined;
  let clipboard = '';
  const onActiveEditor = new EventEmitter<TextEditor | undefined>();
  const onDocumentChange = new EventEmitter<{ document: TextDocument; contentChanges: unknown[] }>();
  const never = new EventEmitter<never>().event;
  const folder = options.workspaceFolder ? URI.file(options.workspaceFolder) : undefined;

  const setActive = (editor: TextEditor | undefined) => {
    active = editor;
    onActiveEditor.fire(editor);
  };

  const documentFor = async (uri: URI): Promise<TextDocument> => {
    const key = uri.toString();
    const provider = providers.get(uri.scheme);
    if (provider) {
      // A virtual document is asked for its text each time it opens, as VS Code does.
      const text = (await provider.provideTextDocumentContent(uri as vscode.Uri, new CancellationTokenSource().token)) ?? '';
      const language = uri.path.endsWith('.json') ? 'json' : uri.path.endsWith('.md') ? 'markdown' : 'plaintext';
      const doc = new TextDocument(uri, language, text);
      documents.set(key, doc);
      return doc;
    }
    if (uri.scheme !== 'file') throw new Error(`fake vscode: no content provider for ${uri.scheme}:`);
    const open = documents.get(key);
    if (open) return open;
    const doc = TextDocument.fromFile(uri);
    documents.set(key, doc);
    return doc;
  };

  const show = async (target: TextDocument | URI, opts?: { selection?: Range; viewColumn?: number; preserveFocus?: boolean } | number): Promise<TextEditor> => {
    const doc = target instanceof TextDocument ? target : await documentFor(target);
    const o = typeof opts === 'number' ? { viewColumn: opts } : (opts ?? {});
    const at = o.selection ?? new Range(0, 0, 0, 0);
    const editor = new TextEditor(doc, new Selection(at.start, at.end), o.viewColumn ?? 1);
    editors.push(editor);
    if (!o.preserveFocus || !active) setActive(editor);
    return editor;
  };

  const message =
    (severity: 'error' | 'warning' | 'info') =>
    async (text: string, ...rest: unknown[]): Promise<unknown> => {
      const first = rest[0];
      const opts = first && typeof first === 'object' && !('title' in first) ? (rest.shift() as vscode.MessageOptions) : undefined;
      const items = rest as (string | vscode.MessageItem)[];
      const { message: shownText, links } = messageLinks(text);
      const labels = items.map((i) => (typeof i === 'string' ? i : i.title));
      const shown = { severity, message: shownText, buttons: [...labels, ...links.map((l) => l.label)], modal: opts?.modal === true, ...(opts?.detail ? { detail: opts.detail } : {}) };
      recording.messages.push(shown);
      const clicked = recording.answers.message(shown);
      if (clicked === undefined) return undefined;
      if (!shown.buttons.includes(clicked)) throw new Error(`fake vscode: the test clicked "${clicked}", which "${shownText}" does not offer (${shown.buttons.join(', ')})`);
      Object.assign(shown, { clicked });
      const link = links.find((l) => l.label === clicked);
      // A link runs its command (or opens its page) as VS Code's link handler would; the message resolves as dismissed.
      if (link) {
        const command = commandOf(link.href);
        if (command) void api.commands.executeCommand(command.id, ...command.args);
        else recording.openedExternal.push(link.href);
        return undefined;
      }
      return items[labels.indexOf(clicked)];
    };

  const statusItem = (id: string, priority?: number): vscode.StatusBarItem => {
    const record: StatusItem = { id, priority, text: '', tooltip: undefined, command: undefined, name: undefined, visible: false, disposed: false };
    recording.statusItems.push(record);
    const item = {
      id,
      alignment: 1,
      priority,
      show: () => void (record.visible = true),
      hide: () => void (record.visible = false),
      dispose: () => void Object.assign(record, { visible: false, disposed: true }),
    };
    for (const key of ['text', 'tooltip', 'command', 'name', 'accessibilityInformation'] as const) {
      Object.defineProperty(item, key, { get: () => record[key], set: (v: never) => void (record[key] = v), enumerable: true });
    }
    return item as unknown as vscode.StatusBarItem;
  };

  const outputChannel = (name: string, opts?: string | { log: true }): vscode.LogOutputChannel => {
    recording.channels.set(name, recording.channels.get(name) ?? '');
    const append = (text: string) => recording.channels.set(name, (recording.channels.get(name) ?? '') + text);
    const logLine = (level: string) => (text: string) => append(`${level} ${text}\n`);
    const channel = {
      name,
      append,
      appendLine: (text: string) => append(`${text}\n`),
      replace: (text: string) => recording.channels.set(name, text),
      clear: () => recording.channels.set(name, ''),
      show: () => undefined,
      hide: () => undefined,
      dispose: () => undefined,
      ...(typeof opts === 'object' && opts.log ? { logLevel: 2, onDidChangeLogLevel: never, trace: logLine('trace'), debug: logLine('debug'), info: logLine('info'), warn: logLine('warn'), error: logLine('error') } : {}),
    };
    return channel as unknown as vscode.LogOutputChannel;
  };

  const withProgress = async <R>(opts: vscode.ProgressOptions, task: (p: vscode.Progress<unknown>, t: vscode.CancellationToken) => Thenable<R>): Promise<R> => {
    const source = new CancellationTokenSource();
    const location = opts.location === 10 ? 'window' : opts.location === 15 ? 'notification' : 'other';
    const call: ProgressCall = { title: opts.title, location, cancellable: opts.cancellable === true, done: false, cancel: opts.cancellable ? () => source.cancel() : undefined };
    recording.progress.push(call);
    try {
      return await task({ report: () => undefined }, source.token as vscode.CancellationToken);
    } finally {
      call.done = true;
      call.cancel = undefined;
    }
  };

  const webviewPanel = (viewType: string, title: string): vscode.WebviewPanel => {
    const received = new EventEmitter<unknown>();
    const disposed = new EventEmitter<void>();
    const viewState = new EventEmitter<unknown>();
    let html = '';
    const record: FakeVSCode['webviews'][number] = {
      viewType,
      title,
      html: () => html,
      posted: [],
      disposed: false,
      receive: (m) => received.fire(m),
      dispose: () => panel.dispose(),
    };
    const webview = {
      options: {},
      cspSource: 'https://fake.vscode-cdn.net',
      get html() {
        return html;
      },
      set html(v: string) {
        html = v;
      },
      asWebviewUri: (uri: vscode.Uri) => uri,
      postMessage: async (m: unknown) => {
        record.posted.push(m);
        return !record.disposed;
      },
      onDidReceiveMessage: received.event,
    };
    const panel = {
      viewType,
      get title() {
        return record.title;
      },
      set title(v: string) {
        record.title = v;
      },
      webview,
      options: {},
      active: true,
      visible: true,
      viewColumn: 2,
      iconPath: undefined,
      reveal: () => undefined,
      onDidDispose: disposed.event,
      onDidChangeViewState: viewState.event,
      dispose: () => {
        if (record.disposed) return;
        record.disposed = true;
        disposed.fire();
      },
    };
    webviews.push(record);
    return panel as unknown as vscode.WebviewPanel;
  };

  const builtin: Record<string, (...args: unknown[]) => unknown> = {
    setContext: (key, value) => void recording.contextKeys.set(String(key), value),
    'vscode.open': async (uri, opts) => {
      const u = uri as URI;
      if (u.scheme === 'http' || u.scheme === 'https') recording.openedExternal.push(u.toString());
      // A picture opens in VS Code's image preview: the fake records it as an editor of its bytes' path.
      else if (/\.(png|jpe?g|gif|webp)$/i.test(u.path)) recording.builtinCommands.push({ id: 'vscode.open', args: [u.toString()] });
      else await show(u, opts as { viewColumn?: number });
    },
    'workbench.action.closeAllEditors': () => closeAll(),
  };

  function closeAll(): void {
    editors.splice(0);
    for (const w of webviews) if (!w.disposed) w.dispose();
    setActive(undefined);
  }

  const api = {
    version: '1.100.0',
    EventEmitter,
    Disposable,
    CancellationTokenSource,
    Position,
    Range,
    Selection,
    WorkspaceEdit,
    TreeItem,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    CodeLens,
    Diagnostic,
    NotebookCellData,
    NotebookData,
    NotebookEdit: {
      updateNotebookMetadata: () => {
        throw new Error('fake vscode: notebook edits are not modelled; test them in the extension host');
      },
    },
    Uri: { parse: URI.parse, file: URI.file, from: URI.from, isUri: URI.isUri, joinPath: Utils.joinPath },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ConfigurationTarget: TARGET,
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    NotebookCellKind: { Markup: 1, Code: 2 },
    NotebookControllerAffinity: { Default: 1, Preferred: 2 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    UIKind: { Desktop: 1, Web: 2 },
    EndOfLine: { LF: 1, CRLF: 2 },
    commands: {
      registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
        if (commands.has(id)) throw new Error(`command '${id}' already exists`);
        commands.set(id, run);
        return new Disposable(() => commands.delete(id));
      },
      executeCommand: async (id: string, ...args: unknown[]) => {
        const run = commands.get(id) ?? builtin[id];
        if (run) return run(...args);
        recording.builtinCommands.push({ id, args });
        return undefined;
      },
      getCommands: async () => [...commands.keys(), ...Object.keys(builtin)],
    },
    window: {
      get activeTextEditor() {
        return active;
      },
      get visibleTextEditors() {
        return [...editors];
      },
      activeNotebookEditor: undefined,
      visibleNotebookEditors: [],
      onDidChangeActiveTextEditor: onActiveEditor.event,
      onDidChangeActiveNotebookEditor: never,
      onDidChangeVisibleTextEditors: never,
      onDidChangeTextEditorSelection: never,
      showInformationMessage: message('info'),
      showWarningMessage: message('warning'),
      showErrorMessage: message('error'),
      showQuickPick: async (items: unknown, opts?: vscode.QuickPickOptions) => {
        const list = ((await Promise.resolve(items)) as (string | vscode.QuickPickItem)[]).map((i) => (typeof i === 'string' ? { label: i } : i));
        const picked = recording.answers.quickPick(list, opts);
        recording.quickPicks.push({ items: list, options: opts, picked });
        if (picked === undefined) return undefined;
        return typeof (items as unknown[])[0] === 'string' ? picked.label : picked;
      },
      showInputBox: async (opts?: vscode.InputBoxOptions) => {
        const value = recording.answers.inputBox(opts);
        const validation = value === undefined ? undefined : await opts?.validateInput?.(value);
        const invalid = typeof validation === 'string' ? validation : validation?.message;
        recording.inputBoxes.push({ options: opts, value, ...(invalid ? { validation: invalid } : {}) });
        // A box whose validation shows a message does not accept Enter: the person gives up.
        return invalid ? undefined : value;
      },
      showOpenDialog: async (opts?: vscode.OpenDialogOptions) => recording.answers.openDialog(opts),
      showTextDocument: show,
      showNotebookDocument: () => {
        throw new Error('fake vscode: notebooks are not modelled; test them in the extension host');
      },
      withProgress,
      setStatusBarMessage: (text: string) => {
        recording.statusMessages.push(text);
        return new Disposable(() => undefined);
      },
      createOutputChannel: outputChannel,
      createStatusBarItem: (idOrAlignment?: string | number, alignmentOrPriority?: number, priority?: number) =>
        typeof idOrAlignment === 'string' ? statusItem(idOrAlignment, priority) : statusItem(`item-${recording.statusItems.length}`, alignmentOrPriority),
      createTreeView: (id: string, opts: { treeDataProvider: vscode.TreeDataProvider<unknown> }) => {
        trees.set(id, opts.treeDataProvider);
        return { visible: true, onDidChangeVisibility: never, onDidChangeSelection: never, onDidExpandElement: never, onDidCollapseElement: never, selection: [], reveal: async () => undefined, dispose: () => trees.delete(id) };
      },
      registerTreeDataProvider: (id: string, provider: vscode.TreeDataProvider<unknown>) => {
        trees.set(id, provider);
        return new Disposable(() => trees.delete(id));
      },
      createWebviewPanel: webviewPanel,
      registerWebviewPanelSerializer: () => new Disposable(() => undefined),
    },
    workspace: {
      get isTrusted() {
        return options.trusted ?? true;
      },
      onDidGrantWorkspaceTrust: never,
      name: folder ? Utils.basename(folder) : undefined,
      workspaceFolders: folder ? [{ uri: folder, name: Utils.basename(folder), index: 0 }] : undefined,
      get textDocuments() {
        return [...documents.values()];
      },
      notebookDocuments: [],
      getConfiguration: (section?: string) => config.section(section),
      onDidChangeConfiguration: (l: Listener<vscode.ConfigurationChangeEvent>) => config.onDidChange(l),
      onDidChangeTextDocument: onDocumentChange.event,
      onDidOpenTextDocument: never,
      onDidCloseTextDocument: never,
      onDidOpenNotebookDocument: never,
      onDidCloseNotebookDocument: never,
      onDidChangeNotebookDocument: never,
      openTextDocument: async (target?: URI | string | { content?: string; language?: string }) => {
        if (typeof target === 'string') return documentFor(URI.file(target));
        if (URI.isUri(target)) return documentFor(target);
        const doc = new TextDocument(URI.from({ scheme: 'untitled', path: `Untitled-${documents.size + 1}` }), target?.language ?? 'plaintext', target?.content ?? '');
        documents.set(doc.uri.toString(), doc);
        return doc;
      },
      openNotebookDocument: () => {
        throw new Error('fake vscode: notebooks are not modelled; test them in the extension host');
      },
      registerTextDocumentContentProvider: (scheme: string, provider: vscode.TextDocumentContentProvider) => {
        providers.set(scheme, provider);
        return new Disposable(() => providers.delete(scheme));
      },
      registerNotebookSerializer: () => new Disposable(() => undefined),
      applyEdit: async (edit: WorkspaceEdit) => {
        for (const e of edit.edits) {
          const doc = await documentFor(e.uri);
          doc.replace(e.range, e.text);
          onDocumentChange.fire({ document: doc, contentChanges: [{ range: e.range, text: e.text }] });
        }
        return true;
      },
      asRelativePath: (pathOrUri: string | URI) => {
        const path = typeof pathOrUri === 'string' ? pathOrUri : pathOrUri.fsPath;
        return folder && path.startsWith(`${folder.fsPath}/`) ? relative(folder.fsPath, path) : path;
      },
      getWorkspaceFolder: (uri: URI) => (folder && uri.fsPath.startsWith(`${folder.fsPath}/`) ? { uri: folder, name: Utils.basename(folder), index: 0 } : undefined),
      fs: {
        readFile: async (uri: URI) => new Uint8Array(readFileSync(uri.fsPath)),
        writeFile: async (uri: URI, content: Uint8Array) => {
          mkdirSync(dirname(uri.fsPath), { recursive: true });
          writeFileSync(uri.fsPath, content);
        },
        stat: async (uri: URI) => {
          try {
            const s = statSync(uri.fsPath);
            return { type: s.isDirectory() ? 2 : 1, size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs };
          } catch {
            throw Object.assign(new Error(`EntryNotFound (FileSystemError): ${uri.toString()}`), { code: 'FileNotFound' });
          }
        },
        createDirectory: async (uri: URI) => void mkdirSync(uri.fsPath, { recursive: true }),
        delete: async (uri: URI) => rmSync(uri.fsPath, { recursive: true, force: true }),
        readDirectory: async (uri: URI) => readdirSync(uri.fsPath, { withFileTypes: true }).map((d) => [d.name, d.isDirectory() ? 2 : 1]),
      },
    },
    languages: {
      registerCodeLensProvider: () => new Disposable(() => undefined),
      createDiagnosticCollection: (name = 'diagnostics') => {
        const c = new DiagnosticCollection(name);
        collections.push(c);
        return c;
      },
      getDiagnostics: (uri: vscode.Uri) => collections.flatMap((c) => c.get(uri)),
    },
    notebooks: {
      createNotebookController: (id: string, notebookType: string, label: string) => ({
        id,
        notebookType,
        label,
        supportedLanguages: [],
        supportsExecutionOrder: false,
        executeHandler: undefined,
        interruptHandler: undefined,
        onDidChangeSelectedNotebooks: never,
        updateNotebookAffinity: () => undefined,
        createNotebookCellExecution: () => {
          throw new Error('fake vscode: notebook execution is not modelled; test it in the extension host');
        },
        dispose: () => undefined,
      }),
    },
    env: {
      appName: 'Fake VS Code',
      appHost: 'desktop',
      language: 'en',
      machineId: 'fake-machine',
      sessionId: 'fake-session',
      uiKind: 1,
      clipboard: {
        readText: async () => clipboard,
        writeText: async (text: string) => void (clipboard = text),
      },
      openExternal: async (uri: URI) => {
        recording.openedExternal.push(uri.toString());
        return true;
      },
      asExternalUri: async (uri: URI) => uri,
    },
    extensions: { getExtension: () => undefined, all: [] },
    // English, as VS Code's l10n.t answers without a bundle: the text with its {0}… filled in.
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole)) },
  };

  const tree = async (viewId: string): Promise<TreeLine[]> => {
    const provider = trees.get(viewId);
    if (!provider) throw new Error(`fake vscode: no tree view ${viewId}`);
    const lines: TreeLine[] = [];
    const walk = async (parent: unknown, depth: number) => {
      for (const node of (await provider.getChildren(parent)) ?? []) {
        const item = await provider.getTreeItem(node);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? item.resourceUri?.path ?? '');
        const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
        const collapsible = (item.collapsibleState ?? 0) !== 0;
        lines.push({ depth, label, collapsible, ...(typeof item.description === 'string' && item.description ? { description: item.description } : {}), ...(tooltip ? { tooltip } : {}), ...(item.contextValue ? { contextValue: item.contextValue } : {}), ...(item.command ? { command: item.command.command } : {}) });
        if (collapsible) await walk(node, depth + 1);
      }
    };
    await walk(undefined, 0);
    return lines;
  };

  return {
    vscode: api as unknown as VSCode,
    recording,
    setSetting: (key, value, target) => config.write(key, value, target),
    tree,
    print: async () => {
      const all: Record<string, TreeLine[]> = {};
      for (const id of trees.keys()) all[id] = await tree(id);
      return recording.print(all);
    },
    open: async (path, selection) => {
      const doc = await documentFor(URI.file(path));
      const range = selection ? new Range(selection.from[0], selection.from[1], selection.to[0], selection.to[1]) : undefined;
      return show(doc, { selection: range });
    },
    activeEditor: () => active,
    webviews,
    diagnostics: (uri) => collections.flatMap((c) => c.get(URI.parse(uri))).map((d) => ({ line: d.range.start.line, message: d.message, severity: d.severity })),
    clipboard: () => clipboard,
    closeAll,
  };
}
