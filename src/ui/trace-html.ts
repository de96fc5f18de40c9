/**
 * The trace panel's HTML, as a pure function so its policy can be checked without VS Code: one
 * iframe of Playwright's trace viewer, served by the recorder helper on loopback. The policy
 * allows nothing but that frame's origin (no script at all in the panel itself); the frame may
 * run scripts on its own origin (the viewer needs its service worker), nothing more.
 */
import { translator } from '../shared/l10n';
import { escapeHtml } from './liveview-html';

export interface TraceHtmlInput {
  /** The viewer page's URL: http://127.0.0.1:<port>/… (anything else is refused). */
  viewerUrl: string;
  nonce: string;
  /** For people and screen readers: "Trace of job 1a2b3c4d, run 2". */
  label: string;
}

/** The viewer's origin when it is a loopback http URL; undefined otherwise (never framed). */
export function loopbackOrigin(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' && parsed.hostname === '127.0.0.1' && parsed.username === '' && parsed.password === '' ? parsed.origin : undefined;
}

export function traceContentSecurityPolicy(origin: string, nonce: string): string {
  return ["default-src 'none'", `frame-src ${origin}`, `style-src 'nonce-${nonce}'`].join('; ');
}

export function traceHtml(input: TraceHtmlInput): string {
  const origin = loopbackOrigin(input.viewerUrl);
  if (!origin) throw new Error('the trace viewer must be served on http://127.0.0.1');
  const csp = traceContentSecurityPolicy(origin, input.nonce);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(translator().language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${input.nonce}">
  html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
  iframe { width: 100%; height: 100%; border: 0; background: #fff; }
</style>
</head>
<body>
<iframe id="trace" title="${escapeHtml(input.label)}" src="${escapeHtml(input.viewerUrl)}" sandbox="allow-scripts allow-same-origin"></iframe>
</body>
</html>`;
}
