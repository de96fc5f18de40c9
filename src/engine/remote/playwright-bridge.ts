/**
 * Chrome's DevTools protocol over a Playwright-protocol connection (a browser on Playwright's
 * run-server), shaped as the flat CDP connection the hub expects (cdp/hub.ts).
 *
 * Playwright hands out browser-level CDP sessions (browser.newBrowserCDPSession()) but carries
 * only their own commands and events: messages of the target sessions they attach in flat mode
 * (routed by sessionId) are dropped on the service's side. Target sessions are therefore attached
 * in Chromium's non-flat mode, where their messages travel inside Target.sendMessageToTarget and
 * Target.receivedMessageFromTarget of the browser session; this bridge wraps and unwraps them so
 * clients (Playwright, Python Playwright, agent-browser) still see flat sessions.
 *
 * Chromium refuses non-flat auto-attach at browser level, so the bridge does a browser session's
 * auto-attach itself: it watches target discovery and attaches each page as it appears (pages
 * start running before their client sees them: waitForDebuggerOnStart cannot be kept there).
 */
import type { Browser, CDPSession } from 'playwright-core';
import type { CdpTransport } from '../cdp/hub';
import { parseCdpMessage, type CdpMessage } from '../cdp/message';

/** Events a browser-level session receives (Playwright's CDPSession has no catch-all listener). */
const BROWSER_EVENTS = [
  'Target.attachedToTarget',
  'Target.detachedFromTarget',
  'Target.receivedMessageFromTarget',
  'Target.targetCreated',
  'Target.targetDestroyed',
  'Target.targetCrashed',
  'Target.targetInfoChanged',
  'Browser.downloadWillBegin',
  'Browser.downloadProgress',
  'Tracing.dataCollected',
  'Tracing.tracingComplete',
  'Tracing.bufferUsage',
];
/** Commands that attach target sessions: asked for flat, attached non-flat (see above). */
const ATTACHING = new Set(['Target.attachToTarget', 'Target.setAutoAttach', 'Target.autoAttachRelated']);
/** Ids of the bridge's own wrapping commands, far above the hub's ids. */
const WRAPPER_BASE = 1_000_000_000;
/** Targets a browser session's auto-attach attaches (workers and frames come through their page's own auto-attach). */
const AUTO_ATTACHED_TYPES = new Set(['page']);

interface TargetInfo {
  targetId: string;
  type: string;
}

/** One hub client's browser session, with the target settings the bridge keeps for it. */
interface BrowserSession {
  cdp: CDPSession;
  autoAttach: boolean;
  discover: boolean;
  /** Targets auto-attached so far, with their attach under way (an auto-attach never attaches one twice). */
  attached: Map<string, Promise<void>>;
}

/** The flat DevTools connection the hub expects, over one Playwright-protocol browser. */
export class PlaywrightCdpBridge implements CdpTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  /** Browser sessions by the id the hub knows them by. */
  private readonly browserSessions = new Map<string, BrowserSession>();
  /** Each attached target session's parent: a browser session id or another target session. */
  private readonly parents = new Map<string, string>();
  /** Wrapping commands sent inside a target session, by id: the client command they carry. */
  private readonly wrappers = new Map<number, { id: number; sessionId: string }>();
  /** Client commands that attach a target, by id: the session they were sent on. */
  private readonly attaching = new Map<number, string>();
  private root: Promise<CDPSession> | undefined;
  private nextBrowserSession = 1;
  private nextWrapper = WRAPPER_BASE;

  constructor(private readonly browser: Browser) {
    browser.on('disconnected', () => this.onclose?.());
  }

  send(raw: string): void {
    void this.handle(raw);
  }

  private deliver(msg: CdpMessage): void {
    this.onmessage?.(JSON.stringify(msg));
  }

  private fail(id: number, sessionId: string | undefined, err: unknown): void {
    this.deliver({ id, ...(sessionId ? { sessionId } : {}), error: { code: -32000, message: (err as Error).message?.replace(/^[\w.]+: /, '').split('\n')[0] ?? 'CDP error' } });
  }

  private async handle(raw: string): Promise<void> {
    const msg = parseCdpMessage(raw);
    if (typeof msg?.id !== 'number' || typeof msg.method !== 'string') return;
    const { id, method, sessionId } = msg;
    const params = ATTACHING.has(method) ? { ...msg.params, flatten: false } : (msg.params ?? {});
    try {
      if (sessionId === undefined) return this.deliver({ id, result: await this.onRoot(method, params) });
      const own = this.browserSessions.get(sessionId);
      if (own) {
        // A browser session opened from a browser session (browser.newBrowserCDPSession() in a run) is one more of the bridge's.
        if (method === 'Target.attachToBrowserTarget' || (method === 'Target.detachFromTarget' && this.browserSessions.has(params.sessionId as string))) {
          return this.deliver({ id, sessionId, result: await this.onRoot(method, params) });
        }
        if (method === 'Target.setAutoAttach') return this.deliver({ id, sessionId, result: await this.setAutoAttach(own, sessionId, params.autoAttach === true) });
        if (method === 'Target.setDiscoverTargets') return this.deliver({ id, sessionId, result: await this.setDiscover(own, sessionId, params.discover === true) });
        const result = (await own.cdp.send(method as never, params as never)) as Record<string, unknown>;
        // Chromium attaches a new page before answering createTarget; clients (Playwright) count on it.
        if (method === 'Target.createTarget' && typeof result.targetId === 'string') await this.autoAttach(own, sessionId, { targetId: result.targetId, type: 'page' });
        if (ATTACHING.has(method) && typeof result?.sessionId === 'string') this.parents.set(result.sessionId, sessionId);
        return this.deliver({ id, sessionId, result });
      }
      if (!this.parents.has(sessionId)) throw new Error(`No session with given id: ${sessionId}`);
      if (ATTACHING.has(method)) this.attaching.set(id, sessionId);
      await this.sendInside(sessionId, JSON.stringify({ id, method, params }), { id, sessionId });
    } catch (err) {
      this.attaching.delete(id);
      this.fail(id, sessionId, err);
    }
  }

  /** The hub's own commands: its version check and its clients' browser sessions. */
  private async onRoot(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (method === 'Target.attachToBrowserTarget') {
      const cdp = await this.browser.newBrowserCDPSession();
      const id = `playwright-browser-session-${this.nextBrowserSession++}`;
      const session: BrowserSession = { cdp, autoAttach: false, discover: false, attached: new Map() };
      this.browserSessions.set(id, session);
      for (const event of BROWSER_EVENTS) cdp.on(event as never, (p: Record<string, unknown>) => this.onBrowserEvent(id, session, { method: event, params: p }));
      // The bridge's own discovery drives auto-attach; the client sees target events only if it asks.
      await cdp.send('Target.setDiscoverTargets', { discover: true });
      return { sessionId: id };
    }
    if (method === 'Target.detachFromTarget' && typeof params.sessionId === 'string' && this.browserSessions.has(params.sessionId)) {
      const { cdp } = this.browserSessions.get(params.sessionId) as BrowserSession;
      this.browserSessions.delete(params.sessionId);
      for (const [child, parent] of this.parents) if (parent === params.sessionId) this.forget(child);
      await cdp.detach().catch(() => undefined);
      return {};
    }
    this.root ??= this.browser.newBrowserCDPSession();
    return (await (await this.root).send(method as never, params as never)) as Record<string, unknown>;
  }

  /** Sends `inner` (JSON) to target session `target`, wrapped once per level up to its browser session. */
  private async sendInside(target: string, inner: string, carried: { id: number; sessionId: string }): Promise<void> {
    let session = target;
    let message = inner;
    let parent = this.parents.get(session) as string;
    while (!this.browserSessions.has(parent)) {
      const id = this.nextWrapper++;
      this.wrappers.set(id, carried);
      message = JSON.stringify({ id, method: 'Target.sendMessageToTarget', params: { sessionId: session, message } });
      session = parent;
      const up = this.parents.get(session);
      if (up === undefined) throw new Error(`No session with given id: ${target}`);
      parent = up;
    }
    await (this.browserSessions.get(parent) as BrowserSession).cdp.send('Target.sendMessageToTarget', { sessionId: session, message });
  }

  /** Auto-attach turned on attaches the pages there already (their events come before the answer, as in Chromium). */
  private async setAutoAttach(session: BrowserSession, id: string, on: boolean): Promise<Record<string, unknown>> {
    session.autoAttach = on;
    if (!on) return {};
    const { targetInfos } = (await session.cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    await Promise.all(targetInfos.map((t) => this.autoAttach(session, id, t)));
    return {};
  }

  private async setDiscover(session: BrowserSession, id: string, on: boolean): Promise<Record<string, unknown>> {
    const wasOn = session.discover;
    session.discover = on;
    if (on && !wasOn) {
      const { targetInfos } = (await session.cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      for (const targetInfo of targetInfos) this.deliver({ method: 'Target.targetCreated', params: { targetInfo }, sessionId: id });
    }
    return {};
  }

  /** Attaches a page (non-flat); Chromium's own Target.attachedToTarget event tells the client. */
  private autoAttach(session: BrowserSession, id: string, target: TargetInfo): Promise<void> {
    if (!session.autoAttach || !AUTO_ATTACHED_TYPES.has(target.type) || !this.browserSessions.has(id)) return Promise.resolve();
    let attach = session.attached.get(target.targetId);
    if (!attach) {
      // A page closed meanwhile cannot be attached: nothing to tell.
      attach = session.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false }).then(
        () => undefined,
        () => undefined,
      );
      session.attached.set(target.targetId, attach);
    }
    return attach;
  }

  private onBrowserEvent(id: string, session: BrowserSession, msg: CdpMessage): void {
    const target = msg.params?.targetInfo as TargetInfo | undefined;
    if (msg.method === 'Target.targetCreated' || msg.method === 'Target.targetInfoChanged' || msg.method === 'Target.targetDestroyed') {
      if (msg.method === 'Target.targetCreated' && target) void this.autoAttach(session, id, target);
      if (msg.method === 'Target.targetDestroyed' && typeof msg.params?.targetId === 'string') session.attached.delete(msg.params.targetId);
      if (session.discover) this.deliver({ ...msg, sessionId: id });
      return;
    }
    this.onEvent(id, msg);
  }

  /** An event of browser session or target session `from`, delivered flat. */
  private onEvent(from: string, msg: CdpMessage): void {
    const child = msg.params?.sessionId;
    if (msg.method === 'Target.receivedMessageFromTarget' && typeof child === 'string' && typeof msg.params?.message === 'string') {
      return this.unwrap(child, msg.params.message);
    }
    if (msg.method === 'Target.attachedToTarget' && typeof child === 'string') this.parents.set(child, from);
    this.deliver({ ...msg, sessionId: from });
    if (msg.method === 'Target.detachedFromTarget' && typeof child === 'string') this.forget(child);
  }

  /** A message from target session `from` (answer or event), or a wrapping answer to swallow. */
  private unwrap(from: string, raw: string): void {
    const msg = parseCdpMessage(raw);
    if (!msg) return;
    if (typeof msg.id !== 'number') return this.onEvent(from, msg);
    if (msg.id >= WRAPPER_BASE) {
      const carried = this.wrappers.get(msg.id);
      this.wrappers.delete(msg.id);
      if (carried && msg.error) this.fail(carried.id, carried.sessionId, new Error(msg.error.message));
      return;
    }
    const attachedOn = this.attaching.get(msg.id);
    this.attaching.delete(msg.id);
    if (attachedOn !== undefined && typeof msg.result?.sessionId === 'string') this.parents.set(msg.result.sessionId, attachedOn);
    this.deliver({ ...msg, sessionId: from });
  }

  /** A detached target session and the sessions below it. */
  private forget(session: string): void {
    this.parents.delete(session);
    for (const [child, parent] of this.parents) if (parent === session) this.forget(child);
  }
}
