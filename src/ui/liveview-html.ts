/**
 * The live-view webview's HTML, as a pure function so its CSP can be checked without VS Code.
 * Its toolbar: interactive/read-only, reload, open externally, and a screenshot of the page.
 * The policy allows nothing by default; the only frame origin is the live view's own, and the
 * one script and one style block carry a fresh nonce. The frame is sandboxed to scripts on its
 * own origin (never the webview's: frames are http(s) only), so it cannot open popups, submit
 * forms to elsewhere or navigate the panel.
 */
import { parseApiUrl } from '../api/url';
import { l10n, translator } from '../shared/l10n';
import { ELEMENT } from './liveview-protocol';

export interface LiveViewHtmlInput {
  /** Random, per render. */
  nonce: string;
  /** `asWebviewUri` of dist/media/liveview-panel.js. */
  scriptUri: string;
  /** What the iframe shows now (read-only or interactive URL); undefined when the session is gone. */
  src?: string;
  /** Origins that may be framed (both live-view URLs' origins). */
  frameOrigins: string[];
  interactive: boolean;
  /** The frame may use the clipboard: interactive, and served by the session's own server. */
  clipboard: boolean;
  canToggle: boolean;
  jobId: string;
  /** Shown instead of the iframe when there is no session. */
  notice?: string;
  /** The session has a cdpUrl: Pick can reach its browser. */
  canPick?: boolean;
  /** The Pick line under the toolbar, and whether a pick is waiting for its click. */
  pick?: { text: string; picking: boolean };
  /** The Record line, and whether a recording is on (the assertion buttons show only then). */
  record?: { text: string; recording: boolean };
}

/** The origin of an http(s) URL; undefined for anything else (only those may be framed). */
export function originOf(url: string | undefined | null): string | undefined {
  return url ? parseApiUrl(url)?.origin : undefined;
}

/** Pasting into the page needs the clipboard: only in interactive mode, and only for a frame served by the session's own server. */
export function clipboardAllowed(src: string | undefined, serverApiUrl: string, interactive: boolean): boolean {
  const origin = originOf(src);
  return interactive && origin !== undefined && origin === originOf(serverApiUrl);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function contentSecurityPolicy(input: Pick<LiveViewHtmlInput, 'nonce' | 'frameOrigins'>): string {
  const frames = input.frameOrigins.length ? input.frameOrigins.join(' ') : "'none'";
  return [
    "default-src 'none'",
    `frame-src ${frames}`,
    `script-src 'nonce-${input.nonce}'`,
    // Styles are one nonce'd block; nothing loads a stylesheet, so no source list (and no wildcard) is needed.
    `style-src 'nonce-${input.nonce}'`,
  ].join('; ');
}

// Inline, so the policy needs no image or font source (codicons are not loaded in the webview).
const CAMERA =
  '<svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true"><path fill="currentColor" fill-rule="evenodd" d="M5.5 2h5l1 2H14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H2a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h2.5zM8 5.5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm0 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z"/></svg>';

export function liveViewHtml(input: LiveViewHtmlInput): string {
  const csp = contentSecurityPolicy(input);
  // The panel's script swaps these two itself: it takes them from the button, in the display language.
  const pickLabel = l10n.t('Pick');
  const cancelLabel = l10n.t('Cancel pick');
  const recordLabel = l10n.t('Record');
  const stopLabel = l10n.t('Stop recording');
  const mode = input.interactive ? l10n.t('Interactive') : l10n.t('Read-only');
  const body = input.src
    ? `<iframe id="${ELEMENT.frame}" title="${escapeHtml(l10n.t('Live view of job {0}', input.jobId))}" src="${escapeHtml(input.src)}" sandbox="allow-scripts allow-same-origin"${input.clipboard ? ' allow="clipboard-read; clipboard-write"' : ''}></iframe>`
    : `<p class="notice" role="status">${escapeHtml(input.notice ?? l10n.t('No live view for this job.'))}</p>`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(translator().language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${input.nonce}">
  html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
  body { display: flex; flex-direction: column; color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
  .bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
  .bar .mode { margin-left: auto; opacity: 0.8; white-space: nowrap; }
  button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 3px 10px; cursor: pointer; white-space: nowrap; }
  button:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button:disabled { opacity: 0.5; cursor: default; }
  button svg { vertical-align: -3px; margin-right: 4px; }
  .pick-status { padding: 2px 8px; font-family: var(--vscode-editor-font-family); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .pick-status:empty { display: none; }
  iframe { flex: 1; width: 100%; border: 0; background: #fff; }
  .notice { padding: 16px; }
</style>
</head>
<body data-job-id="${escapeHtml(input.jobId)}" data-interactive="${input.interactive ? '1' : '0'}">
<div class="bar" role="toolbar" aria-label="${escapeHtml(l10n.t('Live view'))}">
  <button id="${ELEMENT.toggle}" type="button"${input.canToggle && input.src ? '' : ' disabled'}>${escapeHtml(input.interactive ? l10n.t('Switch to read-only') : l10n.t('Switch to interactive'))}</button>
  <button id="${ELEMENT.reload}" type="button"${input.src ? '' : ' disabled'}>${escapeHtml(l10n.t('Reload'))}</button>
  <button id="${ELEMENT.external}" type="button"${input.src ? '' : ' disabled'}>${escapeHtml(l10n.t('Open in external browser'))}</button>
  <button id="${ELEMENT.screenshot}" type="button" title="${escapeHtml(l10n.t('Screenshot the page (opens beside)'))}" aria-label="${escapeHtml(l10n.t('Screenshot the page'))}"${input.src ? '' : ' disabled'}>${CAMERA}${escapeHtml(l10n.t('Screenshot'))}</button>
  <button id="${ELEMENT.pick}" type="button" title="${escapeHtml(l10n.t('Pick a locator: hover over the page, click an element; the locator goes to the cursor of your editor'))}" data-pick="${escapeHtml(pickLabel)}" data-cancel="${escapeHtml(cancelLabel)}"${input.src && input.canPick ? '' : ' disabled'}>${escapeHtml(input.pick?.picking ? cancelLabel : pickLabel)}</button>
  <button id="${ELEMENT.record}" type="button" title="${escapeHtml(l10n.t('Record at cursor: what you do in the interactive live view becomes code at the cursor of your editor'))}" data-record="${escapeHtml(recordLabel)}" data-stop="${escapeHtml(stopLabel)}"${input.src && input.canPick ? '' : ' disabled'}>${escapeHtml(input.record?.recording ? stopLabel : recordLabel)}</button>
  <button id="${ELEMENT.assertText}" type="button" title="${escapeHtml(l10n.t('Record a check of the text of the element you click next'))}"${input.record?.recording ? '' : ' hidden'}>${escapeHtml(l10n.t('Assert text'))}</button>
  <button id="${ELEMENT.assertVisible}" type="button" title="${escapeHtml(l10n.t('Record a check that the element you click next is visible'))}"${input.record?.recording ? '' : ' hidden'}>${escapeHtml(l10n.t('Assert visible'))}</button>
  <button id="${ELEMENT.assertValue}" type="button" title="${escapeHtml(l10n.t('Record a check of the value of the field you click next'))}"${input.record?.recording ? '' : ' hidden'}>${escapeHtml(l10n.t('Assert value'))}</button>
  <span class="mode" id="${ELEMENT.mode}">${input.src ? mode : ''}</span>
</div>
<div class="pick-status" id="${ELEMENT.pickStatus}" role="status">${escapeHtml((input.record?.recording ? input.record.text : undefined) ?? input.pick?.text ?? input.record?.text ?? '')}</div>
${body}
<script nonce="${input.nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
