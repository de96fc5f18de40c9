/**
 * Shows runs: listens to the executor and writes each run's header to the output when it is
 * sent (and that it waits, when it is queued behind another run of the same session), its
 * report when it comes back, records it in the history, and puts its outcome in the run's
 * one notification. It sends nothing.
 */
import { ApiError } from '../api/errors';
import { l10n } from '../shared/l10n';
import type { Log } from '../host/log';
import type { Settings } from '../host/settings';
import { CMD } from '../ids';
import type { RunOptions } from '../run/run-path';
import type { RunHistory } from '../run/history';
import { kindLabel, type RunRecord } from '../run/types';
import { jobLabel } from './labels';
import { type KnownJob } from '../sessions/job-history';
import { NO_PROMPT_MODEL } from '../shared/api-types';
import { errorLinks } from './error-actions';
import type { NoticeLink, Notifier, RunOutcome } from './notifier';
import type { ResultDocuments } from './result-documents';
import type { ResultOutput } from './result-output';
import { answerExcerpt, formatDuration, formatRunHeader, formatRunReport } from './run-report';

export interface RunPresenterDeps {
  output: ResultOutput;
  notifier: Notifier;
  history: RunHistory;
  results: ResultDocuments;
  settings: Settings;
  log: Log;
  extensionId: string;
  engineRunning(): boolean;
  /** The URL of the local engine this window runs, if it runs one. */
  engineUrl(): string | undefined;
  /** The job a run on `apiUrl` goes to when none is named (pending, else current). */
  nextJob(apiUrl: string): KnownJob | undefined;
}

const ANSWER_EXCERPT = 300;

/** This window's local engine answers 501 to a prompt when it has no model: say exactly what to set. */
export function noModelMessage(): string {
  return l10n.t('The local engine has no model for prompts (501). Set firecrawlInteract.localEngine.modelUrl (an OpenAI-compatible endpoint) and firecrawlInteract.localEngine.modelName, store its key with "Firecrawl: Set local engine model key", then stop and start the local engine. Code runs work without a model.');
}

export class RunPresenter {
  /** The run whose lines the output shows last, so a report follows its own header. */
  private lastWritten: string | undefined;

  constructor(private readonly d: RunPresenterDeps) {}

  started(record: RunRecord): void {
    this.d.output.appendLine('');
    this.d.output.appendLine(this.header(record));
    this.lastWritten = record.id;
    if (record.waiting) this.d.output.appendLine(`… ${l10n.t('waiting for the run before it in this session to finish')}`);
    this.d.output.show();
    this.d.log.for('run').info(`${kindLabel(record.input)} → job ${record.jobId} on ${record.server.label} (${record.id})`);
  }

  async finished(record: RunRecord, opts: RunOptions): Promise<void> {
    if (this.isOwnEngineWithoutModel(record)) record.errorMessage = noModelMessage();
    else if (record.error instanceof ApiError && record.error.status === 404 && !opts.quiet) record.errorMessage = `${record.errorMessage ?? ''} ${this.whereNextRunGoes(record)}`;
    const body = this.body(record);
    if (this.lastWritten !== record.id) this.d.output.appendLine(`${this.header(record)} ${l10n.t('(result)')}`);
    this.d.output.appendLine(body.text);
    this.lastWritten = record.id;
    const links = this.links(record, body.truncated);
    const hint = links.map((l) => l.label);
    if (hint.length > 0) this.d.output.appendLine(`→ ${l10n.t("{0}: in the run's notification, and on this run in the Firecrawl view (Runs, right-click).", hint.join(' · '))}`);
    this.d.log.for('run').info(`${record.id}: ${record.status}${record.response?.exitCode !== undefined ? `, exit ${String(record.response.exitCode)}` : ''}, ${record.durationMs ?? 0} ms${record.newSession ? ', new session' : ''}`);
    if (!opts.quiet) this.d.notifier.finishRun(record.id, { ...this.outcome(record), links });
    await this.d.history.add(record, `${this.header(record)}\n${body.text}`);
  }

  /**
   * Only the engine this window started takes its model from these settings; any other engine
   * (the environment's, a custom URL) is told by the error itself to set its own variables.
   */
  private isOwnEngineWithoutModel(record: RunRecord): boolean {
    return record.error instanceof ApiError && record.error.code === NO_PROMPT_MODEL && record.server.apiUrl === this.d.engineUrl();
  }

  /** The job that answered 404 is forgotten: say where the next run goes, so it never goes there unannounced. */
  private whereNextRunGoes(record: RunRecord): string {
    const next = this.d.nextJob(record.server.apiUrl);
    if (!next || next.jobId === record.jobId) return l10n.t('No job is current on {0} now: your next run asks which job to use.', record.server.label);
    return l10n.t('Your next run goes to the current job, {0} ({1}); Choose job changes it.', jobLabel(next), next.jobId.slice(0, 8));
  }

  private header(record: RunRecord): string {
    const input = record.input;
    const src = input.source ? `${input.source.label}:${input.source.startLine + 1}${input.source.endLine > input.source.startLine ? `–${input.source.endLine + 1}` : ''}` : undefined;
    return formatRunHeader({
      kind: input.kind,
      language: input.kind === 'code' ? input.language : undefined,
      prompt: input.kind === 'prompt' ? input.prompt : undefined,
      jobId: record.jobId,
      startedAt: new Date(record.startedAt),
      source: src,
      server: record.server.label,
    });
  }

  private body(record: RunRecord): { text: string; truncated: boolean } {
    const res = record.response;
    if (!res) return { text: `${record.status === 'cancelled' ? '■' : '✗'} ${record.errorMessage ?? l10n.t('The request failed.')}`, truncated: false };
    const input = record.input;
    const report = formatRunReport(
      {
        kind: input.kind,
        language: input.kind === 'code' ? input.language : undefined,
        prompt: input.kind === 'prompt' ? input.prompt : undefined,
        jobId: record.jobId,
        startedAt: new Date(record.startedAt),
        durationMs: record.durationMs ?? 0,
        response: res,
      },
      { limit: this.d.settings.outputLimit.get(), header: false },
    );
    if (report.truncated && report.fullResult !== undefined) this.d.results.put(record.id, report.fullResult);
    return report;
  }

  private links(record: RunRecord, truncated: boolean): NoticeLink[] {
    // The output is shown when the run starts, so it needs no link of its own.
    const links: NoticeLink[] = [];
    if (truncated) links.push({ label: l10n.t('Open full result'), command: CMD.historyOpenFullResult, arg: { id: record.id } });
    if (record.newSession && record.response?.liveViewUrl) links.push({ label: l10n.t('Open live view'), command: CMD.openLiveView, arg: { jobId: record.jobId, apiUrl: record.server.apiUrl } });
    // The local engine records its sessions' traces (localEngine.trace): the run in the trace viewer.
    if (record.server.kind === 'local' && record.response?.sessionId) links.push({ label: l10n.t('Open trace'), command: CMD.openTrace, arg: { id: record.id } });
    if (needsPythonSetup(record)) links.push({ label: l10n.t('Set up Python'), command: CMD.setupPython });
    if (this.isOwnEngineWithoutModel(record)) {
      links.push({ label: l10n.t('Open settings'), command: 'workbench.action.openSettings', arg: 'firecrawlInteract.localEngine' }, { label: l10n.t('Set model key'), command: CMD.setModelKey });
    } else if (record.error instanceof ApiError) {
      links.push(
        ...errorLinks(record.error.actions, {
          extensionId: this.d.extensionId,
          jobId: record.jobId,
          apiUrl: record.server.apiUrl,
          retry: { command: CMD.historyRerun, arg: { id: record.id } },
          engineRunning: this.d.engineRunning(),
        }),
      );
    }
    return links;
  }

  private outcome(record: RunRecord): Omit<RunOutcome, 'links'> {
    const short = record.jobId.slice(0, 8);
    const took = formatDuration(record.durationMs ?? 0);
    const res = record.response;
    if (!res) return { severity: record.status === 'cancelled' ? 'info' : 'error', message: record.errorMessage ?? l10n.t('The request failed.') };
    if (!res.success) {
      const why = res.killed ? l10n.t('killed by its {0} s time limit', record.timeout ?? '?') : typeof res.exitCode === 'number' && res.exitCode !== 0 ? l10n.t('exit code {0}', res.exitCode) : l10n.t('it did not succeed');
      return { severity: 'warning', message: l10n.t('The run in job {0} failed ({1}); stdout, stderr and the error are in the output.', short, why) };
    }
    const started = !record.newSession ? '' : ` ${record.server.kind === 'local' ? l10n.t('A browser session started on {0} (free).', record.server.label) : l10n.t('A browser session started on {0}; its estimated cost is in the status bar.', record.server.label)}`;
    if (record.input.kind === 'prompt') {
      const answer = answerExcerpt(res, ANSWER_EXCERPT);
      return { severity: 'info', message: `${answer ? l10n.t('Answer: {0}', answer) : l10n.t('The agent finished without an answer; see the output.')}${started}` };
    }
    return { severity: 'info', message: `${l10n.t('{0} ran in job {1} in {2}.', kindLabel(record.input), short, took)}${started}` };
  }
}

/** A local python run that found no Playwright for Python (or no Python): "Set up Python" makes both. */
export function needsPythonSetup(record: RunRecord): boolean {
  if (record.input.kind !== 'code' || record.input.language !== 'python' || record.server.kind !== 'local') return false;
  return /Python runs need Playwright for Python|Python runs cannot start: could not start /.test(record.response?.stderr ?? '');
}
