/**
 * POST/DELETE /v2/scrape/:jobId/interact and POST /v2/browser/:id/execute: a body its schema
 * checked (schemas/interact.ts) runs on the session, by the runner for its language (or the agent).
 */
import { NO_PROMPT_MODEL } from '../../shared/api-types';
import { badRequest, HttpError } from '../http/errors';
import type { ServerTiming } from '../http/answers';
import { sessionUrls } from './session-urls';
import type { RunnerFactory } from '../runners/runner-table';
import type { Language, Runner } from '../runners/types';
import { lifetimesMs, type InteractBody } from '../schemas/interact';
import type { Session } from '../sessions/session';
import type { SessionManager } from '../sessions/session-manager';

/** How a run is named in the session's trace: "Run 3 · node: await page.click('#more')" (first line, cut). */
export function runTitle(n: number, req: Pick<InteractBody, 'code' | 'prompt' | 'language'>): string {
  const kind = req.prompt !== undefined ? 'prompt' : req.language;
  const first = (req.prompt ?? req.code ?? '').trim().split('\n', 1)[0];
  return `Run ${n} · ${kind}: ${first.length > 60 ? `${first.slice(0, 60)}…` : first}`;
}

export class InteractHandler {
  constructor(
    private readonly sessions: SessionManager,
    /** The runners sessions get: prompts need the agent's (a model configured). */
    private readonly runners: RunnerFactory,
  ) {}

  /** POST /v2/scrape/{jobId}/interact: the job's own session, or the earlier one existingSessionId names. */
  async interact(jobId: string, req: InteractBody, origin: string, timing?: ServerTiming): Promise<Record<string, unknown>> {
    this.checkPromptable(req);
    // existingSessionId: the run goes to that earlier session (standalone or another job's) instead of the job's own.
    const jobHost = this.sessions.jobHost(jobId);
    const session = req.existingSessionId ? this.sessions.active(req.existingSessionId.toLowerCase()) : await this.sessions.forJob(jobId, lifetimesMs(req), req.prompt === undefined ? req.language : 'prompt');
    return this.runOn(session, req, origin, timing, jobHost);
  }

  /** POST /v2/browser/{id}/execute: the same body and answer, on a standalone (or job) session. */
  async execute(sessionId: string, req: InteractBody, origin: string, timing?: ServerTiming): Promise<Record<string, unknown>> {
    if (req.existingSessionId && req.existingSessionId.toLowerCase() !== sessionId) {
      const message = 'existingSessionId names another session than this route does: leave it out here (it belongs on POST /v2/scrape/{jobId}/interact).';
      throw badRequest(message, [{ code: 'custom', path: ['existingSessionId'], message }]);
    }
    this.checkPromptable(req);
    return this.runOn(this.sessions.active(sessionId), req, origin, timing);
  }

  private checkPromptable(req: InteractBody): void {
    if (req.prompt !== undefined && !this.runners.prompts) {
      throw new HttpError(
        501,
        'Prompts need an AI model, and this local engine has none configured. Start it with ' +
          '--llm-url <OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1> --llm-model <model> [--llm-key <key>], ' +
          'or set INTERACT_LLM_URL, INTERACT_LLM_MODEL and INTERACT_LLM_KEY. Code runs (node, python, bash) work without one.',
        // Tells clients this is a missing model, not a server without interact (the cloud's 501).
        { code: NO_PROMPT_MODEL },
      );
    }
  }

  private async runOn(session: Session, req: InteractBody, origin: string, timing?: ServerTiming, jobHost?: string): Promise<Record<string, unknown>> {
    const language: Language = req.prompt !== undefined ? 'prompt' : req.language;
    // A prompt without a model was refused before (checkPromptable): every session has the runner asked for.
    const runner = session.runners[language] as Runner;
    const request = { code: req.prompt ?? (req.code as string), timeoutMs: req.timeout * 1000 };
    const allowed = req.allowedDomains && [...req.allowedDomains, ...[session.scrapeHost, jobHost].filter((h): h is string => Boolean(h))];
    let blocked: string | undefined;
    let traceRun = 0;
    let run = await session.exclusive(async () => {
      if (allowed) await session.restrictTo(allowed);
      traceRun = ++session.runCount;
      session.traceMark(runTitle(traceRun, req));
      try {
        if (language === 'prompt') session.promptUsed = true;
        return await runner.run(request);
      } finally {
        session.traceMark(undefined);
        blocked = session.guard?.takeReport();
      }
    });
    if (blocked) run = { ...run, stderr: `${run.stderr}${run.stderr && !run.stderr.endsWith('\n') ? '\n' : ''}${blocked}\n`, ...(run.error ? { error: `${blocked}\n${run.error}` } : {}) };
    if (run.timing) {
      timing?.add('worker', run.timing.workerMs);
      timing?.add('run', run.timing.runMs);
    }
    // A prompt run says whether it succeeded; a code run succeeded when it exited 0 in time.
    const success = run.success ?? (run.exitCode === 0 && !run.killed);
    return {
      success,
      sessionId: session.id,
      ...sessionUrls(session, origin),
      ...(session.trace ? { traceRun } : {}),
      // Only prompt runs have an output (undefined leaves the field out of the JSON).
      output: run.output,
      stdout: run.stdout,
      // bash and python: the cloud's `result` is stdout when the run has no value of its own.
      result: run.result ?? (req.prompt === undefined && req.language !== 'node' ? run.stdout : undefined),
      stderr: run.stderr,
      exitCode: run.exitCode,
      killed: run.killed,
      // Output or result longer than the engine keeps (see runners/output-cap.ts) was cut.
      truncated: run.truncated ?? false,
      // Prompt runs: the agent's model turns, page actions and the model's token counts.
      turnCount: run.turnCount,
      actionCount: run.actionCount,
      usage: run.usage,
      ...(success ? {} : { error: run.error || run.stderr || 'Execution failed' }),
    };
  }

  /** DELETE /v2/scrape/{jobId}/interact. */
  async stop(jobId: string): Promise<Record<string, unknown>> {
    const ended = await this.sessions.stop(jobId);
    return { success: true, sessionDurationMs: ended.durationMs, creditsBilled: ended.creditsBilled };
  }
}
