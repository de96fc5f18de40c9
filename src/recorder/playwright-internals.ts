/**
 * The parts of playwright-core (pinned in package.json) that are not its public API: the
 * selector of a Locator, the converter from a selector to locator code in a language (what
 * Playwright's own pick locator and codegen print), a context's programmatic recorder (what
 * Playwright's own MCP and CLI record with) and its server-side signal processor (which holds
 * clicks back), and the trace viewer's server (what `playwright show-trace` starts).
 * test/unit/playwright-pin.test.ts and the engine tests (test/engine/record-at-cursor.test.ts and
 * test/engine/trace-viewer.test.ts among them) fail when an upgrade moves them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { CodeLanguage } from './protocol';

interface Isomorphic {
  asLocator(lang: string, selector: string, isFrameLocator?: boolean): string;
}

/** playwright-core's HttpServer as the trace viewer starts it (a random path prefix, loopback Host check). */
export interface TraceViewerServer {
  urlPrefix(purpose: 'precise' | 'human-readable'): string;
  routePath(path: string, handler: (req: IncomingMessage, res: ServerResponse) => boolean): void;
  stop(): Promise<void>;
}

interface ServerModule {
  startTraceViewerServer(options: { host: string; port: number; allowedFileRoots: () => string[] }): Promise<TraceViewerServer>;
  traceViewerPath(traceUrl: string, options: object): string;
}

interface CoreBundle {
  iso: Isomorphic;
  server: ServerModule;
}

let core: CoreBundle | undefined;

function coreBundle(): CoreBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('playwright-core/lib/coreBundle') as CoreBundle;
  return core;
}

function isomorphic(): Isomorphic {
  return coreBundle().iso;
}

/** Starts the trace viewer's HTTP server; it reads trace files only under `allowedFileRoots()`. */
export function startTraceViewerServer(options: { host: string; port: number; allowedFileRoots: () => string[] }): Promise<TraceViewerServer> {
  return coreBundle().server.startTraceViewerServer(options);
}

/** The viewer's path for a trace URL: "/trace/index.html?trace=…". */
export function traceViewerPath(traceUrl: string, options: object): string {
  return coreBundle().server.traceViewerPath(traceUrl, options);
}

/** The selector Playwright keeps inside a Locator (`internal:role=button[name="Go"i]`). */
export function selectorOf(locator: Locator): string {
  const selector = (locator as unknown as { _selector?: unknown })._selector;
  if (typeof selector !== 'string') throw new Error('this playwright-core keeps no selector in its Locator (an upgrade changed its internals)');
  return selector;
}

/** Locator code without its receiver: `getByRole('button', { name: 'Go' })` / `get_by_role("button", name="Go")`. */
export function locatorCode(selector: string, language: CodeLanguage): string {
  return isomorphic().asLocator(language, selector);
}

/** A recorded action as Playwright's recorder reports it (only the fields read here). */
export interface RecordedAction {
  name: string;
  selector?: string;
  text?: string;
  substring?: boolean;
  value?: string;
  checked?: boolean;
  /** A click's: 'left', 'middle' or 'right'. */
  button?: string;
  /** A click's: 2 for a double click (the in-page recorder reports it after the click of count 1). */
  clickCount?: number;
}

/** What the context's recorder calls back with: the action and its code from Playwright's generator. */
export interface RecorderSink {
  actionAdded(page: Page, action: RecordedAction, code: string): void;
  actionUpdated(page: Page, action: RecordedAction, code: string): void;
  signalAdded(page: Page, signal: unknown, code: string): void;
}

interface RecordingContext {
  _startRecording(params: { language: string }, sink: RecorderSink): Promise<void>;
  _stopRecording(): Promise<void>;
}

function recordingContext(context: BrowserContext): RecordingContext {
  const c = context as unknown as Partial<RecordingContext>;
  if (typeof c._startRecording !== 'function' || typeof c._stopRecording !== 'function') throw new Error('this playwright-core has no programmatic recorder on its BrowserContext (an upgrade changed its internals)');
  return c as RecordingContext;
}

/**
 * Playwright's own code generators by id: the library flavours, since the session's REPLs are
 * scripts with `page` and `context` in scope (JavaScript with await, Python's async API).
 */
export const GENERATOR: Record<CodeLanguage, string> = { javascript: 'javascript', python: 'python-async' };

export async function startRecording(context: BrowserContext, language: CodeLanguage, sink: RecorderSink): Promise<void> {
  await recordingContext(context)._startRecording({ language: GENERATOR[language] }, sink);
}

export async function stopRecording(context: BrowserContext): Promise<void> {
  await recordingContext(context)._stopRecording();
}

/**
 * How long Playwright's recorder holds a left click for a click of a higher count to replace it
 * (kActionBufferTimeout in its RecorderSignalProcessor; not exported, so copied here).
 */
export const CLICK_MERGE_MS = 500;

/** The server side of the context's recorder, as far as it is used here. */
interface ActionInContext {
  action: { name: string; button?: string };
}
interface SignalProcessor {
  _shouldBuffer(action: ActionInContext): boolean;
  /** Set here once the processor reports clicks at once. */
  firecrawlClicksAtOnce?: true;
}

/**
 * Makes the context's recorder (Playwright's RecorderSignalProcessor, server side) report a left
 * click at once instead of holding it 500 ms to see whether a double click replaces it; the
 * caller merges a double click into the click it reported (recording.ts), as Playwright's
 * `_supersedes` does. Navigations stay held as Playwright holds them (a redirect updates the
 * goto). Signals after a click that is no longer held go through Playwright's `_processSignal`
 * as they would after the hold: a navigation soon after a click makes no goto; a popup or a
 * download amends the click. Reached through the in-process client's `toImpl` (the client
 * BrowserContext's server object), where the recorder is kept under a private Symbol once a
 * recording has started. Throws when an upgrade moved any of it (the clicks are then held
 * as before).
 */
export async function reportClicksAtOnce(context: BrowserContext): Promise<void> {
  const connection = (context as unknown as { _connection?: { toImpl?: (o: unknown) => unknown } })._connection;
  if (typeof connection?.toImpl !== 'function') throw new Error("this playwright-core's client connection has no toImpl");
  const server = connection.toImpl(context) as Record<symbol, unknown> | undefined;
  const key = server && Object.getOwnPropertySymbols(server).find((s) => s.description === 'recorderSymbol');
  if (!server || !key) throw new Error("this playwright-core keeps no recorder under Symbol('recorderSymbol') on its server BrowserContext");
  const recorder = (await server[key]) as { _signalProcessor?: Partial<SignalProcessor> } | undefined;
  const processor = recorder?._signalProcessor;
  if (typeof processor?._shouldBuffer !== 'function') throw new Error("this playwright-core's recorder has no _signalProcessor._shouldBuffer");
  if (processor.firecrawlClicksAtOnce) return;
  const held = processor._shouldBuffer.bind(processor);
  processor._shouldBuffer = (a: ActionInContext) => !(a.action.name === 'click' && a.action.button === 'left') && held(a);
  processor.firecrawlClicksAtOnce = true;
}

/** The in-page recorder's modes the helper switches to (Playwright's own names). */
export type RecorderMode = 'recording' | 'standby' | 'assertingText' | 'assertingVisibility' | 'assertingValue';

/**
 * Switches the context's recorder through the binding its in-page toolbar uses (exposed in the
 * main world; honoured from a page's main frame only).
 */
export async function setRecorderMode(page: Page, mode: RecorderMode): Promise<void> {
  await page.evaluate((m) => {
    const set = (window as unknown as { __pw_recorderSetMode?: (mode: string) => Promise<void> }).__pw_recorderSetMode;
    if (typeof set !== 'function') throw new Error('the page has no Playwright recorder binding (an upgrade changed its internals)');
    return set(m);
  }, mode);
}
