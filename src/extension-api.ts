/**
 * What `activate()` returns. The extension-host tests (and any other extension) read the
 * extension's state through this object instead of test-only commands. Everything here is a
 * snapshot or a read-only view: changing state goes through the contributed commands, which
 * accept optional arguments (listed in `CommandArgs`) so callers can skip the quick picks.
 */
import type { SessionStore } from './sessions/session-store';
import type { KnownJob } from './sessions/job-history';

export interface StatusBarSnapshot {
  /** Stable id given to createStatusBarItem, e.g. `firecrawlInteract.cost`. */
  id: string;
  /** The item's name (shown in the status bar's context menu). */
  name: string;
  text: string;
  tooltip?: string;
  /** Command id run on click, if any. */
  command?: string;
  /** Screen-reader label. */
  accessibilityLabel?: string;
  visible: boolean;
}

export interface LiveViewSnapshot {
  title: string;
  jobId: string;
  /** Whether the iframe shows the interactive live view. */
  interactive: boolean;
  /** The webview's full HTML (with its CSP meta tag). */
  html: string;
  /** The iframe's current src. Capability URL: never print it in test output. */
  iframeSrc?: string;
}

export interface NotificationRecord {
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** Button labels offered with the message. */
  actions: string[];
  /** Epoch ms when shown. */
  at: number;
}

export interface LocalEngineSnapshot {
  running: boolean;
  /** Base URL while running, e.g. `http://127.0.0.1:41234`. */
  url?: string;
}

export interface ExtensionApi {
  /** The extension's version from package.json. */
  readonly version: string;
  /** The one store of session state that the status bar, commands and live view read. */
  readonly sessions: SessionStore;
  /** Everything written to the "Firecrawl Interact" output channel since activation. */
  outputText(): string;
  /** Everything written to the "Firecrawl Interact (log)" diagnostics channel since activation. */
  logText(): string;
  /** The extension's status bar items. */
  statusBar(): StatusBarSnapshot[];
  /** The open live-view panel, if any. */
  liveView(): LiveViewSnapshot | undefined;
  /** Notifications shown since activation, oldest first. */
  notifications(): NotificationRecord[];
  localEngine(): LocalEngineSnapshot;
  /** The API URL requests go to now (the local engine's while it runs, else the setting). */
  effectiveApiUrl(): Promise<string>;
  /** Whether an API key is stored in SecretStorage (the key itself is never exposed). */
  hasStoredApiKey(): Promise<boolean>;
  /** This workspace's current job id. */
  currentJob(): string | undefined;
  /** Known jobs, most recent first. */
  jobs(): KnownJob[];
}

/**
 * Optional arguments of the contributed commands (for keybindings, other extensions and the
 * extension-host tests). Without them each command asks through its quick pick / input box.
 * Every command resolves when its work is done (it does not wait for notification buttons).
 */
export interface CommandArgs {
  /** `firecrawlInteract.chooseJob`: make this job current (must be a UUID), or scrape `url` and make that job current. */
  chooseJob: { jobId?: string; url?: string; title?: string };
  /** `firecrawlInteract.scrapeUrl`: scrape this URL (without asking) and make its job current. */
  scrapeUrl: { url?: string };
  /** `firecrawlInteract.askPage`: the prompt to send. */
  askPage: { prompt?: string };
  /** `firecrawlInteract.runSelection`: force the language (skips the quick pick for unknown language ids). */
  runSelection: { language?: 'node' | 'python' | 'bash' };
  /** `firecrawlInteract.stopSession`: stop this job's session, or every session with `all`. */
  stopSession: { jobId?: string; all?: boolean };
  /** `firecrawlInteract.openLiveView`: open this job's live view (default: the current job's). */
  openLiveView: { jobId?: string; interactive?: boolean };
  /** `firecrawlInteract.copyCdpUrl`: copy this job's CDP URL (default: the current job's). */
  copyCdpUrl: { jobId?: string };
  /** `firecrawlInteract.setApiKey`: store this key without asking. */
  setApiKey: { apiKey?: string };
}
