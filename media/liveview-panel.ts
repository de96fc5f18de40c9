/**
 * Script of the live-view webview (bundled to dist/media/liveview-panel.js). Reload is local;
 * toggling, opening externally, the screenshot and Pick go to the extension, which owns the URLs
 * and the session.
 * The job id and mode are kept with setState so VS Code can restore the panel after a reload.
 */
interface VsCodeWebviewApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeWebviewApi;

(() => {
  const api = acquireVsCodeApi();
  const body = document.body;
  api.setState({ jobId: body.dataset.jobId, interactive: body.dataset.interactive === '1' });

  const on = (id: string, handler: () => void) => document.getElementById(id)?.addEventListener('click', handler);
  on('toggle', () => api.postMessage({ type: 'toggle' }));
  on('external', () => api.postMessage({ type: 'openExternal' }));
  on('screenshot', () => api.postMessage({ type: 'screenshot' }));
  on('pick', () => api.postMessage({ type: 'pick' }));
  // The extension reports the pick: what to do now, then the locator and its match count.
  window.addEventListener('message', (event: MessageEvent<{ type?: string; text?: string; picking?: boolean }>) => {
    if (event.data?.type !== 'pickStatus') return;
    const status = document.getElementById('pick-status');
    if (status) status.textContent = event.data.text ?? '';
    const button = document.getElementById('pick');
    if (button) button.textContent = event.data.picking ? 'Cancel pick' : 'Pick';
  });
  api.postMessage({ type: 'ready' });
  on('reload', () => {
    const frame = document.getElementById('live') as HTMLIFrameElement | null;
    if (!frame) return;
    // Assigning src, even the same value, navigates the frame again.
    const src = frame.src;
    frame.src = src;
    api.postMessage({ type: 'reloaded' });
  });
})();
