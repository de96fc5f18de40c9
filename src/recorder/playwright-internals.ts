/**
 * The parts of playwright-core (pinned in package.json) that are not its public API: the
 * selector of a Locator, the converter from a selector to locator code in a language (what
 * Playwright's own pick locator and codegen print), a context's programmatic recorder (what
 * Playwright's own MCP and CLI record with), and the trace viewer's server (what
 * `playwright show-trace` starts). test/unit/playwright-pin.test.ts and the engine tests
 * (test/engine/trace-viewer.test.ts among them) fail when an upgrade moves them.
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
