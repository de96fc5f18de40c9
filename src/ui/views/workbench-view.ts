/**
 * The Firecrawl view's "Workbench": the backend (and a way to switch), the current job, the
 * open sessions (on whichever server they run) and the jobs known on this backend. Empty (so
 * the welcome content shows) until there is a job, a session or a running engine.
 */
import type * as vscode from 'vscode';
import type { BackendSnapshot } from '../../host/backend';
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

const STATE_TEXT: Record<JobState, string> = { ready: 'no session yet', active: 'session active', stopped: 'stopped', expired: 'expired', gone: 'destroyed (410)' };
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
        const item = new TreeItem(`Backend: ${b.label}`, C.None);
        const from = b.source === 'environment' ? 'from FIRECRAWL_API_URL' : b.source === 'setting' ? 'from settings' : '';
        const detail = b.kind === 'local' ? `${b.source === 'environment' ? 'from FIRECRAWL_API_URL' : 'running'} · ${hostOf(b.apiUrl)}` : b.kind === 'custom' ? `custom URL${from ? ` · ${from}` : ''}` : hostOf(b.apiUrl);
        item.description = `${detail}${engine.running && b.kind !== 'local' ? ' · local engine idle' : ''}`;
        item.tooltip = `Requests from this window go to ${b.apiUrl} (${b.source}).\nClick to switch backend.`;
        item.iconPath = new ThemeIcon(ICON[b.kind]);
        item.contextValue = `${ITEM.backend}.${b.kind}${engine.running ? '.engine' : ''}`;
        item.command = { command: CMD.switchBackend, title: 'Switch backend' };
        return item;
      }
      case 'current': {
        const job = this.src.jobs.current(b.apiUrl);
        const pending = this.src.jobs.pendingFor(b.apiUrl);
        if (!job && !pending) {
          const item = new TreeItem('No job chosen', C.None);
          item.description = 'choose or scrape one';
          item.iconPath = new ThemeIcon('circle-large-outline');
          item.command = { command: CMD.chooseJob, title: 'Choose job' };
          item.contextValue = ITEM.currentNone;
          return item;
        }
        const shown = (pending ?? job) as KnownJob;
        const item = new TreeItem(`Job: ${shown.title?.trim() || (shown.url && readableUrl(shown.url)) || shown.jobId.slice(0, 8)}`, C.None);
        const session = this.src.sessions.get(shown.jobId, b.apiUrl);
        item.description = pending ? 'unconfirmed: its first run checks it' : `${formatAge(Date.now() - shown.createdAt)} · ${session ? 'session active' : STATE_TEXT[shown.state ?? 'ready']}`;
        item.tooltip = `${shown.url ?? 'URL unknown'}\nJob ${shown.jobId} on ${b.label}\nClick to choose another job.`;
        item.iconPath = new ThemeIcon(pending ? 'question' : 'target');
        item.contextValue = ITEM.currentJob;
        item.command = { command: CMD.chooseJob, title: 'Choose job' };
        return item;
      }
      case 'sessions': {
        const item = new TreeItem(`Sessions (${this.src.sessions.list().length})`, C.Expanded);
        item.iconPath = new ThemeIcon('globe');
        item.contextValue = ITEM.sessions;
        return item;
      }
      case 'jobs': {
        const item = new TreeItem(`Jobs on ${b.label} (${this.src.jobs.list(b.apiUrl).length})`, C.Collapsed);
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
    const item = new TreeItem(job ? jobLabel(job) : `Job ${node.jobId.slice(0, 8)}`, C.None);
    if (!s) return item;
    const e = estimate(s, Date.now(), this.src.rates());
    item.description = sessionDescription(s, this.src.rates());
    item.tooltip = `Session of job ${s.jobId} on ${s.server.label} (${s.server.apiUrl})\n${s.server.free ? 'Free (local engine).' : `Estimated ${e.credits} credits so far.`}\nClick to watch it live; right-click for stop, copy CDP URL, run here.`;
    item.iconPath = new ThemeIcon(s.overdue ? 'watch' : 'vm-running');
    item.contextValue = s.server.free ? ITEM.sessionFree : ITEM.session;
    item.command = { command: CMD.openLiveView, title: 'Open live view', arguments: [{ jobId: s.jobId, apiUrl: s.server.apiUrl }] };
    return item;
  }

  private jobItem(job: KnownJob | undefined, node: WorkbenchNode & { type: 'job' }, b: BackendSnapshot): vscode.TreeItem {
    const { TreeItem, TreeItemCollapsibleState: C, ThemeIcon } = this.vscode;
    const item = new TreeItem(job ? jobLabel(job) : node.jobId, C.None);
    if (!job) return item;
    const current = this.src.jobs.current(b.apiUrl)?.jobId === job.jobId;
    const live = this.src.sessions.get(job.jobId, job.apiUrl) !== undefined;
    item.description = `${current ? 'current · ' : ''}${live ? 'session active' : STATE_TEXT[job.state ?? 'ready']} · ${formatAge(Date.now() - (job.lastUsedAt ?? job.createdAt))}`;
    item.tooltip = `${job.url ?? 'URL unknown'}\nJob ${job.jobId} on ${job.serverLabel ?? job.apiUrl}`;
    item.iconPath = new ThemeIcon(current ? 'target' : 'file');
    item.contextValue = ITEM.knownJob;
    item.command = { command: CMD.chooseJob, title: 'Use this job', arguments: [{ jobId: job.jobId }] };
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
