/**
 * Start/Stop local engine: runs the bundled engine as a child process of the extension host
 * and points this window at it (Backend override) while it runs. The engine is stopped with
 * the window (deactivate) so no engine or Chromium outlives VS Code.
 */
import { existsSync } from 'node:fs';
import type * as vscode from 'vscode';
import { launchEngine, type RunningEngine } from '../local-engine/launcher';
import type { Backend } from './backend';
import type { ComponentLog } from './log';
import type { Notifier } from './notifier';
import { noSandboxNotice } from './run-report';
import type { Settings } from './settings';
import type { VSCode } from './vscode-types';

export interface LocalEngineOptions {
  enginePath: string;
  dataDir: string;
}

export class LocalEngineController {
  private engine: RunningEngine | undefined;
  private starting: Promise<RunningEngine | undefined> | undefined;
  private stopping = false;
  private readonly changed: vscode.EventEmitter<void>;
  readonly onDidChange: vscode.Event<void>;

  constructor(
    private readonly vscode: VSCode,
    private readonly options: LocalEngineOptions,
    private readonly settings: Settings,
    private readonly backend: Backend,
    private readonly log: ComponentLog,
    private readonly engineLog: ComponentLog,
    private readonly notifier: Notifier,
    /** Called when the engine goes away, with its URL, so its sessions can be forgotten. */
    private readonly onGone: (url: string) => void,
  ) {
    this.changed = new vscode.EventEmitter<void>();
    this.onDidChange = this.changed.event;
  }

  snapshot(): { running: boolean; url?: string } {
    return this.engine ? { running: true, url: this.engine.url } : { running: false };
  }

  /** Starts the engine (or returns the one running). Resolves undefined when it failed (already reported). */
  start(): Promise<RunningEngine | undefined> {
    if (this.engine) return Promise.resolve(this.engine);
    this.starting ??= this.launch().finally(() => {
      this.starting = undefined;
    });
    this.backend.waitFor(this.starting);
    return this.starting;
  }

  async stop(): Promise<boolean> {
    await this.starting;
    const engine = this.engine;
    if (!engine) return false;
    this.stopping = true;
    try {
      this.log.info(`stopping the local engine (pid ${engine.pid})`);
      await engine.stop();
    } finally {
      this.stopping = false;
    }
    return true;
  }

  dispose(): Promise<void> {
    this.changed.dispose();
    return this.stop().then(
      () => undefined,
      () => undefined,
    );
  }

  private async launch(): Promise<RunningEngine | undefined> {
    if (!existsSync(this.options.enginePath)) {
      this.notifier.error(`The local engine is not built: ${this.options.enginePath} is missing. Run "npm run build" in the extension's folder, then start it again.`);
      return undefined;
    }
    const s = this.settings.read();
    this.log.info(`starting the local engine (data dir ${this.options.dataDir})`);
    try {
      const engine = await this.vscode.window.withProgress(
        { location: this.vscode.ProgressLocation.Window, title: 'Starting the Firecrawl local engine…' },
        () =>
          launchEngine({
            enginePath: this.options.enginePath,
            dataDir: this.options.dataDir,
            chromiumPath: s.chromiumPath,
            pythonPath: s.pythonPath,
            onOutput: (line, stream) => {
              if (stream === 'stdout') return this.engineLog.info(line);
              this.engineLog.warn(line);
              const notice = noSandboxNotice(line);
              if (notice) this.notifier.warn(notice);
            },
          }),
      );
      this.engine = engine;
      this.backend.setOverride({ apiUrl: engine.url, apiKey: engine.apiKey, label: 'local engine' });
      this.log.info(`local engine listening on ${engine.url} (pid ${engine.pid})`);
      void engine.exited.then((code) => this.onExit(engine, code));
      this.changed.fire();
      return engine;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`the local engine failed to start: ${message}`);
      this.notifier.error(`The local engine failed to start: ${message.split('\n')[0]} See "Firecrawl Interact (log)" for its output. If Chromium is not at a usual path, set firecrawlInteract.localEngine.chromiumPath.`, {
        label: 'Open settings',
        run: () => this.vscode.commands.executeCommand('workbench.action.openSettings', 'firecrawlInteract.localEngine'),
      });
      return undefined;
    }
  }

  private onExit(engine: RunningEngine, code: number | string | null): void {
    if (this.engine !== engine) return;
    this.engine = undefined;
    this.backend.setOverride(undefined);
    this.onGone(engine.url);
    const fallback = this.settings.read().apiUrl;
    if (this.stopping) {
      this.log.info(`local engine stopped (exit ${String(code)})`);
      this.notifier.info(`Local engine stopped. Requests go to ${fallback} again.`);
    } else {
      this.log.warn(`local engine exited unexpectedly (exit ${String(code)})`);
      this.notifier.warn(`The local engine exited unexpectedly (exit ${String(code)}); its sessions are gone. Requests go to ${fallback} again.`, {
        label: 'Start local engine',
        run: () => this.start(),
      });
    }
    this.changed.fire();
  }
}
