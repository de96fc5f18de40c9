/**
 * The Firecrawl view's "Workbench": the backend (and a way to switch), the current job, the
 * open sessions (on whichever server they run) and the jobs known on this backend. Empty (so
 * the welcome content shows) until there is a job, a session or a running engine.
 */
import type * as vscode from 'vscode';
import type { BackendSnapshot } from '../../host/backend';
import { formatNumber, l10n } from '../../shared/l10n';
import type { VSCode } from '../../host/vscode-types';
import { CMD, ITEM } from '../../ids';
import { formatAge, jobLabel, readableUrl, sessionDescription } from '../labels';
import { estimate } from '../../sessions/cost-meter';
import { type JobHistory, type JobState, type KnownJob } from '../../sessions/job-history';
import type { SessionState, SessionStore } from '../../sessions/session-store';
import type { CreditRates } from '../../shared/billing';
import { Emitter } from '../../shared/emitter';

export type WorkbenchNode =
  | { type: 'backend' }
  | { type: 'current' }
  | { type: 'sessions' }
  | { type: 'jobs' }
  | { type: 'session'; jobId: string; apiUrl: string }
  | { type: 'job'; jobId: string; apiUrl: string };

export interface WorkbenchSources {
  backend(): BackendSnapshot;
  engine(): { running: boolean; url?: string };
  sessions: SessionStore;
  jobs: JobHistory;
  rates(): CreditRates;
}

/** A function, not a table: the texts must be read after the translator is in place. */
function stateText(state: JobState): string {
  const text: Record<JobState, string> = { ready: l10n.t('no session yet'), active: l10n.t('session active'), stopped: l10n.t('stopped'), expired: l10n.t('expired'), gone: l10n.t('destroyed (410)') };
  return text[state];
}
const ICON: Record<BackendSnapshot['kind'], string> = { cloud: 'cloud', local: 'server-process', custom: 'plug' };

export class WorkbenchView implements vscode.TreeDataProvider<WorkbenchNode> {
  private readonly changed = new Emitter<WorkbenchNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Stable group nodes, so a tick can refresh the sessions alone. */
  private readonly groups = { backend: { type: 'backend' }, current: { type: 'current' }, sessions: { type: 'sessions' }, jobs: { type: 'jobs' } } as const;

  constructor(
    private readonly vscode: VSCode,
    private readonly src: WorkbenchSources,
  ) {
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** The elapsed times and credits changed (once a second while sessions are open). */
  tick(): void {
    this.changed.fire(this.groups.sessions);
  }

  dispose(): void {
    this.changed.dispose();
  }

  /** Whether the view has anything to show (else the welcome content shows). */
  hasContent(): boolean {
    const b = this.src.backend();
    return this.src.sessions.list().length > 0 || this.src.jobs.hasJobs(b.apiUrl) || this.src.engine().running;
  }

  getChildren(node?: WorkbenchNode): WorkbenchNode[] {
    const b = this.src.backend();
    if (!node) {
      if (!this.hasContent()) return [];
      const out: WorkbenchNode[] = [this.groups.backend, this.groups.current];
      if (this.src.sessions.list().length > 0) out.push(this.groups.sessions);
      if (this.src.jobs.list(b.apiUrl).length > 0) out.push(this.groups.jobs);
      return out;
    }
    if (node.type === 'sessions') return this.src.sessions.list().map((s) => ({ type: 'session', jobId: s.jobId, apiUrl: s.server.apiUrl }));
    if (node.type === 'jobs') return this.src.jobs.list(b.apiUrl).map((j) => ({ type: 'job', jobId: j.jobId, apiUrl: j.apiUrl }));
    return [];
  }

  getTreeItem(node: WorkbenchNode): vscode.TreeItem {
    const { TreeItem, TreeItemCollapsibleState: C, ThemeIcon } = this.vscode;
    const b = this.src.backend();
    switch (node.type) {
      case 'backend': {
        const engine = this.src.engine();
        const item = new TreeItem(l10n.t('Backend: {0}', b.label), C.None);
        const from = b.source === 'environment' ? l10n.t('from FIRECRAWL_API_URL') : b.source === 'setting' ? l10n.t('from settings') : '';
        const detail = b.kind === 'local' ? `${b.source === 'environment' ? l10n.t('from FIRECRAWL_API_URL') : l10n.t('running')} · ${hostOf(b.apiUrl)}` : b.kind === 'custom' ? `${l10n.t('custom URL')}${from ? ` · ${from}` : ''}` : hostOf(b.apiUrl);
        item.description = `${detail}${engine.running && b.kind !== 'local' ? ` · ${l10n.t('local engine idle')}` : ''}`;
        item.tooltip = l10n.t('Requests from this window go to {0} ({1}).\nClick to switch backend.', b.apiUrl, b.source);
        item.iconPath = new ThemeIcon(ICON[b.kind]);
        item.contextValue = `${ITEM.backend}.${b.kind}${engine.running ? '.engine' : ''}`;
        item.command = { command: CMD.switchBackend, title: l10n.t('Switch backend') };
        return item;
      }
      case 'current': {
        const job = this.src.jobs.current(b.apiUrl);
        const pending = this.src.jobs.pendingFor(b.apiUrl);
        if (!job && !pending) {
          const item = new TreeItem(l10n.t('No job chosen'), C.None);
          item.description = l10n.t('choose or scrape one');
          item.iconPath = new ThemeIcon('circle-large-outline');
          item.command = { command: CMD.chooseJob, title: l10n.t('Choose job') };
          item.contextValue = ITEM.currentNone;
          return item;
        }
        const shown = (pending ?? job) as KnownJob;
        const item = new TreeItem(l10n.t('Job: {0}', shown.title?.trim() || (shown.url && readableUrl(shown.url)) || shown.jobId.slice(0, 8)), C.None);
        const session = this.src.sessions.get(shown.jobId, b.apiUrl);
        item.description = pending ? l10n.t('unconfirmed: its first run checks it') : `${formatAge(Date.now() - shown.createdAt)} · ${session ? l10n.t('session active') : stateText(shown.state ?? 'ready')}`;
        item.tooltip = `${shown.url ?? l10n.t('URL unknown')}\n${l10n.t('Job {0} on {1}', shown.jobId, b.label)}\n${l10n.t('Click to choose another job.')}`;
        item.iconPath = new ThemeIcon(pending ? 'question' : 'target');
        item.contextValue = ITEM.currentJob;
        item.command = { command: CMD.chooseJob, title: l10n.t('Choose job') };
        return item;
      }
      case 'sessions': {
        const item = new TreeItem(l10n.t('Sessions ({0})', this.src.sessions.list().length), C.Expanded);
        item.iconPath = new ThemeIcon('globe');
        item.contextValue = ITEM.sessions;
        return item;
      }
      case 'jobs': {
        const item = new TreeItem(l10n.t('Jobs on {0} ({1})', b.label, this.src.jobs.list(b.apiUrl).length), C.Collapsed);
        item.iconPath = new ThemeIcon('history');
        item.contextValue = ITEM.jobs;
        return item;
      }
      case 'session':
        return this.sessionItem(this.src.sessions.get(node.jobId, node.apiUrl), node);
      case 'job':
        return this.jobItem(this.src.jobs.get(node.jobId, node.apiUrl), node, b);
    }
  }

  private sessionItem(s: SessionState | undefined, node: WorkbenchNode & { type: 'session' }): vscode.TreeItem {
    const { TreeItem, TreeItemCollapsibleState: C, ThemeIcon } = this.vscode;
    const job = this.src.jobs.get(node.jobId, node.apiUrl);
    const item = new TreeItem(job ? jobLabel(job) : l10n.t('Job {0}', node.jobId.slice(0, 8)), C.None);
    if (!s) return item;
    const e = estimate(s, Date.now(), this.src.rates());
    item.description = sessionDescription(s, this.src.rates());
    const cost = s.server.free ? l10n.t('Free (local engine).') : l10n.t('Estimated {0} credits so far.', formatNumber(e.credits));
    item.tooltip = `${l10n.t('Session of job {0} on {1} ({2})', s.jobId, s.server.label, s.server.apiUrl)}\n${cost}\n${l10n.t('Click to watch it live; right-click for stop, copy CDP URL, run here.')}`;
    item.iconPath = new ThemeIcon(s.overdue ? 'watch' : 'vm-running');
    item.contextValue = s.server.free ? ITEM.sessionFree : ITEM.session;
    item.command = { command: CMD.openLiveView, title: l10n.t('Open live view'), arguments: [{ jobId: s.jobId, apiUrl: s.server.apiUrl }] };
    return item;
  }

  private jobItem(job: KnownJob | undefined, node: WorkbenchNode & { type: 'job' }, b: BackendSnapshot): vscode.TreeItem {
    const { TreeItem, TreeItemCollapsibleState: C, ThemeIcon } = this.vscode;
    const item = new TreeItem(job ? jobLabel(job) : node.jobId, C.None);
    if (!job) return item;
    const current = this.src.jobs.current(b.apiUrl)?.jobId === job.jobId;
    const live = this.src.sessions.get(job.jobId, job.apiUrl) !== undefined;
    item.description = `${current ? `${l10n.t('current')} · ` : ''}${live ? l10n.t('session active') : stateText(job.state ?? 'ready')} · ${formatAge(Date.now() - (job.lastUsedAt ?? job.createdAt))}`;
    item.tooltip = `${job.url ?? l10n.t('URL unknown')}\n${l10n.t('Job {0} on {1}', job.jobId, job.serverLabel ?? job.apiUrl)}`;
    item.iconPath = new ThemeIcon(current ? 'target' : 'file');
    item.contextValue = ITEM.knownJob;
    item.command = { command: CMD.chooseJob, title: l10n.t('Use this job'), arguments: [{ jobId: job.jobId }] };
    return item;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
