/**
 * Entry point. `activate()` builds the one object graph of the extension (settings, backend,
 * client, sessions, output, status bar, live view, local engine, commands) and returns the
 * ExtensionApi. It stays cheap: the HTTP client loads undici on the first request, sucrase
 * on the first TypeScript run, and nothing here touches the network or spawns a process
 * unless the local engine's auto-start setting asks for it.
 *
 * This is the only module importing `vscode` as a value; the rest receive it.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FirecrawlClient } from './api/client';
import { registerCommands } from './commands/register';
import { FullResults } from './commands/full-results';
import { openSettings } from './commands/report-error';
import { RunningRequests } from './commands/running-requests';
import type { Services } from './commands/services';
import type { ExtensionApi } from './extension-api';
import { JobHistory } from './sessions/job-history';
import { SessionStore } from './sessions/session-store';
import { Backend } from './ui/backend';
import { Disposable, toDisposable } from './ui/disposable';
import { LiveViewPanels } from './ui/liveview-panel';
import { LocalEngineController } from './ui/local-engine-controller';
import { Log } from './ui/log';
import { Notifier } from './ui/notifier';
import { ResultOutput } from './ui/result-output';
import { Settings } from './ui/settings';
import { ActivityIndicator, BackendIndicator, SessionStatus, StatusItems } from './ui/status-bar';
import type { VSCode } from './ui/vscode-types';

export const OUTPUT_NAME = 'Firecrawl Interact';
export const LOG_NAME = 'Firecrawl Interact (log)';

class FirecrawlInteract extends Disposable {
  readonly api: ExtensionApi;
  private readonly engine: LocalEngineController;

  constructor(vscode: VSCode, context: vscode.ExtensionContext) {
    super();
    const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
    const origin = `vscode-firecrawl-interact@${version}`;

    const log = new Log(this._register(vscode.window.createOutputChannel(LOG_NAME, { log: true })));
    const output = new ResultOutput(this._register(vscode.window.createOutputChannel(OUTPUT_NAME)));
    const notifier = new Notifier(vscode, log.for('ui'));
    const settings = new Settings(vscode);
    const sessions = new SessionStore();
    const jobs = new JobHistory(context.workspaceState);
    const backend = new Backend(settings, context.secrets, origin, log, notifier, () => openSettings(vscode, context.extension.id));
    const client = new FirecrawlClient(() => backend.clientSettings());
    this._register(toDisposable(() => void client.dispose()));

    const items = this._register(new StatusItems(vscode));
    const activity = new ActivityIndicator(items);
    this._register(
      new SessionStatus(items, sessions, settings, (gone) => {
        for (const s of gone) {
          log.for('sessions').info(`session of job ${s.jobId} expired`);
          output.appendLine(`■ The session of job ${s.jobId} has expired on the server (10 minutes at most, 5 without activity); it is billed to its end.`);
        }
      }),
    );
    const backendItem = new BackendIndicator(items);

    this.engine = new LocalEngineController(
      vscode,
      { enginePath: join(context.extensionPath, 'dist', 'engine.js'), dataDir: join(context.globalStorageUri.fsPath, 'engine-data') },
      settings,
      backend,
      log.for('local-engine'),
      log.for('engine'),
      notifier,
      (url) => {
        for (const s of sessions.list()) if (s.apiUrl === url) sessions.end(s.jobId);
      },
    );
    this._register(this.engine.onDidChange(() => backendItem.update(this.engine.snapshot().url)));

    const liveView = this._register(new LiveViewPanels(vscode, context.extensionUri, sessions, jobs, log.for('live-view')));
    const svc: Services = {
      vscode,
      extensionId: context.extension.id,
      settings,
      backend,
      client,
      sessions,
      jobs,
      output,
      log,
      notifier,
      activity,
      requests: new RunningRequests(),
      liveView,
      engine: this.engine,
      results: new FullResults(),
      globalState: context.globalState,
    };
    for (const d of registerCommands(svc)) this._register(d);

    if (settings.read().localEngineAutoStart) {
      // The first request waits for the engine (Backend.waitFor), so it goes to the engine.
      void this.engine.start();
    }
    log.for('activate').info(`Firecrawl Interact ${version} activated (backend ${settings.read().apiUrl}${settings.read().localEngineAutoStart ? ', starting the local engine' : ''})`);

    this.api = {
      version,
      sessions,
      outputText: () => output.text(),
      logText: () => log.text(),
      statusBar: () => items.snapshot(),
      liveView: () => liveView.snapshot(),
      notifications: () => notifier.list(),
      localEngine: () => this.engine.snapshot(),
      effectiveApiUrl: () => backend.apiUrl(),
      hasStoredApiKey: async () => (await backend.storedKey()) !== undefined,
      currentJob: () => jobs.current(),
      jobs: () => jobs.list(),
    };
  }

  /** Stops the local engine (if this window started one) so no engine or Chromium outlives it. */
  async shutdown(): Promise<void> {
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
