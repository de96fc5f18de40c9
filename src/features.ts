/**
 * Everything behind the commands, the views' rows and the run path: built on the first use of
 * any of them (a command, a view with something to show, a restored live view or result
 * document, a Firecrawl notebook, a backend change, the engine's auto-start), not at
 * activation. Bundled on its own into dist/features.js; src/extension.ts keeps only what is
 * visible at startup (status bar backend item, views' welcome, context keys, lenses) and the
 * state those read, and hands that state over here.
 */
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { FirecrawlClient } from './api/client';
import type { LiveViewSnapshot } from './extension-api';
import { onBackendChanged } from './commands/backend';
import { pickJob } from './commands/choose-job';
import { codeCommandHandlers, type CodeCommands } from './wiring/code-command-table';
import { commandHandlers, type Handler } from './wiring/command-table';
import { reportError } from './ui/report-error';
import type { Services } from './wiring/services';
import { stopSessions } from './commands/stop-session';
import type { Backend, BackendSnapshot } from './host/backend';
import { Disposable, toDisposable } from './host/disposable';
import { vscodeTranslator } from './host/vscode-translator';
import { useTranslator } from './shared/l10n';
import { cdpRoute, RecorderHelper } from './host/recorder-helper';
import { TraceFiles } from './host/trace-files';
import { sessionEnded as recordingSessionEnded } from './commands/record-trace';
import type { Log } from './host/log';
import type { Settings } from './host/settings';
import type { VSCode } from './host/vscode-types';
import { type CommandId, CONTEXT, OUTPUT_NAME, SECRET } from './ids';
import { LocalEngineController } from './local-engine/controller';
import { readProxySettings } from './host/proxy-settings';
import { Executor } from './run/executor';
import type { RunHistory } from './run/history';
import { Requests } from './run/requests';
import { screenshotKind } from './run/screenshot';
import { SessionWatch } from './run/session-watch';
import type { JobHistory } from './sessions/job-history';
import { jobStateAfter } from './sessions/job-state';
import { hideFrameSrc, snapshotSession, type SessionSnapshot } from './sessions/session-snapshot';
import { capabilityUrls, SessionStore } from './sessions/session-store';
import { CodeTargets } from './ui/code-target';
import type { CodeRunsView } from './ui/code-runs-view';
import type { ContextKeys } from './ui/context-keys';
import { LiveViewPanels } from './ui/liveview-panel';
import { NotebookRunner } from './ui/notebook-controller';
import { Notifier } from './ui/notifier';
import { ResultDocuments } from './ui/result-documents';
import { ResultOutput } from './ui/result-output';
import { TracePanel } from './ui/trace-panel';
import { RunDiagnostics } from './ui/run-diagnostics';
import { MANAGE_TRUST_COMMAND, manageTrustLabel, restrictedMessage } from './ui/restricted-mode';
import { RunPresenter } from './ui/run-presenter';
import { budgetStopLine, budgetWarningLine, budgetWarningNotice, expiredLine } from './ui/session-notices';
import type { presentScreenshot } from './ui/screenshot-presenter';
import { ActivityIndicator, SessionStatus, type StatusItems } from './ui/status-bar';
import { RunsView } from './ui/views/runs-view';
import { snapshotTree, type TreeSnapshot } from './ui/views/tree-snapshot';
import { WorkbenchView } from './ui/views/workbench-view';

/** The code-runs bundle (dist/code-runs.js) as the features use it. */
type CodeRuns = CodeRunsView & CodeCommands & { presentScreenshot: typeof presentScreenshot };

/** What activation made and hands over: the state visible at startup. */
export interface Core {
  vscode: VSCode;
  extensionId: string;
  /** `vscode-firecrawl-interact@<version>`, sent as the requests' origin. */
  origin: string;
  extensionPath: string;
  extensionUri: vscode.Uri;
  globalStoragePath: string;
  globalState: vscode.Memento;
  secrets: vscode.SecretStorage;
  log: Log;
  settings: Settings;
  backend: Backend;
  jobs: JobHistory;
  history: RunHistory;
  items: StatusItems;
  keys: ContextKeys;
  /** Loads the code-runs bundle on its first call. */
  codeRuns: () => CodeRuns;
  /** Redraws the status bar, context keys and the Workbench view from the state. */
  redraw(): void;
}

export class Features extends Disposable {
  readonly notifier: Notifier;
  readonly sessions = new SessionStore();
  readonly output: ResultOutput;
  readonly results: ResultDocuments;
  readonly liveView: LiveViewPanels;
  readonly engine: LocalEngineController;
  readonly workbench: WorkbenchView;
  readonly runs: RunsView;
  private readonly svc: Services;
  private readonly handlers: Record<CommandId, Handler>;

  constructor(core: Core) {
    super();
    const { vscode, settings, backend, jobs, history, log } = core;
    const sessions = this.sessions;
    const notifier = (this.notifier = new Notifier(vscode, log.for('ui')));
    const output = (this.output = new ResultOutput(this._register(vscode.window.createOutputChannel(OUTPUT_NAME))));
    const client = new FirecrawlClient();
    this._register(toDisposable(() => void client.dispose()));
    const requests = new Requests({
      client,
      server: () => backend.server(),
      clientOptions: () => ({ origin: core.origin, timeoutMarginSec: settings.requestTimeoutMargin.get(), proxy: readProxySettings(vscode) }),
      progress: notifier,
    });
    const results = (this.results = new ResultDocuments(vscode, history));
    const engine = (this.engine = new LocalEngineController({
      vscode,
      enginePath: join(core.extensionPath, 'dist', 'engine.js'),
      dataDir: join(core.globalStoragePath, 'engine-data'),
      pythonVenvDir: join(core.globalStoragePath, 'python'),
      memento: core.globalState,
      env: async () => {
        const s = settings.read();
        const key = (await core.secrets.get(SECRET.modelKey)) ?? undefined;
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
    }));
    const liveView = (this.liveView = this._register(new LiveViewPanels(vscode, core.extensionUri, sessions, jobs, log.for('live-view'))));
    const recorderLog = log.for('recorder');
    const recorder = new RecorderHelper({
      helperPath: join(core.extensionPath, 'dist', 'recorder.js'),
      onOutput: (line) => recorderLog.info(line),
      route: (cdpUrl) => cdpRoute(cdpUrl, readProxySettings(vscode), process.env),
    });
    this._register(toDisposable(() => recorder.dispose()));
    // The helper may stop serving the viewer once its panel is closed.
    const tracePanel = this._register(new TracePanel(vscode, () => void recorder.call({ type: 'viewer-closed' })));
    const codeTargets = this._register(new CodeTargets(vscode));

    // pickJob reads `svc` only when a run asks for a job, after `svc` exists.
    const executor = new Executor({
      requests,
      sessions,
      jobs,
      server: () => backend.server(),
      pickJob: (server) => pickJob(svc, server, `No job is chosen on ${server.label} yet: choose the scrape job to run in`),
      timeout: () => settings.defaultTimeout.get(),
      allowedDomains: () => settings.allowedDomains.get(),
      reject: (message) => notifier.error(message),
      listenerFailed: (err) => log.for('run').error(`showing a run failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    });
    const presenter = new RunPresenter({ output, notifier, history, results, settings, log, extensionId: core.extensionId, engineRunning: () => engine.snapshot().running, engineUrl: () => engine.snapshot().url, nextJob: (apiUrl) => jobs.target(apiUrl) });
    this._register(executor.onDidStart((r) => presenter.started(r)));
    this._register(executor.onDidFinish((r, o) => presenter.finished(r, o)));
    // After the presenter: its lines follow the run's report in the output.
    const diagnostics = this._register(new RunDiagnostics(vscode, executor, output, core.codeRuns));

    const svc: Services = {
      vscode,
      extensionId: core.extensionId,
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
      engine,
      results,
      recorder,
      tracePanel,
      traceFiles: new TraceFiles(join(core.globalStoragePath, 'traces')),
      codeTargets,
      globalState: core.globalState,
      secrets: core.secrets,
      refreshSessions: async () => {
        for (const url of new Set(sessions.list().map((s) => s.server.apiUrl))) await watch.reconcile(url, Number.POSITIVE_INFINITY);
      },
    };
    this.svc = svc;

    const activity = new ActivityIndicator(core.items);
    const sessionStatus = new SessionStatus(core.items, settings);
    this.workbench = this._register(new WorkbenchView(vscode, { backend: () => backend.snapshot(), engine: () => engine.snapshot(), sessions, jobs, rates: () => settings.rates() }));
    this.runs = this._register(new RunsView(vscode, history, (id) => results.has(id)));
    const watch = this._register(
      new SessionWatch({
        sessions,
        requests,
        rates: () => settings.rates(),
        budget: () => settings.sessionCreditBudget.get(),
        tick: (states) => {
          sessionStatus.update(states);
          this.workbench.tick();
        },
        expired: (s) => output.appendLine(expiredLine(s)),
        budgetWarning: (s, credits, budget) => {
          output.appendLine(budgetWarningLine(s, credits, budget));
          notifier.warn(budgetWarningNotice(s, credits, budget));
        },
        budgetStop: async (s, credits, budget) => {
          output.appendLine(budgetStopLine(s, credits, budget));
          await stopSessions(svc, [s]);
        },
      }),
    );
    this._register(engine.onDidChange(() => core.redraw()));
    this._register(sessions.onDidChange(() => {
      for (const s of sessions.list()) for (const url of capabilityUrls(s)) log.addSecret(url);
      core.redraw();
    }));
    this._register(sessions.onDidEnd(({ state, reason }) => {
      // The helper lets go of an ended session's browser (it is not started for this).
      if (state.cdpUrl && recorder.running) void recorder.call({ type: 'close', cdpUrl: state.cdpUrl });
      recordingSessionEnded(svc, state);
      const next = jobStateAfter(reason);
      if (next) void jobs.setState(state.server.apiUrl, state.jobId, next);
    }));
    this._register(requests.onDidChange(() => {
      activity.update(requests.list());
      core.keys.set(CONTEXT.running, requests.list().length > 0);
    }));

    const notebooks = this.startCodeRuns(vscode, svc, join(core.globalStoragePath, 'screenshots'), core.codeRuns);
    this.handlers = { ...commandHandlers(svc), ...codeCommandHandlers({ ...svc, screenshotDir: join(core.globalStoragePath, 'screenshots') }, notebooks, core.codeRuns) };
    watch.update();
  }

  /**
   * Runs a command. An unexpected throw becomes a readable notification (and a log entry)
   * instead of VS Code's generic error.
   */
  async command(id: CommandId, arg: unknown): Promise<unknown> {
    try {
      return await this.handlers[id](arg);
    } catch (err) {
      reportError(this.svc, err, { what: id.replace('firecrawlInteract.', '') });
      return undefined;
    }
  }

  /** A command that would run something, in Restricted Mode: says why, and offers Workspace Trust. */
  restricted(): void {
    this.notifier.warn(restrictedMessage(), { label: manageTrustLabel(), run: () => this.svc.vscode.commands.executeCommand(MANAGE_TRUST_COMMAND) });
  }

  /** The API's copies of the sessions; capability URLs only in the extension's own test runs. */
  sessionSnapshots(withCapabilities: boolean): SessionSnapshot[] {
    return this.sessions.list().map((s) => snapshotSession(s, withCapabilities));
  }

  sessionSnapshot(jobId: string, apiUrl: string | undefined, withCapabilities: boolean): SessionSnapshot | undefined {
    const s = this.sessions.get(jobId, apiUrl);
    return s && snapshotSession(s, withCapabilities);
  }

  liveViewSnapshot(withCapabilities: boolean): LiveViewSnapshot | undefined {
    const view = this.liveView.snapshot();
    return view && hideFrameSrc(view, withCapabilities);
  }

  /** The backend changed (setting, environment, engine): say so, and about sessions left on the old one. */
  backendChanged(before: BackendSnapshot, after: BackendSnapshot): void {
    onBackendChanged(this.svc, before, after);
  }

  async views(): Promise<{ workbench: TreeSnapshot[]; runs: TreeSnapshot[] }> {
    return { workbench: await snapshotTree(this.workbench), runs: await snapshotTree(this.runs) };
  }

  /**
   * Closing the window: the sessions it started are stopped (unless the setting says not to),
   * on their own servers, waiting a few seconds at most; then the local engine stops.
   */
  async shutdown(closeStopMs: number): Promise<void> {
    const open = this.svc.sessions.list().filter((s) => !s.server.free);
    if (this.svc.settings.stopSessionsOnClose.get() && open.length > 0) {
      this.svc.log.for('close').info(`stopping ${open.length} session(s) as the window closes`);
      await Promise.race([stopSessions(this.svc, open).catch(() => undefined), new Promise((r) => setTimeout(r, closeStopMs))]);
    }
    await this.engine.dispose();
    this.dispose();
  }

  /**
   * Runs that know the code: errors on their lines, the `.fcnb` notebook's controller and
   * screenshots, all on the executor; their code beyond this (dist/code-runs.js) loads on first use.
   */
  private startCodeRuns(vscode: VSCode, svc: Services, screenshotDir: string, codeRuns: () => CodeRuns): NotebookRunner {
    this._register(
      svc.executor.onDidFinish((r, opts) => {
        // Quiet runs (notebook cells, the Screenshot command) show their pictures themselves.
        if (!opts.quiet && screenshotKind(r.response?.result)) void codeRuns().presentScreenshot(svc.output, screenshotDir, r);
      }),
    );
    return this._register(
      new NotebookRunner(vscode, {
        runs: svc.executor,
        notifier: svc.notifier,
        codeRuns,
        currentJob: () => svc.jobs.target(svc.backend.snapshot().apiUrl)?.jobId,
        knownJob: (jobId) => svc.jobs.list().find((j) => j.jobId === jobId),
      }),
    );
  }
}

export function startFeatures(core: Core): Features {
  // A bundle of its own: its texts need the translator too.
  useTranslator(vscodeTranslator(core.vscode));
  return new Features(core);
}
