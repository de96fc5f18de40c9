/**
 * Record at cursor, in the helper: Playwright's own recorder on the session's context
 * (`_startRecording`, as Playwright's MCP records), so the steps are merged and updated as
 * Playwright merges them (typing is one `fill`; a click waits ~500 ms to see whether it becomes a
 * double click) and their code comes from Playwright's own generators. Assertions become plain
 * checks (assert-code.ts). While the editor runs code in the session, recording is paused, so
 * the run's own actions are not recorded.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { assertionCode } from './assert-code';
import { setRecorderMode, startRecording, stopRecording, type RecordedAction, type RecorderMode } from './playwright-internals';
import type { AssertKind, CodeLanguage, RecordedStep } from './protocol';

const ASSERT_MODE: Record<AssertKind, RecorderMode> = { text: 'assertingText', visible: 'assertingVisibility', value: 'assertingValue' };

export class Recording {
  private paused = false;

  private constructor(
    private readonly context: BrowserContext,
    private readonly page: () => Page,
  ) {}

  /** Starts Playwright's recorder on `context`; every step (added or updated) goes to `onStep` as code in `language`. */
  static async start(context: BrowserContext, page: () => Page, language: CodeLanguage, onStep: (step: RecordedStep) => void): Promise<Recording> {
    const code = (action: RecordedAction, generated: string) => assertionCode(action, language) ?? dedent(generated);
    await startRecording(context, language, {
      actionAdded: (_page, action, generated) => onStep({ change: 'added', code: code(action, generated) }),
      actionUpdated: (_page, action, generated) => onStep({ change: 'updated', code: code(action, generated) }),
      // A signal (a popup, a download, a dialog) rewrites the last step; an empty code changes nothing.
      signalAdded: (_page, _signal, generated) => generated.trim() && onStep({ change: 'updated', code: dedent(generated) }),
    });
    return new Recording(context, page);
  }

  /** The next click in the page asserts on the element under it (Escape in the page goes back to recording). */
  async assert(kind: AssertKind): Promise<void> {
    if (this.paused) throw new Error('recording is paused while code runs in the session; assert when the run has finished');
    await setRecorderMode(this.page(), ASSERT_MODE[kind]);
  }

  /** Paused: the page's events are not recorded (a run from the editor drives the page). */
  async pause(paused: boolean): Promise<void> {
    if (this.paused === paused) return;
    this.paused = paused;
    await setRecorderMode(this.page(), paused ? 'standby' : 'recording');
  }

  /** Stops; a click still held back to tell it from a double click is reported first. */
  async stop(): Promise<void> {
    await stopRecording(this.context);
  }
}

/** Playwright's generators indent for their script template; at the cursor the code starts at column 0. */
function dedent(code: string): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
