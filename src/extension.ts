/**
 * Entry point. The extension activates when the window has started, so the status bar shows
 * the backend and the Firecrawl view its welcome or its rows, and activation stays cheap:
 * `activate()` makes only the state visible at startup (backend, jobs, run history, log),
 * the backend status bar item, the context keys, the CodeLens providers
 * and the notebook serializer, and registers every command, both views, the live-view
 * serializer and the result documents with stubs. What is behind them (the HTTP client, the
 * run path, the commands, the views' rows, the local engine) is src/features.ts, a bundle of
 * its own (dist/features.js) built on first use and handed the state made here. Nothing here
 * touches the network or spawns a process unless the local engine's auto-start setting asks.
 *
 * State lives in one place each; every view reads it and redraws on its change events.
 * This is the only module importing `vscode` as a value; the rest receive it.
 */
import { join } from 'node:path';
// A plain require: a namespace import is compiled to a copy of every member of the API object.
import vscode = require('vscode');
import { loadBeside } from './host/load-beside';
import type { ExtensionApi } from './extension-api';
import type { Features } from './features';
import { Backend, ENV_URL } from './host/backend';
import { Disposable } from './host/disposable';
import { translator, useTranslator } from './shared/l10n';
import { vscodeTranslator } from './host/vscode-translator';
import { Log } from './host/log';
import { createSettings } from './host/settings';
import type { VSCode } from './host/vscode-types';
import { CMD, CONTEXT, LIVE_VIEW_TYPE, LOG_NAME, NOTEBOOK_TYPE, OUTPUT_NAME, SCHEME, VIEW } from './ids';
import { RunHistory } from './run/history';
import { JobHistory } from './sessions/job-history';
import { TEST_CAPABILITIES_ENV } from './sessions/session-snapshot';
import { CellLenses } from './ui/cell-lenses';
import { ContextKeys } from './ui/context-keys';
import { MarkdownLenses } from './ui/markdown-lenses';
import { RUNS_SOMETHING } from './ui/restricted-mode';
import { FcnbSerializer } from './ui/notebook-serializer';
import { BackendItem, StatusItems } from './ui/status-bar';
import { LazyTree } from './ui/views/lazy-tree';

export { LOG_NAME, OUTPUT_NAME };

type FeaturesModule = typeof import('./features');
type CodeRunsModule = typeof import('./code-runs');

/** How long closing the window waits for the stops of its sessions. */
const CLOSE_STOP_MS = 4_000;

class FirecrawlInteract extends Disposable {
  readonly api: ExtensionApi;
  private features: Features | undefined;
  private readonly load: () => Features;

  constructor(vscode: VSCode, context: vscode.ExtensionContext) {
    super();
    const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
    const extensionId = context.extension.id;

    const log = new Log(this._register(vscode.window.createOutputChannel(LOG_NAME, { log: true })));
    const settings = createSettings(vscode);
    const jobs = new JobHistory(context.workspaceState);
    // The backend warns only while a request resolves its server: the features exist by then.
    const warner = { warn: (message: string, ...actions: { label: string; run(): unknown }[]) => this.load().notifier.warn(message, ...actions) };
    const backend = new Backend(settings, context.secrets, log, warner, () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`));
    const history = new RunHistory(context.workspaceState, () => settings.historyLimit.get(), { maskCode: (c) => log.maskExact(c), maskText: (t) => log.mask(t) });
    const items = this._register(new StatusItems(vscode));
    const backendItem = new BackendItem(items);
    const keys = new ContextKeys(vscode);
    // Cells, Markdown blocks, notebooks and screenshots beyond their registration (dist/code-runs.js), on first use.
    let codeRuns: CodeRunsModule | undefined;
    const loadCodeRuns = (): CodeRunsModule => {
      if (!codeRuns) {
        codeRuns = loadBeside<CodeRunsModule>('code-runs', join(__dirname, 'code-runs'));
        // A bundle of its own: its texts need the translator too.
        codeRuns.useTranslator(translator());
      }
      return codeRuns;
    };

    this.load = () => {
      if (!this.features) {
        const mod = loadBeside<FeaturesModule>('features', join(__dirname, 'features'));
        const core = { vscode, extensionId, origin: `vscode-firecrawl-interact@${version}`, extensionPath: context.extensionPath, extensionUri: context.extensionUri, globalStoragePath: context.globalStorageUri.fsPath, globalState: context.globalState, secrets: context.secrets, log, settings, backend, jobs, history, items, keys, codeRuns: loadCodeRuns, redraw };
        this.features = this._register(mod.startFeatures(core));
        redraw();
      }
      return this.features;
    };

    // The views: empty (welcome content) needs nothing built; rows are the features' views.
    // Unbuilt, the Workbench has no session and no engine: only jobs would fill it.
    const workbench = this._register(new LazyTree(() => !jobs.hasJobs(backend.snapshot().apiUrl), () => this.load().workbench));
    const runs = this._register(new LazyTree(() => history.list().length === 0, () => this.load().runs));
    this._register(vscode.window.createTreeView(VIEW.workbench, { treeDataProvider: workbench, showCollapseAll: false }));
    this._register(vscode.window.createTreeView(VIEW.runs, { treeDataProvider: runs }));

    const redraw = () => {
      const b = backend.snapshot();
      const current = jobs.current(b.apiUrl);
      const pending = jobs.pendingFor(b.apiUrl);
      backendItem.update(b, current, pending);
      keys.set(CONTEXT.backendKind, b.kind);
      keys.set(CONTEXT.engineRunning, this.features?.engine.snapshot().running ?? false);
      keys.set(CONTEXT.hasJob, current !== undefined || pending !== undefined);
      keys.set(CONTEXT.hasSessions, (this.features?.sessions.list().length ?? 0) > 0);
      keys.set(CONTEXT.hasRuns, history.list().length > 0);
      keys.set(CONTEXT.hasFullResult, this.features?.results.latest() !== undefined);
      workbench.refresh();
    };
    this._register(backend.onDidChange((before, after) => {
      this.load().backendChanged(before, after);
      redraw();
    }));
    this._register(settings.onDidChange(() => backend.check()));
    this._register(jobs.onDidChange(redraw));
    this._register(history.onDidChange(() => {
      runs.refresh();
      redraw();
    }));

    // Every command, and what VS Code may restore at startup, reaches the features through a stub.
    // In Restricted Mode what would run something only says why (src/ui/restricted-mode.ts).
    for (const id of Object.values(CMD)) {
      this._register(vscode.commands.registerCommand(id, (arg: unknown) => (!vscode.workspace.isTrusted && RUNS_SOMETHING.has(id) ? this.load().restricted() : this.load().command(id, arg))));
    }
    this._register(vscode.window.registerWebviewPanelSerializer(LIVE_VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => this.load().liveView.restore(panel, state) }));
    for (const scheme of Object.values(SCHEME)) this._register(vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: (uri) => this.load().results.provideTextDocumentContent(uri) }));
    // Cells and Markdown blocks get their lenses as files open; a Firecrawl notebook needs its controller.
    this._register(new CellLenses(vscode, loadCodeRuns, settings.codeLensCells));
    this._register(new MarkdownLenses(vscode, loadCodeRuns, settings.codeLensMarkdown));
    this._register(new FcnbSerializer(vscode, loadCodeRuns, log.for('notebook')).register());
    const isFcnb = (nb: vscode.NotebookDocument) => nb.notebookType === NOTEBOOK_TYPE;
    if (vscode.workspace.notebookDocuments.some(isFcnb)) this.load();
    this._register(vscode.workspace.onDidOpenNotebookDocument((nb) => void (isFcnb(nb) && this.load())));

    this.adoptJobFromEnvironment(jobs, backend);
    redraw();

    const autoStart = settings.localEngineAutoStart.get() && vscode.workspace.isTrusted;
    // The first request waits for the engine (Backend.waitFor), so it goes to the engine.
    if (autoStart) void this.load().engine.start();
    const b = backend.snapshot();
    log.for('activate').info(`Firecrawl Interact ${version} activated (backend ${b.label}, ${b.apiUrl}, from ${b.source}${autoStart ? '; starting the local engine' : ''})`);

    // Capability URLs reach the API only in a development or test run whose harness asks for them.
    const capabilities = context.extensionMode !== vscode.ExtensionMode.Production && process.env[TEST_CAPABILITIES_ENV] === '1';
    const features = () => this.load();
    this.api = {
      version,
      // Sessions exist only once a command ran: reading them builds the features.
      sessions: {
        list: () => features().sessionSnapshots(capabilities),
        get: (jobId, apiUrl) => features().sessionSnapshot(jobId, apiUrl, capabilities),
      },
      // Before the features are built nothing has been written or shown, no panel is open, no engine runs.
      outputText: () => this.features?.output.text() ?? '',
      logText: () => log.text(),
      statusBar: () => items.snapshot(),
      liveView: () => this.features?.liveViewSnapshot(capabilities),
      liveViewMessage: async (message) => this.features?.liveView.receive(message),
      notifications: () => this.features?.notifier.list() ?? [],
      localEngine: () => this.features?.engine.snapshot() ?? { running: false },
      effectiveApiUrl: () => backend.apiUrl(),
      backend: () => backend.snapshot(),
      hasStoredApiKey: async () => (await backend.storedKey()) !== undefined,
      currentJob: () => jobs.current(backend.snapshot().apiUrl)?.jobId,
      pendingJob: () => jobs.pendingFor(backend.snapshot().apiUrl)?.jobId,
      jobs: () => jobs.list(),
      runs: () => history.list(),
      views: () => this.load().views(),
    };
  }

  /**
   * A job handed over by the environment (FIRECRAWL_SCRAPE_ID with FIRECRAWL_API_URL: a scrape
   * the launcher already ran on that server, as the demo does) becomes the current job there.
   */
  private adoptJobFromEnvironment(jobs: JobHistory, backend: Backend): void {
    const jobId = process.env.FIRECRAWL_SCRAPE_ID?.trim().toLowerCase();
    const apiUrl = process.env[ENV_URL]?.trim().replace(/\/+$/, '');
    if (!jobId || !apiUrl || jobs.list(apiUrl).some((j) => j.jobId === jobId)) return;
    void jobs.confirm({ jobId, apiUrl, serverLabel: backend.snapshot().apiUrl === apiUrl ? backend.snapshot().label : apiUrl, url: process.env.FIRECRAWL_SCRAPE_URL?.trim() || undefined, createdAt: Date.now(), state: 'ready' });
  }

  /** Closing the window: the features stop this window's sessions and the local engine. */
  async shutdown(): Promise<void> {
    await this.features?.shutdown(CLOSE_STOP_MS);
    this.dispose();
  }
}

let instance: FirecrawlInteract | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  useTranslator(vscodeTranslator(vscode));
  instance = new FirecrawlInteract(vscode, context);
  return instance.api;
}

export async function deactivate(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.shutdown();
}
