/**
 * One session's browser as the helper reaches it: a Playwright connection over its cdpUrl
 * (chromium.connectOverCDP), kept while the session is used, so the same Playwright recorder
 * serves every pick and recording on its pages. (A second connection would inject a second
 * in-page recorder, and the first one, still in the page, would come back to life through the
 * new bindings: every step recorded twice.) Nothing here knows the server behind the URL.
 */
import type { Browser, Page } from 'playwright-core';
import { connectOverCdp } from './connect';
import { locatorCode, selectorOf } from './playwright-internals';
import type { AssertKind, CodeLanguage, HelperRoute, PickedLocator, RecordedStep } from './protocol';
import { Recording } from './recording';

export class SessionLink {
  private picking: Page | undefined;
  private recording: Recording | undefined;
  /** Playwright made this context's recorder (its first user sets its options for good). */
  private recorderMade = false;

  private constructor(private readonly browser: Browser) {}

  /** `route`: VS Code's proxy for this cdpUrl (a ws:// or wss:// one); none connects directly. */
  static async connect(cdpUrl: string, onGone: () => void, route?: HelperRoute): Promise<SessionLink> {
    const browser = await connectOverCdp(cdpUrl, onGone, route);
    return new SessionLink(browser);
  }

  get connected(): boolean {
    return this.browser.isConnected();
  }

  /**
   * The page the live view shows: the session's most recently opened one. (The engine's view
   * follows the newest tab; a cloud session usually has one.)
   */
  private currentPage(): Page {
    const pages = this.browser.contexts().flatMap((c) => c.pages()).filter((p) => !p.isClosed());
    const page = pages.at(-1);
    if (!page) throw new Error('the session has no open page to pick in');
    return page;
  }

  /**
   * Playwright's pick locator on the current page: its injected script highlights the element
   * under the mouse (in the page, so the screencast shows it) and a click picks it without
   * clicking it. Resolves with the locator Playwright generates (unique on the page).
   */
  async pick(onArmed: () => void): Promise<PickedLocator> {
    // Picking takes the context's recorder out of recording mode for good.
    if (this.recording) throw new Error('a recording is on in this session: stop it before picking');
    const page = this.currentPage();
    this.picking = page;
    this.recorderMade = true;
    try {
      // Playwright's inspect tool marks the body with its cursor when it takes over the mouse.
      await page.evaluate(() => document.body?.removeAttribute('data-pw-cursor')).catch(() => undefined);
      const picked = page.pickLocator();
      void whenArmed(page, picked).then((armed) => armed && onArmed());
      const locator = await picked;
      const selector = selectorOf(locator);
      return { javascript: locatorCode(selector, 'javascript'), python: locatorCode(selector, 'python'), count: await locator.count() };
    } finally {
      if (this.picking === page) this.picking = undefined;
    }
  }

  async cancelPick(): Promise<void> {
    const page = this.picking;
    if (page && !page.isClosed()) await page.cancelPickLocator();
  }

  /** Records the session's pages from now on; steps go to `onStep` as code in `language`. */
  async record(language: CodeLanguage, onStep: (step: RecordedStep) => void): Promise<void> {
    if (this.recording) throw new Error('this session is being recorded already');
    const page = this.currentPage();
    if (!this.recorderMade) await makeRecorderWithoutToolbar(page);
    this.recorderMade = true;
    this.recording = await Recording.start(page.context(), () => this.currentPage(), language, onStep);
  }

  async stopRecording(): Promise<void> {
    const recording = this.recording;
    this.recording = undefined;
    await recording?.stop();
  }

  async assert(kind: AssertKind): Promise<void> {
    await this.activeRecording().assert(kind);
  }

  async pauseRecording(paused: boolean): Promise<void> {
    await this.activeRecording().pause(paused);
  }

  private activeRecording(): Recording {
    if (!this.recording) throw new Error('this session is not being recorded');
    return this.recording;
  }

  async close(): Promise<void> {
    // Over connectOverCDP, close() disconnects; the browser and its pages stay as they are.
    await this.browser.close().catch(() => undefined);
  }
}

/**
 * Playwright makes a context's recorder once, with the options of its first user. Its pick
 * locator makes it without the floating toolbar that its programmatic recording would draw into
 * the page (and so into the live view, with buttons that would switch the recorder behind the
 * extension's back); so before the first recording, a pick is started and cancelled.
 */
async function makeRecorderWithoutToolbar(page: Page): Promise<void> {
  const picked = page.pickLocator();
  picked.catch(() => undefined);
  await whenArmed(page, picked);
  await page.cancelPickLocator().catch(() => undefined);
  await picked.catch(() => undefined);
}

/** Resolves true once the picker is on in the page, false if the pick ended first. */
async function whenArmed(page: Page, picked: Promise<unknown>): Promise<boolean> {
  let ended = false;
  void picked.then(
    () => (ended = true),
    () => (ended = true),
  );
  for (let i = 0; i < 600 && !ended; i++) {
    if ((await page.evaluate(() => document.body?.dataset.pwCursor ?? null).catch(() => null)) === 'pointer') return !ended;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
