/**
 * The Firecrawl view's "Runs": this workspace's run history, newest first: language or
 * prompt, first line, file and lines, status, duration. A click opens the run's report;
 * inline and context actions run it again (in its job or the current one), open its full
 * result, copy its code.
 */
import type * as vscode from 'vscode';
import { l10n, translator } from '../../shared/l10n';
import type { VSCode } from '../../host/vscode-types';
import { CMD, ITEM } from '../../ids';
import type { HistoryEntry, RunHistory } from '../../run/history';
import { firstLine, kindLabel, type RunStatus } from '../../run/types';
import { formatAge } from '../labels';
import { formatDuration } from '../run-report';
import { Emitter } from '../../shared/emitter';

export interface RunNode {
  type: 'run';
  id: string;
}

const STATUS_ICON: Record<RunStatus, [string, string | undefined]> = {
  ok: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  killed: ['watch', 'testing.iconFailed'],
  error: ['warning', 'problemsWarningIcon.foreground'],
  cancelled: ['circle-slash', undefined],
  running: ['sync~spin', undefined],
};

/** A function, not a table: the texts must be read after the translator is in place. */
function statusText(status: RunStatus): string {
  const text: Record<RunStatus, string> = { ok: l10n.t('done'), failed: l10n.t('failed'), killed: l10n.t('killed (time limit)'), error: l10n.t('request failed'), cancelled: l10n.t('cancelled'), running: l10n.t('running') };
  return text[status];
}

export class RunsView implements vscode.TreeDataProvider<RunNode> {
  private readonly changed = new Emitter<RunNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly vscode: VSCode,
    private readonly history: RunHistory,
    private readonly hasFullResult: (id: string) => boolean,
  ) {
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  getChildren(node?: RunNode): RunNode[] {
    return node ? [] : this.history.list().map((e) => ({ type: 'run', id: e.id }));
  }

  getTreeItem(node: RunNode): vscode.TreeItem {
    const { TreeItem, TreeItemCollapsibleState: C, ThemeIcon, ThemeColor, MarkdownString } = this.vscode;
    const e = this.history.get(node.id);
    if (!e) return new TreeItem(l10n.t('(removed)'), C.None);
    const item = new TreeItem(`${kindLabel(e.input)} · ${firstLine(e.input, 60) || l10n.t('(empty)')}`, C.None);
    item.id = e.id;
    const where = sourceText(e);
    item.description = `${where ? `${where} · ` : ''}${statusText(e.status)} · ${formatDuration(e.durationMs)}${e.counts ? ` · ${e.counts.split(' · ').slice(0, 2).join(' · ')}` : ''} · ${formatAge(Date.now() - e.startedAt)}`;
    const [icon, color] = STATUS_ICON[e.status];
    item.iconPath = new ThemeIcon(icon, color ? new ThemeColor(color) : undefined);
    // File names, job ids and server labels come from outside: appended as text (escaped), and
    // the string is never trusted, so no link in it can run a command.
    const md = new MarkdownString();
    md.isTrusted = false;
    md.appendMarkdown(`**${kindLabel(e.input)}** `).appendText(where ? l10n.t('from {0} in job {1} on {2}', where, e.jobId, e.server.label) : l10n.t('in job {0} on {1}', e.jobId, e.server.label)).appendMarkdown('\n\n');
    const outcome = typeof e.exitCode === 'number' ? l10n.t('{0} (exit {1})', statusText(e.status), e.exitCode) : statusText(e.status);
    md.appendText(l10n.t('{0} in {1}, {2}', outcome, formatDuration(e.durationMs), new Date(e.startedAt).toLocaleString(translator().language))).appendMarkdown('\n\n');
    if (e.counts) md.appendText(e.counts).appendMarkdown('\n\n');
    // A fence inside the summary would end the code block early.
    if (e.summary) md.appendCodeblock(e.summary.replace(/`{3,}/g, (f) => "'".repeat(f.length)), 'text');
    item.tooltip = md;
    item.contextValue = this.hasFullResult(e.id) ? ITEM.runFull : ITEM.run;
    item.command = { command: CMD.historyOpenOutput, title: l10n.t('Open output'), arguments: [{ id: e.id }] };
    item.accessibilityInformation = { label: l10n.t('{0} run, {1}, {2}', kindLabel(e.input), statusText(e.status), firstLine(e.input, 60)) };
    return item;
  }
}

function sourceText(e: HistoryEntry): string | undefined {
  const s = e.input.source;
  if (!s) return undefined;
  return `${s.label.split('/').pop()}:${s.startLine + 1}${s.endLine > s.startLine ? `–${s.endLine + 1}` : ''}`;
}
