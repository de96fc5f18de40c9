/**
 * The live-view panel's messages between its webview script (media/liveview-panel.ts) and the
 * extension (ui/liveview-panel.ts), and the ids of the page's elements (ui/liveview-html.ts),
 * as engine/live/protocol.ts is for the live stream. Plain types: the webview bundle imports
 * this file too.
 */
import type { AssertKind } from '../recorder/protocol';

/** The page's elements the script and the extension both name. */
export const ELEMENT = {
  toggle: 'toggle',
  reload: 'reload',
  external: 'external',
  screenshot: 'screenshot',
  pick: 'pick',
  record: 'record',
  assertText: 'assert-text',
  assertVisible: 'assert-visible',
  assertValue: 'assert-value',
  mode: 'mode',
  pickStatus: 'pick-status',
  frame: 'live',
} as const;

/** Webview → extension: a toolbar button, or the page saying it listens (`ready`) or reloaded its frame. */
export type PanelMessage =
  | { type: 'toggle' }
  | { type: 'openExternal' }
  | { type: 'screenshot' }
  | { type: 'pick' }
  | { type: 'record' }
  /** Record an assertion on the element clicked next (while recording). */
  | { type: 'assert'; kind: AssertKind }
  | { type: 'ready' }
  | { type: 'reloaded' };


/** Extension → webview: the status line, with whether a pick waits for its click, or whether a recording is on. */
export type HostMessage = { type: 'pickStatus'; text: string; picking: boolean } | { type: 'recordStatus'; text: string; recording: boolean };

/** The toolbar buttons that post a message (Reload is the page's own), by element id. */
export const BUTTON_MESSAGES = [
  [ELEMENT.toggle, { type: 'toggle' }],
  [ELEMENT.external, { type: 'openExternal' }],
  [ELEMENT.screenshot, { type: 'screenshot' }],
  [ELEMENT.pick, { type: 'pick' }],
  [ELEMENT.record, { type: 'record' }],
  [ELEMENT.assertText, { type: 'assert', kind: 'text' }],
  [ELEMENT.assertVisible, { type: 'assert', kind: 'visible' }],
  [ELEMENT.assertValue, { type: 'assert', kind: 'value' }],
] as const satisfies readonly (readonly [string, PanelMessage])[];

const PANEL_TYPES: ReadonlySet<string> = new Set<PanelMessage['type']>(['toggle', 'openExternal', 'screenshot', 'pick', 'record', 'ready', 'reloaded']);
const ASSERT_KINDS: ReadonlySet<unknown> = new Set<AssertKind>(['text', 'visible', 'value']);

/** A message from the webview (or a test through the extension's API); undefined for anything else. */
export function parsePanelMessage(message: unknown): PanelMessage | undefined {
  const m = message as { type?: unknown; kind?: unknown } | null;
  if (m?.type === 'assert') return ASSERT_KINDS.has(m.kind) ? { type: 'assert', kind: m.kind as AssertKind } : undefined;
  const type = m?.type;
  return typeof type === 'string' && PANEL_TYPES.has(type) ? ({ type } as PanelMessage) : undefined;
}

/** What the webview keeps with setState, so VS Code can restore the panel after a window reload. */
export interface PanelState {
  jobId: string;
  /** The session's server (absent: whichever session the job has). */
  apiUrl?: string;
  interactive: boolean;
}

/** A restored panel's state, as the webview saved it; undefined when it names no job. */
export function parsePanelState(state: unknown): PanelState | undefined {
  const s = state as Partial<Record<keyof PanelState, unknown>> | null | undefined;
  if (!s || typeof s.jobId !== 'string') return undefined;
  return { jobId: s.jobId, apiUrl: typeof s.apiUrl === 'string' ? s.apiUrl : undefined, interactive: s.interactive === true };
}
