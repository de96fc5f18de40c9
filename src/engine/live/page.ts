import { randomBytes } from 'node:crypto';

/** Path of the viewer script; the page refers to it relatively so a path-prefixing proxy works. */
export const VIEWER_SCRIPT_PATH = '/live-assets/viewer.js';

/**
 * The viewer page. It must work inside a VS Code webview iframe: no frame-ancestors limit, no
 * X-Frame-Options, no top-level navigation; its own CSP allows only its script, its nonce'd
 * style, and WebSockets back to the host that served it.
 */
export function viewerPage(host: string | undefined, interactive: boolean): { headers: Record<string, string>; body: string } {
  const nonce = randomBytes(16).toString('base64');
  const wsSources = host && /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    `connect-src 'self'${wsSources}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Live view</title>
<style nonce="${nonce}">
  html, body { margin: 0; height: 100%; background: #1e1e1e; color: #ccc; font: 12px system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  #status { padding: 3px 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-bottom: 1px solid #333; }
  #status[data-state="live"] { color: #89d185; }
  #status[data-state="ended"], #status[data-state="error"] { color: #f48771; }
  #screen { flex: 1; min-height: 0; width: 100%; object-fit: contain; outline: none; display: block; }
  #screen.interactive { cursor: default; }
</style>
</head>
<body>
<div id="status" data-state="connecting" role="status">connecting…</div>
<canvas id="screen" tabindex="0" aria-label="${interactive ? 'Interactive live view of the browser' : 'Live view of the browser'}"${interactive ? ' class="interactive"' : ''}></canvas>
<script src="..${VIEWER_SCRIPT_PATH}"></script>
</body>
</html>
`;
  return {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': csp,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}
