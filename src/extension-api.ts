/**
 * What `activate()` returns. The extension-host tests (and any other extension) read the
 * extension's state through this object instead of test-only commands. Everything here is a
 * snapshot or a read-only view: changing state goes through the contributed commands, which
 * accept optional arguments (listed in `CommandArgs`) so callers can skip the quick picks.
 */
import type { BackendSnapshot } from './host/backend';
import type { HistoryEntry } from './run/history';
import type { SessionsView } from './sessions/session-snapshot';
import type { KnownJob } from './sessions/job-history';
import type { PanelMessage } from './ui/liveview-protocol';
import type { TreeSnapshot } from './ui/views/tree-snapshot';

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
  /** The Pick line under the toolbar: what to do, or the picked locator and its match count. */
  pickStatus?: string;
}

export interface NotificationRecord {
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** Button labels offered with the message. */
  actions: string[];
  /** Epoch ms when shown. */
  at: number;
  /** The run this is the outcome of (one per run). */
  runId?: string;
}

export interface LocalEngineSnapshot {
  running: boolean;
  /** Base URL while running, e.g. `http://127.0.0.1:41234`. */
  url?: string;
  /** Whether it is this window's backend (a detached engine runs only for its kept sessions). */
  attached?: boolean;
}

export interface ExtensionApi {
  /** The extension's version from package.json. */
  readonly version: string;
  /**
   * Copies of this window's sessions (the status bar's, the commands' and the live view's state),
   * without the key; capability URLs only in the extension's own test runs.
   */
  readonly sessions: SessionsView;
  /** Everything written to the "Firecrawl Interact" output channel since activation. */
  outputText(): string;
  /** Everything written to the "Firecrawl Interact (log)" diagnostics channel since activation. */
  logText(): string;
  /** The extension's status bar items. */
  statusBar(): StatusBarSnapshot[];
  /** The open live-view panel, if any. */
  liveView(): LiveViewSnapshot | undefined;
  /**
   * Presses a button of the open live-view panel's toolbar: delivers `{ type }` as its script
   * posts it ('toggle', 'openExternal', 'reloaded', 'screenshot'). Resolves when handled; for
   * 'screenshot' with the saved picture's path.
   */
  liveViewMessage(message: PanelMessage): Promise<unknown>;
  /** Notifications shown since activation, oldest first. */
  notifications(): NotificationRecord[];
  localEngine(): LocalEngineSnapshot;
  /** The API URL requests go to now (waits for a starting engine). */
  effectiveApiUrl(): Promise<string>;
  /** The backend as the status bar and the view show it. */
  backend(): BackendSnapshot;
  /** Whether an API key is stored in SecretStorage (the key itself is never exposed). */
  hasStoredApiKey(): Promise<boolean>;
  /** The current job on the current backend (confirmed by its server). */
  currentJob(): string | undefined;
  /** A typed-in job waiting for its first run to be confirmed. */
  pendingJob(): string | undefined;
  /** Known (confirmed) jobs of every server, most recently used first. */
  jobs(): KnownJob[];
  /** This workspace's run history, newest first. */
  runs(): HistoryEntry[];
  /** The Firecrawl view's items as the user sees them. */
  views(): Promise<{ workbench: TreeSnapshot[]; runs: TreeSnapshot[] }>;
}

/**
 * Optional arguments of the contributed commands (for keybindings, other extensions and the
 * extension-host tests). Without them each command asks through its quick pick / input box.
 * Every command resolves when its work is done (it does not wait for notification buttons).
 */
export interface CommandArgs {
  /** `firecrawlInteract.chooseJob`: make this job current (must be a UUID), or scrape `url` and make that job current. */
  chooseJob: { jobId?: string; url?: string; title?: string };
  /** `firecrawlInteract.scrapeUrl`: scrape this URL (without asking) and make its job current; `replacing`: the job it replaces, on `apiUrl`; `draft`: asks, with this URL to correct. */
  scrapeUrl: { url?: string; replacing?: string; apiUrl?: string; draft?: string };
  /** `firecrawlInteract.askPage`: the prompt to send. */
  askPage: { prompt?: string };
  /** `firecrawlInteract.runSelection`: force the language; run in `jobId` on the server `apiUrl` instead of the current job. */
  runSelection: { language?: 'node' | 'python' | 'bash'; jobId?: string; apiUrl?: string };
  /** `firecrawlInteract.stopSession`: stop this job's session (on `apiUrl`), or every session with `all`; `confirm` asks first. */
  stopSession: { jobId?: string; apiUrl?: string; all?: boolean; confirm?: boolean };
  /** `firecrawlInteract.openLiveView`: open this job's live view (default: the current job's); without `interactive`, the last mode. */
  openLiveView: { jobId?: string; apiUrl?: string; interactive?: boolean };
  /** `firecrawlInteract.copyCdpUrl`: copy this job's CDP URL (default: the current job's). */
  copyCdpUrl: { jobId?: string; apiUrl?: string };
  /** `firecrawlInteract.switchBackend`: switch without the menu. */
  switchBackend: { to?: 'cloud' | 'local' | 'custom' | 'environment'; url?: string };
  /** `firecrawlInteract.setApiKey`: store this key without asking. */
  setApiKey: { apiKey?: string };
}
