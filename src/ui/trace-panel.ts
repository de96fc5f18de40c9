/**
 * The trace panel: Playwright's trace viewer inside VS Code, in one webview beside the editor
 * that the next Open trace reuses. The viewer itself is served by the recorder helper; when the
 * panel closes the helper is told, so it can stop serving (and stop itself when idle).
 */
import type * as vscode from 'vscode';
import { TRACE_VIEW_TYPE } from '../ids';
import { Disposable } from '../host/disposable';
import type { VSCode } from '../host/vscode-types';
import { traceHtml } from './trace-html';

export interface TracePanelSnapshot {
  title: string;
  /** The viewer page the panel frames (a loopback URL with a random path, no secret of a session). */
  viewerUrl: string;
  html: string;
}

export class TracePanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: TracePanelSnapshot | undefined;

  constructor(
    private readonly vscode: VSCode,
    /** The panel closed: nothing shows the viewer any more. */
    private readonly onClosed: () => void,
  ) {
    super();
  }

  show(viewerUrl: string, title: string, label: string): void {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64');
    const html = traceHtml({ viewerUrl, nonce, label });
    if (!this.panel) {
      const panel = this.vscode.window.createWebviewPanel(TRACE_VIEW_TYPE, title, { viewColumn: this.vscode.ViewColumn.Beside, preserveFocus: false }, {
        // The viewer's frame runs scripts; the panel's own policy allows none (traceHtml).
        enableScripts: true,
        // Loading a trace again is slow: keep the viewer when the tab is hidden.
        retainContextWhenHidden: true,
        localResourceRoots: [],
      });
      this.panel = panel;
      const closed = panel.onDidDispose(() => {
        closed.dispose();
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.shown = undefined;
        this.onClosed();
      });
    } else {
      this.panel.reveal(undefined, false);
    }
    this.panel.title = title;
    this.panel.webview.html = html;
    this.shown = { title, viewerUrl, html };
  }

  snapshot(): TracePanelSnapshot | undefined {
    return this.shown ? { ...this.shown } : undefined;
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
