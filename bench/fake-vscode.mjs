// A stand-in for the `vscode` module, enough for activate() to run in plain Node: every API the
// extension may touch exists and does nothing. Settings and mementos answer their defaults
// (so the local engine's auto-start stays off); anything not spelled out here is a callable
// stub returning another stub, so new activation code keeps running without edits here.
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

function stub() {
  const props = new Map();
  return new Proxy(function () {}, {
    get(_target, prop) {
      if (prop === 'then') return undefined; // not a thenable: `await stub` must not hang
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === 'dispose') return () => undefined;
      if (!props.has(prop)) props.set(prop, stub());
      return props.get(prop);
    },
    set(_target, prop, value) {
      props.set(prop, value);
      return true;
    },
    apply() {
      return stub();
    },
    construct() {
      return stub();
    },
  });
}

class Uri {
  constructor(fsPath) {
    this.fsPath = fsPath;
    this.path = fsPath;
    this.scheme = 'file';
  }
  static file(p) {
    return new Uri(p);
  }
  static parse(s) {
    return new Uri(s);
  }
  static joinPath(base, ...parts) {
    return new Uri(path.join(base.fsPath, ...parts));
  }
  with() {
    return this;
  }
  toString() {
    return `file://${this.fsPath}`;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    };
  }
  fire(e) {
    for (const l of this.listeners) l(e);
  }
  dispose() {
    this.listeners.clear();
  }
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...ds) {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose() {
    this.fn?.();
  }
}

const memento = () => {
  const data = new Map();
  return { get: (k, d) => (data.has(k) ? data.get(k) : d), update: async (k, v) => void data.set(k, v), keys: () => [...data.keys()], setKeysForSync: () => undefined };
};

// The bundle copies the module's own properties at require time (esbuild's __toESM), so every
// export the extension may use must exist up front: namespaces, then classes and enums.
const NAMESPACES = ['window', 'workspace', 'commands', 'env', 'languages', 'extensions', 'debug', 'tasks', 'notebooks', 'tests', 'l10n', 'authentication', 'scm', 'comments', 'chat', 'lm'];
const OTHER_EXPORTS = ['TreeItem', 'TreeItemCollapsibleState', 'ThemeIcon', 'ThemeColor', 'MarkdownString', 'Range', 'Position', 'Selection', 'Location', 'CodeLens', 'CancellationTokenSource', 'CancellationError', 'RelativePattern', 'NotebookCellData', 'NotebookCellKind', 'NotebookCellOutput', 'NotebookCellOutputItem', 'NotebookData', 'NotebookEdit', 'WorkspaceEdit', 'TextEdit', 'DataTransferItem', 'FileType', 'QuickPickItemKind', 'TabInputText', 'LogLevel', 'ExtensionMode', 'DiagnosticSeverity', 'Diagnostic', 'StatusBarItem'];

function makeVscode(settings) {
  const vscode = {};
  for (const name of [...NAMESPACES, ...OTHER_EXPORTS]) vscode[name] = stub();
  Object.assign(vscode, {
    Uri,
    EventEmitter,
    Disposable,
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    UIKind: { Desktop: 1, Web: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  });
  vscode.workspace.getConfiguration = () => ({ get: (k, d) => settings[k] ?? d, has: (k) => k in settings, inspect: () => undefined, update: async () => undefined });
  // Commands run when executed (so a bench can drive the extension through them); progress
  // runs its task; there is no editor or document until a bench sets window.activeTextEditor.
  const commands = new Map();
  vscode.commands.registerCommand = (id, fn) => {
    commands.set(id, fn);
    return { dispose: () => commands.delete(id) };
  };
  vscode.commands.executeCommand = async (id, ...args) => commands.get(id)?.(...args);
  vscode.window.withProgress = (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
  vscode.window.activeTextEditor = undefined;
  // A window that has just started with no document open (lists are arrays in VS Code, not stubs).
  vscode.workspace.notebookDocuments = [];
  vscode.workspace.textDocuments = [];
  vscode.window.visibleTextEditors = [];
  return vscode;
}

export function makeContext(extensionPath) {
  const storage = path.join(tmpdir(), 'bench-fake-vscode-storage');
  return {
    subscriptions: [],
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    globalStorageUri: Uri.file(storage),
    storageUri: Uri.file(storage),
    logUri: Uri.file(storage),
    globalState: memento(),
    workspaceState: memento(),
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
    environmentVariableCollection: stub(),
    extension: { id: 'firecrawl-interact.firecrawl-interact', packageJSON: { version: '0.0.0-bench' }, extensionPath },
    extensionMode: 1,
    asAbsolutePath: (p) => path.join(extensionPath, p),
  };
}

/** Makes `require('vscode')` answer the fake from here on. */
export function installFakeVscode(settings = {}) {
  const vscode = makeVscode(settings);
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, ...rest);
  };
  return vscode;
}
