/**
 * One interact request from the editor, start to finish: make sure there is a job, validate,
 * send it with a cancellable progress notification and the status-bar spinner, record the
 * session, write the report to the output channel, and notify (failed run → warning; first
 * run of a session → offer the live view; prompt → the agent's answer). Never retried
 * automatically: POST interact is not idempotent.
 */
import type { InteractLanguage, InteractRequest } from '../shared/api-types';
import { checkInteract } from '../shared/validation';
import { answerExcerpt, formatRunReport } from '../ui/run-report';
import type { NotificationAction } from '../ui/notifier';
import { ensureJob } from './choose-job';
import { reportError } from './report-error';
import { CMD, type Services } from './services';

export type RunInput = { kind: 'code'; code: string; language: InteractLanguage } | { kind: 'prompt'; prompt: string };

const ANSWER_EXCERPT = 400;

/** Runs `input` in the current job (or `jobId`). Resolves when the run is reported. */
export async function runInteract(svc: Services, input: RunInput, jobId?: string): Promise<void> {
  const job = jobId ?? (await ensureJob(svc));
  if (!job) return;
  const body: InteractRequest = input.kind === 'code' ? { code: input.code, language: input.language } : { prompt: input.prompt };
  body.timeout = svc.settings.read().defaultTimeout;
  const problem = checkInteract(job, body);
  if (problem) {
    svc.notifier.error(problem);
    return;
  }
  const log = svc.log.for('run');
  const what = input.kind === 'code' ? `${input.language} code` : 'prompt';
  const apiUrl = await svc.backend.apiUrl();
  const startedAt = new Date();
  log.info(`${what} → job ${job} (${input.kind === 'code' ? `${input.code.length} chars` : `${input.prompt.length} chars`})`);

  const controller = svc.requests.start();
  const end = svc.activity.begin(input.kind === 'code' ? `Running ${input.language}…` : 'Asking the page…');
  let response;
  try {
    response = await svc.vscode.window.withProgress(
      {
        location: svc.vscode.ProgressLocation.Notification,
        title: input.kind === 'code' ? `Firecrawl: running ${what} in job ${short(job)}…` : `Firecrawl: asking the page (job ${short(job)})…`,
        cancellable: true,
      },
      (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return svc.client.interact(job, body, controller.signal);
      },
    );
  } catch (err) {
    reportError(svc, err, { what: 'run', jobId: job, retry: () => runInteract(svc, input, job) });
    return;
  } finally {
    end();
    svc.requests.finish(controller);
  }

  const durationMs = Date.now() - startedAt.getTime();
  const { state, isNew } = svc.sessions.recordInteract(job, apiUrl, response, input.kind === 'prompt', startedAt.getTime());
  log.info(`job ${job}: ${response.success ? 'ok' : 'failed'}${response.killed ? ' (killed)' : ''}, exit ${String(response.exitCode ?? '-')}, ${durationMs} ms${isNew ? ', new session' : ''}`);

  const report = formatRunReport(
    { kind: input.kind, language: input.kind === 'code' ? input.language : undefined, prompt: input.kind === 'prompt' ? input.prompt : undefined, jobId: job, startedAt, durationMs, response },
    { limit: svc.settings.read().outputLimit },
  );
  svc.output.appendLine('');
  svc.output.appendLine(report.text);
  svc.output.show();

  const actions: NotificationAction[] = [];
  if (report.truncated && report.fullResult !== undefined) {
    const id = svc.results.put(job, report.fullResult);
    actions.push({ label: 'Open full result', run: () => svc.vscode.commands.executeCommand(CMD.openFullResult, id) });
  }
  if (isNew && state.liveViewUrl) {
    actions.push({ label: 'Open live view', run: () => svc.vscode.commands.executeCommand(CMD.openLiveView, { jobId: job }) });
  }

  if (!response.success) {
    const why = response.killed ? `it was killed by its ${body.timeout} s time limit` : response.exitCode ? `exit code ${response.exitCode}` : 'it did not succeed';
    svc.notifier.warn(`The run in job ${short(job)} failed (${why}). stdout, stderr and the error are in the "Firecrawl Interact" output.`, ...actions);
  } else if (input.kind === 'prompt') {
    const answer = answerExcerpt(response, ANSWER_EXCERPT);
    svc.notifier.info(answer ? `Answer: ${answer}` : 'The agent finished without an answer; see the output.', ...actions);
  } else if (isNew) {
    svc.notifier.info(`Browser session started for job ${short(job)}. Its estimated cost is in the status bar; stop it there when done.`, ...actions);
  } else if (actions.length > 0) {
    svc.notifier.info(`The result of the run in job ${short(job)} was cut in the output.`, ...actions);
  }
}

export function short(jobId: string): string {
  return jobId.slice(0, 8);
}
