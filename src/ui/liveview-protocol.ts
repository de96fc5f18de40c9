/**
 * The live-view panel's messages between its webview script (media/liveview-panel.ts) and the
 * extension (ui/liveview-panel.ts), and the ids of the page's elements (ui/liveview-html.ts),
 * as engine/live/protocol.ts is for the live stream. Plain types: the webview bundle imports
 * this file too.
 */

/** The page's elements the script and the extension both name. */
export const ELEMENT = {
  toggle: 'toggle',
  reload: 'reload',
  external: 'external',
  screenshot: 'screenshot',
  pick: 'pick',
  mode: 'mode',
  pickStatus: 'pick-status',
  frame: 'live',
} as const;

/** Webview → extension: a toolbar button, or the page saying it listens (`ready`) or reloaded its frame. */
export type PanelMessage = { type: 'toggle' } | { type: 'openExternal' } | { type: 'screenshot' } | { type: 'pick' } | { type: 'ready' } | { type: 'reloaded' };

/** Extension → webview: the Pick line, and whether a pick waits for its click. */
export type HostMessage = { type: 'pickStatus'; text: string; picking: boolean };

/** The toolbar buttons that post a message (Reload is the page's own), by element id. */
export const BUTTON_MESSAGES = [
  [ELEMENT.toggle, { type: 'toggle' }],
  [ELEMENT.external, { type: 'openExternal' }],
  [ELEMENT.screenshot, { type: 'screenshot' }],
  [ELEMENT.pick, { type: 'pick' }],
] as const satisfies readonly (readonly [string, PanelMessage])[];

const PANEL_TYPES: ReadonlySet<string> = new Set<PanelMessage['type']>(['toggle', 'openExternal', 'screenshot', 'pick', 'ready', 'reloaded']);

/** A message from the webview (or a test through the extension's API); undefined for anything else. */
export function parsePanelMessage(message: unknown): PanelMessage | undefined {
  const type = (message as { type?: unknown } | null)?.type;
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
