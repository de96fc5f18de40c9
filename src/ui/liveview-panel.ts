/**
 * The live-view panel: one webview showing a session's live view in an iframe, with a
 * toggle to the interactive view, reload, "open in external browser", a screenshot of the
 * session's page (opened beside) and Pick (a locator, by clicking in the page). The panel is
 * re-rendered (fresh nonce) on every change, so its HTML always states the current URL and
 * policy; it follows the session (shows a notice when it ends), follows a job that is
 * replaced by a new scrape, keeps its read-only/interactive mode when reopened, and survives
 * a window reload through a WebviewPanelSerializer.
 */
import type * as vscode from 'vscode';
import { l10n } from '../shared/l10n';
import { CMD, LIVE_VIEW_TYPE } from '../ids';
import { parseApiUrl } from '../api/url';
import type { LiveViewSnapshot } from '../extension-api';
import type { JobHistory } from '../sessions/job-history';
import type { SessionState, SessionStore } from '../sessions/session-store';
import { Disposable } from '../host/disposable';
import { clipboardAllowed, liveViewHtml, originOf } from './liveview-html';
import { parsePanelMessage, parsePanelState, type HostMessage, type PanelState } from './liveview-protocol';
import type { ComponentLog } from '../host/log';
import type { VSCode } from '../host/vscode-types';

interface OpenPanel extends PanelState {
  panel: vscode.WebviewPanel;
  html: string;
  /** The Pick line (kept across renders). */
  pick?: { text: string; picking: boolean };
  /** The Record line (kept across renders), and whether a recording is on. */
  record?: { text: string; recording: boolean };
  src?: string;
  /** The live view URL the panel was rendered for, to notice a new session. */
  renderedFor?: string;
}

export class LiveViewPanels extends Disposable {
  private current: OpenPanel | undefined;
  /** The mode last chosen per job, so reopening keeps it. */
  private readonly modes = new Map<string, boolean>();

  constructor(
    private readonly vscode: VSCode,
    private readonly extensionUri: vscode.Uri,
    private readonly sessions: SessionStore,
    private readonly jobs: JobHistory,
    private readonly log: ComponentLog,
  ) {
    super();
    this._register(sessions.onDidChange(() => this.followSession()));
  }

  /** Opens (or reuses and reveals) the panel for `jobId`; without `interactive`, the job's last mode. */
  open(jobId: string, apiUrl?: string, interactive?: boolean): void {
    const mode = interactive ?? this.modes.get(jobId) ?? (this.current?.jobId === jobId ? this.current.interactive : false);
    this.modes.set(jobId, mode);
    if (this.current) {
      Object.assign(this.current, { jobId, apiUrl, interactive: mode });
      this.current.panel.reveal(undefined, false);
      this.render();
      return;
    }
    const panel = this.vscode.window.createWebviewPanel(LIVE_VIEW_TYPE, this.title(jobId, apiUrl), { viewColumn: this.vscode.ViewColumn.Beside, preserveFocus: true }, this.webviewOptions());
    this.adopt(panel, { jobId, apiUrl, interactive: mode });
  }

  /** A job was replaced by a new scrape (its session could not be restarted): the panel follows. */
  replaceJob(oldJobId: string, newJobId: string): void {
    const c = this.current;
    if (!c || c.jobId !== oldJobId) return;
    this.log.info(`live view follows job ${oldJobId} → ${newJobId}`);
    c.jobId = newJobId;
    this.render();
  }

  snapshot(): LiveViewSnapshot | undefined {
    const c = this.current;
    if (!c) return undefined;
    return { title: c.panel.title, jobId: c.jobId, interactive: c.interactive, html: c.html, iframeSrc: c.src, pickStatus: c.pick?.text };
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // The iframe's page keeps streaming while the tab is hidden; do not rebuild it on every switch.
      retainContextWhenHidden: true,
      localResourceRoots: [this.vscode.Uri.joinPath(this.extensionUri, 'media'), this.vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
  }

  /** A panel VS Code restores after a reload (activation registers the serializer that calls this). */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const s = parsePanelState(state);
    if (!s) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    if (this.current) this.current.panel.dispose();
    this.adopt(panel, s);
  }

  private adopt(panel: vscode.WebviewPanel, state: PanelState): void {
    const open: OpenPanel = { ...state, panel, html: '' };
    this.current = open;
    const subscriptions = [
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(open, m)),
      panel.onDidDispose(() => {
        for (const d of subscriptions) d.dispose();
        if (this.current === open) this.current = undefined;
      }),
    ];
    this.render();
  }

  /**
   * A message as the open panel's script posts it (its toolbar buttons); the extension-host
   * tests press the buttons through it. Resolves when handled: for `screenshot`, with the
   * saved picture's path (undefined when there is no panel, no session or no picture).
   */
  receive(message: unknown): Promise<unknown> {
    return this.current ? this.onMessage(this.current, message) : Promise.resolve(undefined);
  }

  private async onMessage(open: OpenPanel, raw: unknown): Promise<unknown> {
    const message = parsePanelMessage(raw);
    const session = this.sessions.get(open.jobId, open.apiUrl);
    switch (message?.type) {
      case 'screenshot':
        // The button is disabled without a session: a screenshot must not start one.
        if (!session) return undefined;
        // The same command as the palette and the sessions view, on this session's own server.
        return this.vscode.commands.executeCommand<string | undefined>(CMD.screenshot, { jobId: session.jobId, apiUrl: session.server.apiUrl, viewColumn: open.panel.viewColumn });
      case 'pick':
        if (!session?.cdpUrl) return undefined;
        return this.vscode.commands.executeCommand(CMD.pickLocator, { jobId: session.jobId, apiUrl: session.server.apiUrl });
      case 'record':
        if (!session?.cdpUrl) return undefined;
        return this.vscode.commands.executeCommand(CMD.recordAtCursor, { jobId: session.jobId, apiUrl: session.server.apiUrl });
      case 'assert':
        if (!session?.cdpUrl) return undefined;
        return this.vscode.commands.executeCommand(CMD.recordAtCursor, { jobId: session.jobId, apiUrl: session.server.apiUrl, assert: message.kind });
      case 'toggle':
        if (!session?.interactiveLiveViewUrl) return undefined;
        open.interactive = !open.interactive;
        this.modes.set(open.jobId, open.interactive);
        this.log.info(`live view of job ${open.jobId}: ${open.interactive ? 'interactive' : 'read-only'}`);
        this.render();
        return undefined;
      case 'openExternal':
        if (open.src) void this.vscode.env.openExternal(this.vscode.Uri.parse(open.src, true));
        return undefined;
      case 'ready':
        // A fresh page (each render) asks for the Pick line a message may have sent before it listened.
        if (open.pick) post(open, { type: 'pickStatus', ...open.pick });
        if (open.record) post(open, { type: 'recordStatus', ...open.record });
        return undefined;
      case 'reloaded':
        this.log.debug(`live view of job ${open.jobId} reloaded`);
        return undefined;
      default:
        return undefined;
    }
  }

  /** Shows the Pick line in the panel of `jobId` (if that is the open one), without reloading the page. */
  showPick(jobId: string, text: string, picking: boolean): void {
    const c = this.current;
    if (!c || c.jobId !== jobId) return;
    c.pick = { text, picking };
    post(c, { type: 'pickStatus', text, picking });
  }

  /** Shows the Record line and button state in the panel of `jobId` (if that is the open one). */
  showRecord(jobId: string, text: string, recording: boolean): void {
    const c = this.current;
    if (!c || c.jobId !== jobId) return;
    c.record = { text, recording };
    post(c, { type: 'recordStatus', text, recording });
  }

  /** Shows `jobId`'s session interactive (mouse and keys reach the page): rendered again only when it was not. */
  showInteractive(jobId: string, apiUrl: string): void {
    const c = this.current;
    if (c?.jobId === jobId && c.apiUrl === apiUrl && c.interactive) c.panel.reveal(undefined, true);
    else this.open(jobId, apiUrl, true);
  }

  private followSession(): void {
    const c = this.current;
    if (!c) return;
    const session = this.sessions.get(c.jobId, c.apiUrl);
    const url = session?.liveViewUrl;
    if (url !== c.renderedFor) this.render();
  }

  private render(): void {
    const c = this.current;
    if (!c) return;
    const session = this.sessions.get(c.jobId, c.apiUrl);
    const src = session ? pickUrl(session, c.interactive) : undefined;
    if (session && c.interactive && !session.interactiveLiveViewUrl) c.interactive = false;
    const webview = c.panel.webview;
    // Web Crypto rather than node:crypto, whose load activation would pay for (the panel may never open).
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
    const scriptUri = webview.asWebviewUri(this.vscode.Uri.joinPath(this.extensionUri, 'dist', 'media', 'liveview-panel.js')).toString();
    const frameOrigins = [...new Set([originOf(session?.liveViewUrl), originOf(session?.interactiveLiveViewUrl)].filter((o): o is string => o !== undefined))];
    c.src = src;
    c.renderedFor = session?.liveViewUrl;
    c.html = liveViewHtml({
      nonce,
      scriptUri,
      src,
      frameOrigins,
      interactive: c.interactive,
      clipboard: session !== undefined && clipboardAllowed(src, session.server.apiUrl, c.interactive),
      canToggle: Boolean(session?.interactiveLiveViewUrl),
      canPick: Boolean(session?.cdpUrl),
      pick: c.pick,
      record: c.record,
      jobId: c.jobId,
      notice: session
        ? l10n.t('This session has no live view URL.')
        : l10n.t('No active browser session for job {0} in this window: it was stopped or expired, or nothing has run in it yet. Run code in the job, then open the live view again.', c.jobId),
    });
    c.panel.title = this.title(c.jobId, c.apiUrl);
    webview.html = c.html;
  }

  private title(jobId: string, apiUrl?: string): string {
    const job = this.jobs.get(jobId, apiUrl) ?? this.jobs.list().find((j) => j.jobId === jobId);
    const name = job?.title?.trim() || hostOf(job?.url);
    const title = l10n.t('Live view: job {0}', jobId.slice(0, 8));
    return name ? `${title} (${name.length > 40 ? `${name.slice(0, 39)}…` : name})` : title;
  }
}

function post(open: OpenPanel, message: HostMessage): void {
  void open.panel.webview.postMessage(message);
}

function pickUrl(session: SessionState, interactive: boolean): string | undefined {
  const url = interactive ? (session.interactiveLiveViewUrl ?? session.liveViewUrl) : session.liveViewUrl;
  // Only http(s) may go into the iframe (and so into frame-src).
  return originOf(url) ? url : undefined;
}

function hostOf(url: string | undefined): string | undefined {
  return (url && parseApiUrl(url)?.host) || undefined;
}
