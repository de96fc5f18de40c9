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
import { sessionFor } from '../ui/pick-session';
import type { RecordWriter } from '../ui/record-writer';
import type { Services } from '../wiring/services';

const NO_SESSION = 'There is no browser session in this window yet: run code in a job first (Firecrawl: Run in scrape session), then record in its live view.';
const ASSERT_HINT: Record<AssertKind, string> = {
  text: 'click the element whose text to check, edit the text in the page if needed and accept it (✓ or Ctrl+Enter)',
  visible: 'click the element that must be visible',
  value: 'click the field whose value to check',
};

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
  const session = await sessionFor(svc, 'Firecrawl: Record at cursor', args, () => true);
  if (!session) {
    svc.notifier.info(NO_SESSION);
    return;
  }
  const cdpUrl = session.cdpUrl;
  if (!cdpUrl) {
    svc.notifier.warn(`The server gave no CDP URL for the session of job ${session.jobId.slice(0, 8)}, and recording reaches the browser through it. Stop the session and run code in the job again to get a new one.`);
    return;
  }
  const status = (text: string, recording: boolean) => svc.liveView.showRecord(session.jobId, text, recording);
  const on = recordings.get(cdpUrl);
  if (args?.assert) {
    if (!on) {
      svc.notifier.info('Assertions are recorded while a recording is on: press Record in the live view first.');
      return;
    }
    const a = await svc.recorder.call({ type: 'assert', cdpUrl, kind: args.assert });
    if (a.ok) status(`Assert ${args.assert}: ${ASSERT_HINT[args.assert]}. Escape in the page goes back to recording.`, true);
    else svc.notifier.warn(`The assertion could not start: ${a.error}`);
    return;
  }
  if (on) return stop(svc, on, status);

  const place = target ? await svc.codeTargets.recordInto(target) : undefined;
  if (!place) {
    const why = target ? `${target.label} has no JavaScript, TypeScript or Python at its cursor` : 'no editor was active before the live view';
    svc.notifier.info(`Recording writes code at the cursor of a JavaScript, TypeScript or Python editor (a file, a cell, a Markdown code block or a notebook cell), and ${why}. Click into one, then press Record again.`);
    return;
  }
  svc.liveView.showInteractive(session.jobId, session.server.apiUrl);
  status('Record: reaching the browser…', true);
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
        status(`Recording ended: ${e.reason}. The ${place.writer.steps} recorded steps stay in ${place.label}.`, false);
      }
    }),
  );
  recordings.set(cdpUrl, recording);
  const answer = await sent.answer;
  if (!answer.ok) {
    recording.end();
    status('', false);
    if (answer.code === 'unreachable') svc.notifier.warn(`The browser of job ${session.jobId.slice(0, 8)} does not answer on its CDP URL: the session has probably expired or been stopped (${answer.error}). Run code in the job to start a new session, then record again.`);
    else svc.notifier.error(`Recording could not start: ${answer.error}`);
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
  status(`Recording into ${place.label}: what you do in the live view becomes code there. Assert with the buttons; Record again stops.`, true);
}

async function stop(svc: Services, recording: Recording, status: (text: string, recording: boolean) => void): Promise<void> {
  // A click Playwright still holds (to tell it from a double click) comes before the answer.
  const a = await svc.recorder.call({ type: 'stopRecord', cdpUrl: recording.cdpUrl });
  recording.end();
  await recording.writer.flushed();
  status(a.ok ? `Recording stopped; the code is in ${recording.label}.` : '', false);
  if (!a.ok) svc.notifier.warn(`The recording of job ${recording.session.jobId.slice(0, 8)} stopped with an error: ${a.error}. The steps recorded so far stay in ${recording.label}.`);
}
