/**
 * Entry point. `activate()` builds the one object graph of the extension and returns the
 * ExtensionApi. The extension activates when the window has started (so the status bar shows
 * the backend and the Firecrawl view is ready), and stays cheap: the HTTP client loads undici
 * on the first request, sucrase on the first TypeScript run, and nothing here touches the
 * network or spawns a process unless the local engine's auto-start setting asks for it.
 *
 * State lives in one place each (backend, sessions, jobs, run history, running requests);
 * every view reads it and redraws on its change events.
 * This is the only module importing `vscode` as a value; the rest receive it.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FirecrawlClient } from './api/client';
import { MODEL_KEY_SECRET } from './commands/api-key';
import { onBackendChanged } from './commands/backend';
import { pickJob } from './commands/choose-job';
import type { CodeServices } from './commands/code-services';
import { registerCodeCommands } from './commands/code-register';
import { registerCommands } from './commands/register';
import { openSettings } from './commands/report-error';
import type { Services } from './commands/services';
import { stopSessions } from './commands/stop-session';
import type { ExtensionApi } from './extension-api';
import { Backend, ENV_URL } from './host/backend';
import { Disposable, toDisposable } from './host/disposable';
import { loadCodeRuns } from './host/code-runs-lazy';
import { Log } from './host/log';
import { Settings } from './host/settings';
import type { VSCode } from './host/vscode-types';
import { CONTEXT, LOG_NAME, OUTPUT_NAME, VIEW } from './ids';
import { LocalEngineController } from './local-engine/controller';
import { Executor } from './run/executor';
import { RunHistory } from './run/history';
import { screenshotKind } from './run/screenshot';
import { Requests } from './run/requests';
import { SessionWatch } from './run/session-watch';
import { JobHistory, type JobState } from './sessions/job-history';
import { SessionStore, type EndReason } from './sessions/session-store';
import { CellLenses } from './ui/cell-lenses';
import { ContextKeys } from './ui/context-keys';
import { LiveViewPanels } from './ui/liveview-panel';
import { MarkdownLenses } from './ui/markdown-lenses';
import { NotebookRunner } from './ui/notebook-controller';
import { FcnbSerializer } from './ui/notebook-serializer';
import { Notifier } from './ui/notifier';
import { ResultDocuments } from './ui/result-documents';
import { ResultOutput } from './ui/result-output';
import { RunDiagnostics } from './ui/run-diagnostics';
import { RunPresenter } from './ui/run-presenter';
import { ActivityIndicator, BackendItem, SessionStatus, StatusItems } from './ui/status-bar';
import { RunsView } from './ui/views/runs-view';
import { snapshotTree } from './ui/views/tree-snapshot';
import { WorkbenchView } from './ui/views/workbench-view';

export { LOG_NAME, OUTPUT_NAME };

/** A job's state after its session ended, by what its server said. */
const STATE_AFTER: Record<EndReason, JobState | undefined> = { stopped: 'stopped', expired: 'expired', gone: 'gone', 'not-found': undefined, 'server-stopped': 'stopped' };
/** How long closing the window waits for the stops of its sessions. */
const CLOSE_STOP_MS = 4_000;

class FirecrawlInteract extends Disposable {
  readonly api: ExtensionApi;
  private readonly engine: LocalEngineController;
  private readonly svc: Services;

  constructor(vscode: VSCode, context: vscode.ExtensionContext) {
    super();
    const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
    const origin = `vscode-firecrawl-interact@${version}`;
    const extensionId = context.extension.id;

    const log = new Log(this._register(vscode.window.createOutputChannel(LOG_NAME, { log: true })));
    const output = new ResultOutput(this._register(vscode.window.createOutputChannel(OUTPUT_NAME)));
    const notifier = new Notifier(vscode, log.for('ui'));
    const settings = new Settings(vscode);
    const sessions = new SessionStore();
    const jobs = new JobHistory(context.workspaceState);
    const backend = new Backend(settings, context.secrets, log, notifier, () => openSettings({ vscode, extensionId }));
    const client = new FirecrawlClient();
    this._register(toDisposable(() => void client.dispose()));
    const requests = new Requests({
      client,
      server: () => backend.server(),
      clientOptions: () => ({ origin, timeoutMarginSec: settings.read().requestTimeoutMargin }),
      progress: notifier,
    });
    const history = new RunHistory(context.workspaceState, () => settings.read().historyLimit, { maskCode: (c) => log.maskExact(c), maskText: (t) => log.mask(t) });
    const results = new ResultDocuments(vscode, history);
    for (const d of results.register()) this._register(d);

    this.engine = new LocalEngineController({
      vscode,
      enginePath: join(context.extensionPath, 'dist', 'engine.js'),
      dataDir: join(context.globalStorageUri.fsPath, 'engine-data'),
      env: async () => {
        const s = settings.read();
        const key = (await context.secrets.get(MODEL_KEY_SECRET)) ?? undefined;
        return { INTERACT_LLM_URL: s.modelUrl, INTERACT_LLM_MODEL: s.modelName, INTERACT_LLM_KEY: key };
      },
      settings,
      backend,
      log: log.for('local-engine'),
      engineLog: log.for('engine'),
      notifier,
      onGone: (url) => {
        for (const s of sessions.onServer(url)) sessions.end(url, s.jobId, 'server-stopped');
      },
    });
    const liveView = this._register(new LiveViewPanels(vscode, context.extensionUri, sessions, jobs, log.for('live-view')));

    // pickJob reads `svc` only when a run asks for a job, after `svc` exists.
    const executor = new Executor({
      requests,
      sessions,
      jobs,
      server: () => backend.server(),
      pickJob: (server) => pickJob(svc, server, `No job is chosen on ${server.label} yet: choose the scrape job to run in`),
      timeout: () => settings.read().defaultTimeout,
      reject: (message) => notifier.error(message),
      listenerFailed: (err) => log.for('run').error(`showing a run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    });
    const presenter = new RunPresenter({ output, notifier, history, results, settings, log, extensionId, engineRunning: () => this.engine.snapshot().running });
    this._register(executor.onDidStart((r) => presenter.started(r)));
    this._register(executor.onDidFinish((r, o) => presenter.finished(r, o)));
    // After the presenter: its lines follow the run's report in the output.
    const diagnostics = this._register(new RunDiagnostics(vscode, executor, output));

    const svc: Services = {
      vscode,
      extensionId,
      settings,
      backend,
      requests,
      executor,
      diagnostics,
      sessions,
      jobs,
      history,
      output,
      log,
      notifier,
      liveView,
      engine: this.engine,
      results,
      globalState: context.globalState,
      secrets: context.secrets,
      refreshSessions: async () => {
        for (const url of new Set(sessions.list().map((s) => s.server.apiUrl))) await watch.reconcile(url, Number.POSITIVE_INFINITY);
      },
    };
    this.svc = svc;


    // Views and status bar read the state above and redraw on its events.
    const items = this._register(new StatusItems(vscode));
    const backendItem = new BackendItem(items);
    const activity = new ActivityIndicator(items);
    const sessionStatus = new SessionStatus(items, settings);
    const workbench = new WorkbenchView(vscode, { backend: () => backend.snapshot(), engine: () => this.engine.snapshot(), sessions, jobs, rates: () => settings.read().rates });
    const runs = new RunsView(vscode, history, (id) => results.has(id));
    this._register(workbench);
    this._register(runs);
    this._register(vscode.window.createTreeView(VIEW.workbench, { treeDataProvider: workbench, showCollapseAll: false }));
    this._register(vscode.window.createTreeView(VIEW.runs, { treeDataProvider: runs }));
    const keys = new ContextKeys(vscode);

    const watch = this._register(
      new SessionWatch({
        sessions,
        requests,
        rates: () => settings.read().rates,
        budget: () => settings.read().sessionCreditBudget,
        tick: (states) => {
          sessionStatus.update(states);
          workbench.tick();
        },
        expired: (s) => output.appendLine(`■ The session of job ${s.jobId} on ${s.server.label} has ended on the server (it expired: 10 minutes at most, 5 without activity); it is billed to its end.`),
        budgetWarning: (s, credits, budget) => {
          output.appendLine(`⚠ The session of job ${s.jobId} has used an estimated ${credits} of its ${budget}-credit budget (firecrawlInteract.sessionCreditBudget); it is stopped at ${budget}.`);
          notifier.warn(`The session of job ${s.jobId.slice(0, 8)} is at ~${credits} of its ${budget}-credit budget; it will be stopped at ${budget}.`);
        },
        budgetStop: async (s, credits, budget) => {
          output.appendLine(`■ Stopping the session of job ${s.jobId}: its estimated ${credits} credits reached the budget of ${budget} (firecrawlInteract.sessionCreditBudget).`);
          await stopSessions(svc, [s]);
        },
      }),
    );

    const redraw = () => {
      const b = backend.snapshot();
      const current = jobs.current(b.apiUrl);
      const pending = jobs.pendingFor(b.apiUrl);
      backendItem.update(b, current, pending);
      keys.set(CONTEXT.backendKind, b.kind);
      keys.set(CONTEXT.engineRunning, this.engine.snapshot().running);
      keys.set(CONTEXT.hasJob, current !== undefined || pending !== undefined);
      keys.set(CONTEXT.hasSessions, sessions.list().length > 0);
      keys.set(CONTEXT.hasRuns, history.list().length > 0);
      keys.set(CONTEXT.hasFullResult, results.latest() !== undefined);
      workbench.refresh();
    };
    this._register(backend.onDidChange((before, after) => {
      onBackendChanged(svc, before, after);
      redraw();
    }));
    this._register(settings.onDidChange(() => backend.check()));
    this._register(this.engine.onDidChange(() => redraw()));
    this._register(jobs.onDidChange(redraw));
    this._register(sessions.onDidChange(() => {
      for (const s of sessions.list()) for (const url of [s.cdpUrl, s.liveViewUrl, s.interactiveLiveViewUrl]) log.addSecret(url);
      redraw();
    }));
    this._register(sessions.onDidEnd(({ state, reason }) => {
      const next = STATE_AFTER[reason];
      if (next) void jobs.setState(state.server.apiUrl, state.jobId, next);
    }));
    this._register(history.onDidChange(() => {
      runs.refresh();
      redraw();
    }));
    this._register(requests.onDidChange(() => {
      activity.update(requests.list());
      keys.set(CONTEXT.running, requests.list().length > 0);
    }));
    for (const d of registerCommands(svc)) this._register(d);
    this.startCodeRuns(vscode, svc, join(context.globalStorageUri.fsPath, 'screenshots'));

    this.adoptJobFromEnvironment(jobs, backend);
    redraw();
    watch.update();

    if (settings.read().localEngineAutoStart) {
      // The first request waits for the engine (Backend.waitFor), so it goes to the engine.
      void this.engine.start();
    }
    const b = backend.snapshot();
    log.for('activate').info(`Firecrawl Interact ${version} activated (backend ${b.label}, ${b.apiUrl}, from ${b.source}${settings.read().localEngineAutoStart ? '; starting the local engine' : ''})`);

    this.api = {
      version,
      sessions,
      outputText: () => output.text(),
      logText: () => log.text(),
      statusBar: () => items.snapshot(),
      liveView: () => liveView.snapshot(),
      liveViewMessage: (message) => liveView.receive(message),
      notifications: () => notifier.list(),
      localEngine: () => this.engine.snapshot(),
      effectiveApiUrl: () => backend.apiUrl(),
      backend: () => backend.snapshot(),
      hasStoredApiKey: async () => (await backend.storedKey()) !== undefined,
      currentJob: () => jobs.current(backend.snapshot().apiUrl)?.jobId,
      pendingJob: () => jobs.pendingFor(backend.snapshot().apiUrl)?.jobId,
      jobs: () => jobs.list(),
      runs: () => history.list(),
      views: async () => ({ workbench: await snapshotTree(workbench), runs: await snapshotTree(runs) }),
    };
  }

  /**
   * Runs that know the code: `%%` cell and Markdown lenses, errors on their lines, the `.fcnb`
   * notebook and screenshots, all on the executor. Only registration happens here; the rest
   * (dist/code-runs.js) loads on first use.
   */
  private startCodeRuns(vscode: VSCode, svc: Services, screenshotDir: string): void {
    this._register(
      svc.executor.onDidFinish((r, opts) => {
        // Quiet runs (notebook cells, the Screenshot command) show their pictures themselves.
        if (!opts.quiet && screenshotKind(r.response?.result)) void loadCodeRuns().presentScreenshot(svc.output, screenshotDir, r);
      }),
    );
    this._register(new CellLenses(vscode));
    this._register(new MarkdownLenses(vscode));
    this._register(new FcnbSerializer(vscode).register());
    const notebooks = this._register(
      new NotebookRunner(vscode, {
        runs: svc.executor,
        notifier: svc.notifier,
        currentJob: () => svc.jobs.target(svc.backend.snapshot().apiUrl)?.jobId,
        knownJob: (jobId) => svc.jobs.list().find((j) => j.jobId === jobId),
      }),
    );
    const code: CodeServices = { ...svc, screenshotDir };
    for (const d of registerCodeCommands(code, notebooks)) this._register(d);
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

  /**
   * Closing the window: the sessions it started are stopped (unless the setting says not to),
   * on their own servers, waiting a few seconds at most; then the local engine stops.
   */
  async shutdown(): Promise<void> {
    const open = this.svc.sessions.list().filter((s) => !s.server.free);
    if (this.svc.settings.read().stopSessionsOnClose && open.length > 0) {
      this.svc.log.for('close').info(`stopping ${open.length} session(s) as the window closes`);
      await Promise.race([stopSessions(this.svc, open).catch(() => undefined), new Promise((r) => setTimeout(r, CLOSE_STOP_MS))]);
    }
    await this.engine.dispose();
    this.dispose();
  }
}

let instance: FirecrawlInteract | undefined;

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  instance = new FirecrawlInteract(vscode, context);
  return instance.api;
}

export async function deactivate(): Promise<void> {
  const current = instance;
  instance = undefined;
  await current?.shutdown();
}
