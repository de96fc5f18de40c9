/**
 * Start/Stop local engine: runs the bundled engine as a child process of the extension host
 * and points this window at it (Backend override) while it is attached. Switching to another
 * backend with engine sessions kept open detaches it (it keeps running for them); starting it
 * again re-attaches. The engine is stopped with the window (deactivate) so no engine or
 * Chromium outlives VS Code.
 */
import { existsSync } from 'node:fs';
import type * as vscode from 'vscode';
import { engineProxy } from '../api/proxy';
import { readProxySettings } from '../host/proxy-settings';
import { launchEngine, type RunningEngine } from './launcher';
import { venvPython } from './python-setup';
import type { Backend } from '../host/backend';
import type { ComponentLog } from '../host/log';
import type { Notices } from '../host/notices';
import type { Settings } from '../host/settings';
import type { VSCode } from '../host/vscode-types';
import { noSandboxReason } from '../shared/sandbox-line';
import { settingId } from '../ids';
import { Emitter } from '../shared/emitter';
import { l10n } from '../shared/l10n';

export interface LocalEngineOptions {
  vscode: VSCode;
  enginePath: string;
  dataDir: string;
  /** Where "Set up Python" makes its virtual environment; its interpreter is the engine's --python once it exists. */
  pythonVenvDir: string;
  /** Extra environment for the engine (the prompt model's URL, name and key). */
  env(): Promise<Record<string, string | undefined>>;
  settings: Settings;
  backend: Backend;
  log: ComponentLog;
  /** Where the engine's own output lines go. */
  engineLog: ComponentLog;
  notifier: Notices;
  /** Remembers across windows which no-sandbox warning was shown, so the same one is not shown on every start. */
  memento: Pick<vscode.Memento, 'get' | 'update'>;
  /** Called when the engine goes away, with its URL, so its sessions end with it. */
  onGone(url: string): void;
}

const SANDBOX_NOTICE_SHOWN = 'firecrawlInteract.noSandboxNoticeShown';

/**
 * The no-sandbox warning for an engine log line, once per machine: the log keeps the line on
 * every start, the notification is shown again only when the reason changes.
 */
export function sandboxNoticeToShow(line: string, memento: Pick<vscode.Memento, 'get' | 'update'>): string | undefined {
  const reason = noSandboxReason(line);
  const notice = reason && l10n.t('The local engine runs code without a sandbox: {0}', reason);
  if (!notice || memento.get(SANDBOX_NOTICE_SHOWN) === notice) return undefined;
  void memento.update(SANDBOX_NOTICE_SHOWN, notice);
  return notice;
}

export class LocalEngineController {
  private engine: RunningEngine | undefined;
  private starting: Promise<RunningEngine | undefined> | undefined;
  private stopping = false;
  private restarting = false;
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  private readonly vscode: VSCode;
  private readonly settings: Settings;
  private readonly backend: Backend;
  private readonly log: ComponentLog;
  private readonly engineLog: ComponentLog;
  private readonly notifier: Notices;

  constructor(private readonly options: LocalEngineOptions) {
    ({ vscode: this.vscode, settings: this.settings, backend: this.backend, log: this.log, engineLog: this.engineLog, notifier: this.notifier } = options);
  }

  get pythonVenvDir(): string {
    return this.options.pythonVenvDir;
  }

  /** The environment "Set up Python" made when there is one, else localEngine.pythonPath (else the engine's default). */
  private python(pythonPath: string | undefined): string | undefined {
    const made = venvPython(this.options.pythonVenvDir, process.platform);
    return existsSync(made) ? made : pythonPath;
  }

  snapshot(): { running: boolean; url?: string; attached?: boolean } {
    return this.engine ? { running: true, url: this.engine.url, attached: this.backend.current()?.apiUrl === this.engine.url } : { running: false };
  }

  /** The engine keeps running (for its sessions) but is no longer this window's backend. */
  detach(): void {
    if (this.engine && this.backend.current()?.apiUrl === this.engine.url) {
      this.backend.setOverride(undefined);
      this.changed.fire();
    }
  }

  /** Starts the engine (or re-attaches the one running). Resolves undefined when it failed (already reported). */
  start(): Promise<RunningEngine | undefined> {
    if (this.engine) {
      this.attach(this.engine);
      return Promise.resolve(this.engine);
    }
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

  /**
   * Restarts the running engine with the current settings (Set up Python's new interpreter) on
   * the same port: its URL, so the window's backend and current job, stay as they were (the job
   * lives in the data dir); only its sessions end.
   */
  async restart(): Promise<void> {
    await this.starting;
    const engine = this.engine;
    if (!engine) return;
    this.restarting = true;
    try {
      this.log.info(`restarting the local engine (pid ${engine.pid})`);
      await engine.stop();
    } finally {
      this.restarting = false;
    }
    this.starting ??= this.launch(Number(new URL(engine.url).port))
      .then((again) => {
        // It could not come back (reported): the window's backend no longer points at it.
        if (!again && this.backend.current()?.apiUrl === engine.url) {
          this.backend.setOverride(undefined);
          this.changed.fire();
        }
        return again;
      })
      .finally(() => {
        this.starting = undefined;
      });
    this.backend.waitFor(this.starting);
    await this.starting;
  }

  dispose(): Promise<void> {
    this.changed.dispose();
    return this.stop().then(
      () => undefined,
      () => undefined,
    );
  }

  private async launch(port?: number): Promise<RunningEngine | undefined> {
    if (!existsSync(this.options.enginePath)) {
      this.notifier.error(l10n.t('The local engine is not built: {0} is missing. Run "npm run build" in the extension\'s folder, then start it again.', this.options.enginePath));
      return undefined;
    }
    const s = this.settings.read();
    const modelEnv = await this.options.env();
    this.log.info(`starting the local engine (data dir ${this.options.dataDir}${modelEnv.INTERACT_LLM_URL ? ', with a prompt model' : ''})`);
    try {
      const engine = await this.vscode.window.withProgress(
        { location: this.vscode.ProgressLocation.Window, title: l10n.t('Starting the Firecrawl local engine…') },
        () =>
          launchEngine({
            enginePath: this.options.enginePath,
            dataDir: this.options.dataDir,
            port,
            chromiumPath: s.chromiumPath,
            pythonPath: this.python(s.pythonPath),
            bashPath: s.bashPath,
            trace: s.localEngineTrace,
            proxy: engineProxy(readProxySettings(this.vscode), process.env),
            env: modelEnv,
            onOutput: (line, stream) => {
              if (stream === 'stdout') return this.engineLog.info(line);
              this.engineLog.warn(line);
              const notice = sandboxNoticeToShow(line, this.options.memento);
              if (notice) this.notifier.warn(notice);
            },
          }),
      );
      this.engine = engine;
      this.log.info(`local engine listening on ${engine.url} (pid ${engine.pid})`);
      void engine.exited.then((code) => this.onExit(engine, code));
      this.attach(engine);
      return engine;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`the local engine failed to start: ${message}`);
      if (/^(No Chromium found|Chromium not found at)/m.test(message)) {
        this.notifier.error(
          s.chromiumPath
            ? l10n.t("The local engine needs Chrome, Chromium, Edge or Brave and found none at {0} ({1}). Choose the browser's executable, or install Chrome.", s.chromiumPath, this.settings.chromiumPath.id)
            : l10n.t("The local engine needs Chrome, Chromium, Edge or Brave and found none at the usual places. Choose the browser's executable, or install Chrome."),
          { label: l10n.t('Choose browser…'), run: () => this.chooseBrowser() },
          { label: l10n.t('Install Chrome'), run: () => this.vscode.env.openExternal(this.vscode.Uri.parse('https://www.google.com/chrome/')) });
        return undefined;
      }
      this.notifier.error(l10n.t('The local engine failed to start: {0} See "Firecrawl Interact (log)" for its output. If Chromium is not at a usual path, set firecrawlInteract.localEngine.chromiumPath.', message.split('\n')[0]), {
        label: l10n.t('Open settings'),
        run: () => this.vscode.commands.executeCommand('workbench.action.openSettings', settingId('localEngine')),
      });
      return undefined;
    }
  }

  /** A file picker for the browser's executable; the choice becomes localEngine.chromiumPath (this machine), then the engine starts. */
  private async chooseBrowser(): Promise<void> {
    const picked = await this.vscode.window.showOpenDialog({ canSelectMany: false, canSelectFolders: false, title: l10n.t('Choose Chrome, Chromium, Edge or Brave'), openLabel: l10n.t('Use this browser') });
    const file = picked?.[0]?.fsPath;
    if (!file) return;
    // A macOS .app is a folder: its executable is inside.
    const app = /\.app$/.exec(file) ? `${file}/Contents/MacOS/${file.slice(file.lastIndexOf('/') + 1, -4)}` : file;
    await this.settings.chromiumPath.update(app);
    await this.start();
  }

  private attach(engine: RunningEngine): void {
    const current = this.backend.current();
    if (current?.apiUrl === engine.url && current.apiKey === engine.apiKey) return;
    this.backend.setOverride({ apiUrl: engine.url, apiKey: engine.apiKey, label: 'local engine' });
    this.changed.fire();
  }

  private onExit(engine: RunningEngine, code: number | string | null): void {
    if (this.engine !== engine) return;
    this.engine = undefined;
    // A restart keeps the backend: the same engine comes back on the same URL.
    if (!this.restarting && this.backend.current()?.apiUrl === engine.url) this.backend.setOverride(undefined);
    this.options.onGone(engine.url);
    if (this.restarting) return this.log.info(`local engine stopped for a restart (exit ${String(code)})`);
    const fallback = this.backend.snapshot().apiUrl;
    if (this.stopping) {
      this.log.info(`local engine stopped (exit ${String(code)})`);
      this.notifier.info(l10n.t('Local engine stopped. Requests go to {0} again.', fallback));
    } else {
      this.log.warn(`local engine exited unexpectedly (exit ${String(code)})`);
      this.notifier.warn(l10n.t('The local engine exited unexpectedly (exit {0}); its sessions are gone. Requests go to {1} again.', String(code), fallback), {
        label: l10n.t('Start local engine'),
        run: () => this.start(),
      });
    }
    this.changed.fire();
  }
}
