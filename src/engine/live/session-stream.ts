import type { BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import { toCdpCommands, type CdpCommand } from './input';
import { encodeFrame, type ClientMessage, type FrameMeta, type ServerMessage } from './protocol';

/** One connected viewer, as the stream sees it. */
export interface Viewer {
  interactive: boolean;
  sendFrame(frame: Uint8Array): void;
  sendMessage(msg: ServerMessage): void;
  close(reason: string): void;
}

interface ScreencastFrame {
  data: string;
  sessionId: number;
  metadata: { deviceWidth: number; deviceHeight: number };
}

const SCREENCAST = { format: 'jpeg', quality: 70, maxWidth: 1920, maxHeight: 1920, everyNthFrame: 1 } as const;
const TITLE_WAIT_MS = 3_000;
const MAX_ATTACH_ATTEMPTS = 4;
const RETRY_DELAY_MS = 250;
/**
 * CDP calls to a page blocked by a JavaScript dialog may never answer (input, stopScreencast);
 * the stream's queue waits this long for one, so a blocked tab cannot freeze the view.
 */
const CDP_WAIT_MS = 2_000;
/** Inputs (keys, clicks, one collapsed move) queued for the page before new ones are dropped. */
const MAX_PENDING_INPUT = 500;

/**
 * Streams one session's current tab to its viewers with one CDP screencast, whatever the number
 * of viewers. The current tab is the most recently active one still open: opened, or navigated
 * (headless Chromium reports no focus, so a navigation is the sign that code works in a tab).
 * When it closes the stream falls back to the previous one. The screencast runs only while
 * someone watches.
 */
export class SessionStream {
  private readonly viewers = new Set<Viewer>();
  /** Open tabs, least recently active first; the last one is streamed. */
  private tabs: Page[] = [];
  private current?: { page: Page; cdp: CDPSession };
  private lastFrame?: Uint8Array;
  private lastMeta?: FrameMeta;
  /** Serializes tab switches and input so CDP commands never interleave across tabs. */
  private queue: Promise<void> = Promise.resolve();
  /** Inputs queued and not yet sent; the move among them, if any (see input()). */
  private pendingInputs = 0;
  private pendingMove: { commands: CdpCommand[] } | undefined;
  private readonly titles = new WeakMap<Page, { url: string; title: string }>();
  private running = false;
  private ended = false;

  private readonly onPage = (page: Page) => {
    this.track(page);
    this.switchTo(page);
  };
  private readonly onClose = (page: Page) => {
    this.untrack(page);
    if (this.current?.page === page) this.switchTo(this.tabs.at(-1));
    else this.broadcastTab();
  };
  private readonly onNavigated = (frame: Frame) => {
    const page = frame.page();
    if (frame.parentFrame() || this.current?.page === page || !this.tabs.includes(page)) return;
    this.tabs = [...this.tabs.filter((p) => p !== page), page];
    this.switchTo(page);
  };
  private readonly onContextClose = () => this.end('The browser session has ended.');
  private readonly onLoad = () => this.broadcastTab();

  constructor(
    private readonly context: BrowserContext,
    private readonly log: (msg: string) => void,
  ) {}

  get viewerCount(): number {
    return this.viewers.size;
  }

  add(viewer: Viewer): void {
    if (this.ended) {
      viewer.sendMessage({ type: 'ended', reason: 'The browser session has ended.' });
      viewer.close('session ended');
      return;
    }
    this.viewers.add(viewer);
    viewer.sendMessage({ type: 'hello', interactive: viewer.interactive });
    if (!this.running) {
      this.start();
      return;
    }
    // A static page sends no new frames, so a late viewer gets the latest one at once.
    if (this.current) void this.tabInfo().then((info) => info && viewer.sendMessage(info));
    else viewer.sendMessage({ type: 'no-tab' });
    if (this.lastFrame) viewer.sendFrame(this.lastFrame);
  }

  remove(viewer: Viewer): void {
    if (!this.viewers.delete(viewer) || this.viewers.size > 0) return;
    this.stop();
  }

  /** Dispatches a viewer's input to the current tab; read-only viewers are ignored. */
  input(viewer: Viewer, msg: ClientMessage): void {
    if (!viewer.interactive || !this.viewers.has(viewer)) return;
    const commands = toCdpCommands(msg, this.lastMeta);
    if (commands.length === 0) return;
    // A viewer can send input far faster than a page takes it. Moves not yet sent collapse into
    // the latest one, and past MAX_PENDING_INPUT queued inputs new ones are dropped, so typing
    // never waits behind thousands of stale moves.
    const move = msg.type === 'mouse' && msg.action === 'move';
    if (move && this.pendingMove) {
      this.pendingMove.commands = commands;
      return;
    }
    if (this.pendingInputs >= MAX_PENDING_INPUT) return;
    const job = { commands };
    if (move) this.pendingMove = job;
    this.pendingInputs++;
    this.enqueue(async () => {
      this.pendingInputs--;
      if (this.pendingMove === job) this.pendingMove = undefined;
      const cdp = this.current?.cdp;
      if (!cdp) return;
      // toCdpCommands builds the parameters field by field from the protocol's definitions.
      const send = cdp.send.bind(cdp) as (method: string, params: Record<string, unknown>) => Promise<unknown>;
      for (const c of job.commands) await settle(send(c.method, c.params));
    });
  }

  /** Tells every viewer the session is over and disconnects them. */
  end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const v of this.viewers) {
      v.sendMessage({ type: 'ended', reason });
      v.close('session ended');
    }
    this.viewers.clear();
    this.stop();
  }

  private start(): void {
    this.running = true;
    this.context.on('page', this.onPage);
    this.context.on('close', this.onContextClose);
    for (const page of this.context.pages()) this.track(page);
    this.switchTo(this.tabs.at(-1));
  }

  private stop(): void {
    if (!this.running) return;
    this.running = false;
    this.context.off('page', this.onPage);
    this.context.off('close', this.onContextClose);
    for (const page of this.tabs) this.untrack(page);
    this.enqueue(() => this.detach());
  }

  private track(page: Page): void {
    if (this.tabs.includes(page) || page.isClosed()) return;
    this.tabs.push(page);
    page.on('close', this.onClose);
    page.on('framenavigated', this.onNavigated);
  }

  private untrack(page: Page): void {
    this.tabs = this.tabs.filter((p) => p !== page);
    page.off('close', this.onClose);
    page.off('framenavigated', this.onNavigated);
  }

  private switchTo(page: Page | undefined, attempt = 1): void {
    this.enqueue(async () => {
      if (!this.running || (page && this.current?.page === page)) return;
      // A retry is moot once another tab has become the one to show.
      if (attempt > 1 && this.tabs.at(-1) !== page) return;
      await this.detach();
      if (!page) {
        this.broadcast({ type: 'no-tab' });
        return;
      }
      const opening = this.context.newCDPSession(page);
      let cdp: CDPSession | undefined;
      try {
        cdp = await within(opening, CDP_WAIT_MS);
        // The tab may have closed or the last viewer left while the session was opening.
        if (!this.running || page.isClosed()) {
          await settle(cdp.detach());
          if (this.running) this.switchTo(this.tabs.at(-1));
          return;
        }
        this.current = { page, cdp };
        page.on('load', this.onLoad);
        const session = cdp;
        cdp.on('Page.screencastFrame', (frame) => this.onFrame(session, frame as ScreencastFrame));
        await within(cdp.send('Page.startScreencast', SCREENCAST), CDP_WAIT_MS);
        this.broadcastTab();
      } catch (err) {
        // A CDP session that opens only after its wait ran out is closed when it comes.
        if (!cdp) void opening.then((late) => late.detach()).catch(() => undefined);
        else if (this.current?.cdp === cdp) await this.detach();
        else await settle(cdp.detach());
        if (!this.running || page.isClosed()) return;
        // A tab that is still starting up (just opened by another client, mid-navigation) can
        // refuse a CDP session for a moment; give it a few chances before falling back.
        if (attempt < MAX_ATTACH_ATTEMPTS) {
          this.log(`live: tab not ready (${(err as Error).message.split('\n', 1)[0]}); retrying`);
          setTimeout(() => this.switchTo(page, attempt + 1), RETRY_DELAY_MS * attempt).unref();
          return;
        }
        this.log(`live: could not stream a tab: ${(err as Error).message}`);
        this.untrack(page);
        this.switchTo(this.tabs.at(-1));
      }
    });
  }

  private async detach(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.lastFrame = undefined;
    if (!current) return;
    current.page.off('load', this.onLoad);
    await settle(current.cdp.send('Page.stopScreencast'));
    await settle(current.cdp.detach());
  }

  private onFrame(cdp: CDPSession, frame: ScreencastFrame): void {
    // Ack at once so Chromium keeps producing frames; slow viewers drop frames instead.
    cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => undefined);
    if (this.current?.cdp !== cdp) return;
    const meta: FrameMeta = { deviceWidth: frame.metadata.deviceWidth, deviceHeight: frame.metadata.deviceHeight };
    this.lastMeta = meta;
    this.lastFrame = encodeFrame(meta, Buffer.from(frame.data, 'base64'));
    for (const v of this.viewers) v.sendFrame(this.lastFrame);
  }

  private broadcastTab(): void {
    void this.tabInfo().then((info) => info && this.broadcast(info));
  }

  private async tabInfo(): Promise<ServerMessage | undefined> {
    const page = this.current?.page;
    if (!page) return undefined;
    // title() runs in the page; a busy page must not hold the viewer's tab line forever, and
    // then the last title seen at the same URL is better than none.
    const known = this.titles.get(page);
    const fallback = known?.url === page.url() ? known.title : '';
    const title = await within(page.title(), TITLE_WAIT_MS).catch(() => fallback);
    this.titles.set(page, { url: page.url(), title });
    return { type: 'tab', index: this.tabs.indexOf(page) + 1, count: this.tabs.length, url: page.url(), title };
  }

  private broadcast(msg: ServerMessage): void {
    for (const v of this.viewers) v.sendMessage(msg);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task).catch((err: Error) => this.log(`live: ${err.message}`));
  }
}

/** Waits for `p` at most CDP_WAIT_MS, ignoring its outcome. */
async function settle(p: Promise<unknown>): Promise<void> {
  await within(p, CDP_WAIT_MS).catch(() => undefined);
}

/** `p`, or a rejection when it has not settled within `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the tab within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
