/**
 * Playwright's trace viewer, served by the helper on loopback (playwright-core's own server and
 * its built viewer, lib/vite/traceViewer: nothing is downloaded). The server reads trace files
 * only inside the folders the extension named. Beside the viewer it serves one small page of
 * ours, on the same origin: it frames the viewer and, once the trace is loaded, opens and
 * selects the group of the asked run ("Run N · …"), which the viewer has no URL parameter for.
 */
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startTraceViewerServer, traceViewerPath, type TraceViewerServer } from './playwright-internals';

const PAGE_PATH = '/firecrawl/trace.html';

export class TraceViewer {
  private server: Promise<TraceViewerServer> | undefined;
  private readonly roots = new Set<string>();

  get running(): boolean {
    return this.server !== undefined;
  }

  /** The URL of the viewer page for the trace at `path` (a zip, or a recording's `.json`), scrolled to run `run`. */
  async open(path: string, run?: number): Promise<string> {
    const file = resolve(path);
    this.roots.add(dirname(file));
    const server = await (this.server ??= this.start());
    const query = new URLSearchParams({ trace: `file?path=${encodeURIComponent(file)}` });
    if (run !== undefined) query.set('run', String(run));
    return `${server.urlPrefix('precise')}${PAGE_PATH}?${query.toString()}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.roots.clear();
    await (await server?.catch(() => undefined))?.stop();
  }

  private async start(): Promise<TraceViewerServer> {
    const server = await startTraceViewerServer({ host: '127.0.0.1', port: 0, allowedFileRoots: () => [...this.roots] });
    server.routePath(PAGE_PATH, (req, res) => servePage(req, res));
    return server;
  }
}

/** Our page: the viewer in a frame, and a script that selects the run once its group is listed. */
function servePage(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(`http://localhost${req.url ?? '/'}`);
  const trace = url.searchParams.get('trace') ?? '';
  const run = Number(url.searchParams.get('run'));
  const nonce = randomBytes(16).toString('base64');
  // traceViewerPath gives "/trace/index.html?trace=…"; the frame is relative to this page's folder.
  const viewer = `..${traceViewerPath(trace, {})}`;
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Security-Policy', `default-src 'none'; frame-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Trace</title>
<style nonce="${nonce}">html,body{margin:0;height:100%;overflow:hidden}iframe{border:0;width:100%;height:100%}</style>
</head><body>
<iframe id="viewer" title="Playwright trace viewer" src="${escapeAttr(viewer)}"></iframe>
<script nonce="${nonce}">(${SELECT_RUN})(${Number.isInteger(run) && run > 0 ? run : 0});</script>
</body></html>`);
  return true;
}

/**
 * The page's script (plain browser JavaScript, filled with the run's number): waits for the
 * viewer's action list, then expands the group titled "Run N · …", selects its last action (the
 * page as the run left it) and scrolls it into view.
 */
const SELECT_RUN = `(run) => {
  if (!run) return;
  const frame = document.getElementById('viewer');
  let tries = 0;
  const attempt = () => {
    const doc = frame.contentDocument;
    const titles = doc ? [...doc.querySelectorAll('[data-testid="actions-tree"] .action-title-method')] : [];
    const title = titles.find((t) => (t.getAttribute('title') || '').startsWith('Run ' + run + ' \u00b7'));
    const item = title && title.closest('[role="treeitem"]');
    if (!item) {
      if (++tries < 600) setTimeout(attempt, 100);
      return;
    }
    const entry = item.querySelector('.tree-view-entry');
    if (item.getAttribute('aria-expanded') === 'false') item.querySelector('.codicon-chevron-right')?.click();
    entry?.click();
    setTimeout(() => {
      const children = item.querySelectorAll('[role="group"] > [role="treeitem"] > .tree-view-entry');
      const target = children[children.length - 1] || entry;
      target?.click();
      target?.scrollIntoView({ block: 'center' });
      item.dataset.firecrawlRun = 'selected';
    }, 100);
  };
  frame.addEventListener('load', attempt);
}`;

function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
