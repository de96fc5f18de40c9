/**
 * Firecrawl: Record at cursor. The live view turns interactive; Playwright's recorder runs in the
 * recorder helper over the session's cdpUrl, and what the user does in the live view becomes
 * code at the cursor of the editor that was active before, in its language. The same command
 * stops the recording (the code stays, nothing else changes) and, with `assert`, makes the next
 * click in the page an assertion. While code from the editor runs in the session, recording is
 * paused, so that run's actions are not recorded again.
 */
import type { AssertKind } from '../recorder/protocol';
import type { SessionState } from '../sessions/session-store';
import type { RunRecord } from '../run/types';
import { l10n } from '../shared/l10n';
import { sessionFor } from '../ui/pick-session';
import type { RecordWriter } from '../ui/record-writer';
import type { Services } from '../wiring/services';

// Functions: the texts are read in the display language, after the translator is set.
const noSession = () => l10n.t('There is no browser session in this window yet: run code in a job first (Firecrawl: Run in scrape session), then record in its live view.');
const assertHint = (kind: AssertKind): string =>
  ({
    text: () => l10n.t('Assert text: click the element whose text to check, edit the text in the page if needed and accept it (✓ or Ctrl+Enter). Escape in the page goes back to recording.'),
    visible: () => l10n.t('Assert visible: click the element that must be visible. Escape in the page goes back to recording.'),
    value: () => l10n.t('Assert value: click the field whose value to check. Escape in the page goes back to recording.'),
  })[kind]();

interface Recording {
  session: SessionState;
  cdpUrl: string;
  label: string;
  /** Runs of the session's own going now (recording is paused while any is). */
  runs: number;
  writer: RecordWriter;
  end(): void;
}

/** Recordings on, by cdpUrl. */
const recordings = new Map<string, Recording>();

export async function recordAtCursor(svc: Services, args?: { jobId?: string; apiUrl?: string; assert?: AssertKind }): Promise<void> {
  // Read first: opening the live view takes the focus from the editor.
  const target = svc.codeTargets.current();
  const session = await sessionFor(svc, l10n.t('Firecrawl: Record at cursor'), args, () => true);
  if (!session) {
    svc.notifier.info(noSession());
    return;
  }
  const cdpUrl = session.cdpUrl;
  if (!cdpUrl) {
    svc.notifier.warn(l10n.t('The server gave no CDP URL for the session of job {0}, and recording reaches the browser through it. Stop the session and run code in the job again to get a new one.', session.jobId.slice(0, 8)));
    return;
  }
  const status = (text: string, recording: boolean) => svc.liveView.showRecord(session.jobId, text, recording);
  const on = recordings.get(cdpUrl);
  if (args?.assert) {
    if (!on) {
      svc.notifier.info(l10n.t('Assertions are recorded while a recording is on: press Record in the live view first.'));
      return;
    }
    const a = await svc.recorder.call({ type: 'assert', cdpUrl, kind: args.assert });
    if (a.ok) status(assertHint(args.assert), true);
    else svc.notifier.warn(l10n.t('The assertion could not start: {0}', a.error));
    return;
  }
  if (on) return stop(svc, on, status);

  const place = target ? await svc.codeTargets.recordInto(target) : undefined;
  if (!place) {
    svc.notifier.info(
      target
        ? l10n.t('Recording writes code at the cursor of a JavaScript, TypeScript or Python editor (a file, a cell, a Markdown code block or a notebook cell), and {0} has no JavaScript, TypeScript or Python at its cursor. Click into one, then press Record again.', target.label)
        : l10n.t('Recording writes code at the cursor of a JavaScript, TypeScript or Python editor (a file, a cell, a Markdown code block or a notebook cell), and no editor was active before the live view. Click into one, then press Record again.'),
    );
    return;
  }
  svc.liveView.showInteractive(session.jobId, session.server.apiUrl);
  status(l10n.t('Record: reaching the browser…'), true);
  const sent = await svc.recorder.send({ type: 'record', cdpUrl, language: place.language });
  const listeners: { dispose(): unknown }[] = [];
  const recording: Recording = {
    session,
    cdpUrl,
    label: place.label,
    runs: 0,
    writer: place.writer,
    end: () => {
      recordings.delete(cdpUrl);
      for (const l of listeners) l.dispose();
    },
  };
  listeners.push(
    svc.recorder.onEvent((e) => {
      if (e.request !== sent.id) return;
      if (e.type === 'recorded') void place.writer.write(e);
      else if (e.type === 'recordEnded' && recordings.get(cdpUrl) === recording) {
        recording.end();
        status(l10n.t('Recording ended: {0}. The {1} recorded steps stay in {2}.', e.reason, place.writer.steps, place.label), false);
      }
    }),
  );
  recordings.set(cdpUrl, recording);
  const answer = await sent.answer;
  if (!answer.ok) {
    recording.end();
    status('', false);
    if (answer.code === 'unreachable') svc.notifier.warn(l10n.t('The browser of job {0} does not answer on its CDP URL: the session has probably expired or been stopped ({1}). Run code in the job to start a new session, then record again.', session.jobId.slice(0, 8), answer.error));
    else svc.notifier.error(l10n.t('Recording could not start: {0}', answer.error));
    return;
  }
  const ours = (r: RunRecord) => r.jobId === session.jobId && r.server.apiUrl === session.server.apiUrl;
  const pause = async (paused: boolean) => {
    const a = await svc.recorder.call({ type: 'pauseRecord', cdpUrl, paused });
    if (!a.ok) svc.log.for('record').warn(`recording of job ${session.jobId}: could not ${paused ? 'pause' : 'resume'}: ${a.error}`);
  };
  listeners.push(
    // The executor waits for start listeners, so the pause is in place before the run's request goes.
    svc.executor.onDidStart((r) => (ours(r) && ++recording.runs === 1 && recordings.get(cdpUrl) === recording ? pause(true) : undefined)),
    svc.executor.onDidFinish((r) => (ours(r) && --recording.runs === 0 && recordings.get(cdpUrl) === recording ? pause(false) : undefined)),
  );
  status(l10n.t('Recording into {0}: what you do in the live view becomes code there. Assert with the buttons; Record again stops.', place.label), true);
}

async function stop(svc: Services, recording: Recording, status: (text: string, recording: boolean) => void): Promise<void> {
  // A step Playwright still holds (a navigation waiting for its redirects) comes before the answer.
  const a = await svc.recorder.call({ type: 'stopRecord', cdpUrl: recording.cdpUrl });
  recording.end();
  await recording.writer.flushed();
  status(a.ok ? l10n.t('Recording stopped; the code is in {0}.', recording.label) : '', false);
  if (!a.ok) svc.notifier.warn(l10n.t('The recording of job {0} stopped with an error: {1}. The steps recorded so far stay in {2}.', recording.session.jobId.slice(0, 8), a.error, recording.label));
}
