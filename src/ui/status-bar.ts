/**
 * The extension's status bar items, each with a stable id and name (UI tests and screen
 * readers find them by these):
 * - `firecrawlInteract.backend`: always shown: the backend (cloud, local engine, custom URL)
 *   and the current job; click: switch backend.
 * - `firecrawlInteract.activity`: `$(sync~spin)` while a request runs; click cancels it.
 * - `firecrawlInteract.cost`: elapsed time and estimated credits of the open sessions ("free"
 *   on the local engine), ticking every second; click: the session menu.
 * - `firecrawlInteract.stop`: `$(debug-stop)`: stop, after asking.
 */
import type * as vscode from 'vscode';
import type { StatusBarSnapshot } from '../extension-api';
import type { BackendSnapshot } from '../host/backend';
import { Disposable } from '../host/disposable';
import { formatNumber, l10n } from '../shared/l10n';
import type { Settings } from '../host/settings';
import type { VSCode } from '../host/vscode-types';
import { CMD, STATUS } from '../ids';
import type { RunningRequest } from '../run/requests';
import { formatElapsed, jobLabel } from './labels';
import { estimate } from '../sessions/cost-meter';
import { type KnownJob } from '../sessions/job-history';
import type { SessionState } from '../sessions/session-store';

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

const BACKEND_ICON: Record<BackendSnapshot['kind'], string> = { cloud: '$(cloud)', local: '$(server-process)', custom: '$(plug)' };

/** The backend and the current job, always visible. */
export class BackendItem {
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly items: StatusItems) {
    this.item = items.create(STATUS.backend, l10n.t('Firecrawl backend and job'), 102);
    this.item.command = CMD.switchBackend;
  }

  update(backend: BackendSnapshot, job: KnownJob | undefined, pending: KnownJob | undefined): void {
    const jobText = job ? short(jobLabel(job)) : pending ? l10n.t('job {0} (unconfirmed)', pending.jobId.slice(0, 8)) : l10n.t('no job');
    this.item.text = `${BACKEND_ICON[backend.kind]} ${backend.label} · ${jobText}`;
    const jobLine = job ? l10n.t('Job: {0} ({1})', jobLabel(job), job.jobId) : pending ? l10n.t('Job {0}: chosen, confirmed by its first run', pending.jobId) : l10n.t('No job chosen yet (Firecrawl: Choose job).');
    this.item.tooltip = [l10n.t('Firecrawl backend: {0} — {1} (from {2})', backend.label, backend.apiUrl, backend.source), jobLine, '', l10n.t('Click to switch backend.')].join('\n');
    this.item.accessibilityInformation = { label: job ? l10n.t('Firecrawl backend {0}, job {1}. Activate to switch backend.', backend.label, jobLabel(job)) : l10n.t('Firecrawl backend {0}, no job. Activate to switch backend.', backend.label), role: 'button' };
    this.items.setVisible(STATUS.backend, true);
  }
}

/** Spinner while requests run. Several at once share one item. */
export class ActivityIndicator {
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly items: StatusItems) {
    this.item = items.create(STATUS.activity, l10n.t('Firecrawl: request running'), 101);
    this.item.command = CMD.cancelRun;
  }

  update(running: RunningRequest[]): void {
    const count = running.length;
    if (count > 0) {
      const text = count > 1 ? l10n.t('{0} requests', count) : running[0].label;
      this.item.text = `$(sync~spin) ${text}`;
      this.item.tooltip = l10n.t('Firecrawl request running. Click to cancel it (the server may still finish the run).');
      this.item.accessibilityInformation = { label: l10n.t('Firecrawl: {0}. Activate to cancel.', text), role: 'button' };
    }
    this.items.setVisible(STATUS.activity, count > 0);
  }
}

/** Cost estimate and stop button, shown while sessions exist. */
export class SessionStatus {
  private readonly cost: vscode.StatusBarItem;
  private readonly stop: vscode.StatusBarItem;

  constructor(
    private readonly items: StatusItems,
    private readonly settings: Settings,
  ) {
    this.cost = items.create(STATUS.cost, l10n.t('Firecrawl session cost (estimate)'), 100);
    this.cost.command = CMD.sessionMenu;
    this.stop = items.create(STATUS.stop, l10n.t('Firecrawl: stop session'), 99);
    this.stop.text = '$(debug-stop)';
    this.stop.command = CMD.stopSession;
  }

  update(states: SessionState[], now = Date.now()): void {
    const active = states.length > 0;
    if (active) {
      const rates = this.settings.rates();
      const rows = states.map((s) => ({ s, e: estimate(s, now, rates) }));
      const billed = rows.filter((r) => !r.s.server.free);
      const credits = billed.reduce((sum, r) => sum + r.e.credits, 0);
      const money = billed.length > 0 ? l10n.t('~{0} cr', formatNumber(credits)) : l10n.t('free');
      this.cost.text = states.length === 1 ? `$(globe) ${formatElapsed(rows[0].e.elapsedMs)} · ${money}` : `$(globe) ${l10n.t('{0} sessions', states.length)} · ${money}`;
      const lines = rows.map(({ s, e }) => {
        const cost = s.server.free ? l10n.t('free (local engine)') : s.promptUsed ? l10n.t('~{0} credits (prompt rate)', formatNumber(e.credits)) : l10n.t('~{0} credits', formatNumber(e.credits));
        return `${l10n.t('Job {0} on {1}: {2}, {3}', s.jobId, s.server.label, formatElapsed(e.elapsedMs), cost)}${s.overdue ? l10n.t(', probably expired') : ''}`;
      });
      const how = billed.length > 0 ? l10n.t("Estimate: {0} credits per minute ({1} once a prompt ran), prorated per second, minimum one minute, rounded up. The server's bill is reported when you stop.", rates.perMinute, rates.promptPerMinute) : l10n.t('Local engine sessions cost nothing.');
      this.cost.tooltip = [...lines, '', how, l10n.t('Click for the session menu.')].join('\n');
      const what = states.length === 1 ? l10n.t('One Firecrawl session') : l10n.t('{0} Firecrawl sessions', states.length);
      this.cost.accessibilityInformation = { label: billed.length > 0 ? l10n.t('{0}, estimated {1} credits so far. Activate for the session menu.', what, formatNumber(credits)) : l10n.t('{0}, free. Activate for the session menu.', what), role: 'button' };
      this.stop.tooltip = states.length === 1 ? l10n.t('Stop the browser session of job {0} (asks first)', states[0].jobId) : l10n.t('Stop one or all of {0} browser sessions (asks first)', states.length);
      this.stop.accessibilityInformation = { label: states.length === 1 ? l10n.t('Stop Firecrawl session') : l10n.t('Stop Firecrawl sessions'), role: 'button' };
    }
    this.items.setVisible(STATUS.cost, active);
    this.items.setVisible(STATUS.stop, active);
  }
}

function short(s: string): string {
  return s.length > 28 ? `${s.slice(0, 27)}…` : s;
}
