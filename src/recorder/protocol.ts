/**
 * Messages between the extension host and the recorder helper (dist/recorder.js), a Node child
 * process that runs Playwright against a session's browser over its cdpUrl. Plain data both
 * ways (process IPC); the cdpUrl travels only in requests and is never echoed back.
 */

/** The editor's language as code is written for it. */
export type CodeLanguage = 'javascript' | 'python';

export type HelperRequest =
  /** Pick an element in the session's current page: hover highlights, a click picks. */
  | { id: number; type: 'pick'; cdpUrl: string }
  /** Ends a pick in progress on that session (its request answers with `cancelled`). */
  | { id: number; type: 'cancel'; cdpUrl: string }
  /** Forget a session (it ended): disconnect from its browser. */
  | { id: number; type: 'close'; cdpUrl: string }
  /** Record what happens in the session's pages as code; answers once recording, steps come as `recorded` events. */
  | { id: number; type: 'record'; cdpUrl: string; language: CodeLanguage }
  /** Ends the session's recording (its last steps come before the answer). */
  | { id: number; type: 'stopRecord'; cdpUrl: string }
  /** The next click in the page records an assertion on that element. */
  | { id: number; type: 'assert'; cdpUrl: string; kind: AssertKind }
  /** Pauses the recording while a run from the editor drives the page, or resumes it. */
  | { id: number; type: 'pauseRecord'; cdpUrl: string; paused: boolean }
  | TraceRequest;

/** What an assertion from the live view checks on the element clicked next. */
export type AssertKind = 'text' | 'visible' | 'value';

/** One recorded step's code: a new step, or the last step rewritten (a `fill` that grew, a popup). */
export interface RecordedStep {
  change: 'added' | 'updated';
  code: string;
}
/** Playwright traces (trace-requests.ts): the trace viewer's server, and recording a session through its cdpUrl. */
export type TraceRequest =
  /**
   * Serve the trace at `path` (a trace zip, or a recording's `<dir>/<name>.json`) in Playwright's
   * trace viewer; answers the viewer page's URL (loopback), which selects run `run` when given.
   */
  | { id: number; type: 'view-trace'; path: string; run?: number }
  /** No trace viewer is open any more: the helper may stop its server (and itself when idle). */
  | { id: number; type: 'viewer-closed' }
  /** Record a trace of the session's browser into `dir` (filmstrip, network, console) until it ends or `stop-trace`. */
  | { id: number; type: 'record-trace'; cdpUrl: string; dir: string }
  | { id: number; type: 'stop-trace'; cdpUrl: string };

/** Playwright's locator for a picked element, in both languages, and how many elements it matches now. */
export interface PickedLocator {
  javascript: string;
  python: string;
  count: number;
}

export type HelperAnswer =
  | { id: number; ok: true; picked?: PickedLocator; url?: string; path?: string }
  | { id: number; ok: false; error: string; code?: 'cancelled' | 'unreachable' };

/** A pick is armed: Playwright's picker follows the mouse in the page from now on. */
export interface ArmedEvent {
  type: 'armed';
  /** The id of the `pick` request. */
  request: number;
}

/** A step of a recording; `request` is the id of its `record` request. */
export interface RecordedEvent extends RecordedStep {
  type: 'recorded';
  request: number;
}

/** A recording ended without being asked to (the browser went away). */
export interface RecordEndedEvent {
  type: 'recordEnded';
  request: number;
  reason: string;
}

export type HelperEvent = ArmedEvent | RecordedEvent | RecordEndedEvent;

export function isHelperEvent(value: unknown): value is HelperEvent {
  const v = value as { type?: unknown; request?: unknown } | null;
  return typeof v === 'object' && v !== null && (v.type === 'armed' || v.type === 'recorded' || v.type === 'recordEnded') && typeof v.request === 'number';
}

export function isHelperAnswer(value: unknown): value is HelperAnswer {
  const v = value as { id?: unknown; ok?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.id === 'number' && typeof v.ok === 'boolean';
}

/**
 * How the helper reaches a cdpUrl that VS Code's proxy settings send through a proxy (none:
 * direct, as for loopback). The extension decides it (api/proxy.ts); Playwright's own
 * WebSocket knows no proxy, so the helper tunnels it (proxy-tunnel.ts).
 */
export interface HelperRoute {
  /** The proxy's URL, credentials included (never shown). */
  proxy: string;
  /** The proxy's URL without credentials, for messages. */
  shown: string;
  /** The setting or variable that named the proxy, for messages. */
  setting: string;
  /** `http.proxyAuthorization`. */
  authorization?: string;
  /** `http.proxyStrictSSL`. */
  strictSSL: boolean;
  /** `http.systemCertificates`. */
  systemCertificates: boolean;
}

/** What the extension sends the helper: a request and, when there is one, the proxy to its cdpUrl. */
export type HelperMessage = HelperRequest & { route?: HelperRoute };
