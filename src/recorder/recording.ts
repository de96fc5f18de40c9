/**
 * Record at cursor, in the helper: Playwright's own recorder on the session's context
 * (`_startRecording`, as Playwright's MCP records), so the steps are merged and updated as
 * Playwright merges them (typing is one `fill`) and their code comes from Playwright's own
 * generators. Playwright holds a click 500 ms to see whether a double click replaces it; here
 * the click is reported at once and a double click updates it (ClickMerge), so the line is in
 * the editor as soon as the click is in the page. Assertions become plain checks
 * (assert-code.ts). While the editor runs code in the session, recording is paused, so the run's
 * own actions are not recorded.
 */
import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from 'playwright-core';
import { assertionCode } from './assert-code';
import { messageOf } from './errors';
import { CLICK_MERGE_MS, reportClicksAtOnce, setRecorderMode, startRecording, stopRecording, type RecordedAction, type RecorderMode } from './playwright-internals';
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
    const clicks = new ClickMerge();
    await startRecording(context, language, {
      actionAdded: (page, action, generated) => onStep({ change: clicks.replacesLast(page, action) ? 'updated' : 'added', code: code(action, generated) }),
      actionUpdated: (page, action, generated) => {
        clicks.replacesLast(page, action);
        onStep({ change: 'updated', code: code(action, generated) });
      },
      // A signal (a popup, a download, a dialog) rewrites the last step; an empty code changes nothing.
      signalAdded: (_page, _signal, generated) => generated.trim() && onStep({ change: 'updated', code: dedent(generated) }),
    });
    await reportClicksAtOnce(context).catch((err: unknown) =>
      console.warn(`Record at cursor: each click is written 500 ms late, as Playwright's recorder holds it to tell it from a double click; the click could not be reported at once (${messageOf(err)}: an upgrade of playwright-core changed its internals).`),
    );
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

  /** Stops; a step Playwright still holds (a navigation waiting for its redirects) is reported first. */
  async stop(): Promise<void> {
    await stopRecording(this.context);
  }
}

/**
 * Playwright's `_supersedes` for clicks reported at once: a click on the same element of the same
 * page with a higher click count, within the 500 ms Playwright would have held the first,
 * replaces it (`click()` becomes `dblclick()`). Any other step in between ends the chance, as it
 * flushes Playwright's held click.
 */
class ClickMerge {
  private last: { page: Page; selector: string; count: number; at: number } | undefined;

  /** Whether `action` replaces the last reported step; remembers it as the click to replace next. */
  replacesLast(page: Page, action: RecordedAction): boolean {
    const last = this.last;
    const now = performance.now();
    const click = action.name === 'click' && action.button === 'left' && action.selector !== undefined;
    const count = action.clickCount ?? 1;
    this.last = click ? { page, selector: action.selector!, count, at: now } : undefined;
    return click && last !== undefined && last.page === page && last.selector === action.selector && count > last.count && now - last.at <= CLICK_MERGE_MS;
  }
}

/** Playwright's generators indent for their script template; at the cursor the code starts at column 0. */
function dedent(code: string): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
