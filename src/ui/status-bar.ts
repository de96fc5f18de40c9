/**
 * The extension's status bar items, each with a stable id and name (UI tests and screen
 * readers find them by these):
 * - `firecrawlInteract.activity`: `$(sync~spin)` while a request runs; click cancels it.
 * - `firecrawlInteract.cost`: elapsed time and estimated credits of the active sessions,
 *   ticking every second while there is at least one; click stops.
 * - `firecrawlInteract.stop`: `$(debug-stop)` next to it.
 * - `firecrawlInteract.backend`: "local engine" while the local engine is the backend.
 */
import type * as vscode from 'vscode';
import type { StatusBarSnapshot } from '../extension-api';
import { summarize } from '../sessions/cost-meter';
import type { SessionState, SessionStore } from '../sessions/session-store';
import { Disposable, toDisposable } from './disposable';
import type { Settings } from './settings';
import type { VSCode } from './vscode-types';

export const STATUS_IDS = {
  activity: 'firecrawlInteract.activity',
  cost: 'firecrawlInteract.cost',
  stop: 'firecrawlInteract.stop',
  backend: 'firecrawlInteract.backend',
} as const;

/** Tracks created items and whether each is shown (StatusBarItem has no `visible` getter). */
export class StatusItems extends Disposable {
  private readonly items = new Map<string, { item: vscode.StatusBarItem; visible: boolean }>();

  constructor(private readonly vscode: VSCode) {
    super();
  }

  create(id: string, name: string, priority: number): vscode.StatusBarItem {
    const item = this._register(this.vscode.window.createStatusBarItem(id, this.vscode.StatusBarAlignment.Left, priority));
    item.name = name;
    this.items.set(id, { item, visible: false });
    return item;
  }

  setVisible(id: string, visible: boolean): void {
    const entry = this.items.get(id);
    if (!entry || entry.visible === visible) return;
    entry.visible = visible;
    if (visible) entry.item.show();
    else entry.item.hide();
  }

  snapshot(): StatusBarSnapshot[] {
    return [...this.items.entries()].map(([id, { item, visible }]) => ({
      id,
      name: item.name ?? id,
      text: item.text,
      tooltip: typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value,
      command: typeof item.command === 'string' ? item.command : item.command?.command,
      accessibilityLabel: item.accessibilityInformation?.label,
      visible,
    }));
  }
}

/** Spinner while requests run. Several at once share one item. */
export class ActivityIndicator {
  private readonly item: vscode.StatusBarItem;
  /** Labels of the running requests, oldest first: the item names what is still running. */
  private readonly running: string[] = [];

  constructor(private readonly items: StatusItems) {
    this.item = items.create(STATUS_IDS.activity, 'Firecrawl: request running', 101);
    this.item.command = 'firecrawlInteract.cancelRun';
  }

  /** Shows the spinner with `label`; the returned function hides it again. */
  begin(label: string): () => void {
    this.running.push(label);
    this.render();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running.splice(this.running.indexOf(label), 1);
      this.render();
    };
  }

  private render(): void {
    const count = this.running.length;
    if (count > 0) {
      const text = count > 1 ? `${count} requests` : this.running[0];
      this.item.text = `$(sync~spin) ${text}`;
      this.item.tooltip = 'Firecrawl request running. Click to cancel it (the server may still finish the run).';
      this.item.accessibilityInformation = { label: `Firecrawl: ${text}. Activate to cancel.`, role: 'button' };
    }
    this.items.setVisible(STATUS_IDS.activity, count > 0);
  }
}

/** Cost estimate and stop button, shown only while sessions exist; ticks once a second. */
export class SessionStatus extends Disposable {
  private readonly cost: vscode.StatusBarItem;
  private readonly stop: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly items: StatusItems,
    private readonly sessions: SessionStore,
    private readonly settings: Settings,
    /** Told about sessions dropped because the server has certainly destroyed them by now. */
    private readonly onExpired: (gone: SessionState[]) => void,
  ) {
    super();
    this.cost = items.create(STATUS_IDS.cost, 'Firecrawl session cost (estimate)', 100);
    this.cost.command = 'firecrawlInteract.stopSession';
    this.stop = items.create(STATUS_IDS.stop, 'Firecrawl: stop session', 99);
    this.stop.text = '$(debug-stop)';
    this.stop.command = 'firecrawlInteract.stopSession';
    this._register(sessions.onDidChange(() => this.update()));
    this._register(settings.onDidChange(() => this.update()));
    this._register(toDisposable(() => this.setTicking(false)));
    this.update();
  }

  update(): void {
    if (this.isDisposed) return;
    // A session the server has certainly destroyed by now is not running up a bill.
    const gone = this.sessions.pruneExpired();
    if (gone.length > 0) this.onExpired(gone);
    const states = this.sessions.list();
    const summary = summarize(states, Date.now(), this.settings.read().rates);
    const active = summary.count > 0;
    if (active) {
      this.cost.text = summary.text;
      this.cost.tooltip = summary.tooltip;
      const what = summary.count === 1 ? 'One Firecrawl session' : `${summary.count} Firecrawl sessions`;
      this.cost.accessibilityInformation = { label: `${what}, estimated ${summary.credits} credits so far. Activate to stop.`, role: 'button' };
      this.stop.tooltip = summary.count === 1 ? `Stop the browser session of job ${states[0].jobId}` : `Stop one or all of ${summary.count} browser sessions`;
      this.stop.accessibilityInformation = { label: summary.count === 1 ? 'Stop Firecrawl session' : 'Stop Firecrawl sessions', role: 'button' };
    }
    this.items.setVisible(STATUS_IDS.cost, active);
    this.items.setVisible(STATUS_IDS.stop, active);
    this.setTicking(active);
  }

  private setTicking(on: boolean): void {
    if (on && !this.timer) this.timer = setInterval(() => this.update(), 1000);
    if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

/** "local engine" while the window's requests go to the local engine. */
export class BackendIndicator {
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly items: StatusItems) {
    this.item = items.create(STATUS_IDS.backend, 'Firecrawl backend', 98);
    this.item.command = 'firecrawlInteract.stopLocalEngine';
  }

  update(engineUrl: string | undefined): void {
    if (engineUrl) {
      this.item.text = '$(server-process) local engine';
      this.item.tooltip = `Firecrawl requests from this window go to the local engine at ${engineUrl}. Click to stop it (its sessions end).`;
      this.item.accessibilityInformation = { label: 'Firecrawl backend: local engine. Activate to stop it.', role: 'button' };
    }
    this.items.setVisible(STATUS_IDS.backend, engineUrl !== undefined);
  }
}
