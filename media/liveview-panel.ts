/**
 * Script of the live-view webview (bundled to dist/media/liveview-panel.js). Reload is local;
 * toggling, opening externally, the screenshot, Pick, Record and its assertions go to the extension, which owns the URLs
 * and the session. The messages are src/ui/liveview-protocol.ts's.
 * The job id and mode are kept with setState so VS Code can restore the panel after a reload.
 */
import { BUTTON_MESSAGES, ELEMENT, type HostMessage, type PanelMessage, type PanelState } from '../src/ui/liveview-protocol';

interface VsCodeWebviewApi {
  postMessage(message: PanelMessage): void;
  setState(state: Partial<PanelState>): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeWebviewApi;

(() => {
  const api = acquireVsCodeApi();
  const body = document.body;
  api.setState({ jobId: body.dataset.jobId, interactive: body.dataset.interactive === '1' });

  const on = (id: string, handler: () => void) => document.getElementById(id)?.addEventListener('click', handler);
  for (const [id, message] of BUTTON_MESSAGES) on(id, () => api.postMessage(message));
  // The extension reports the pick: what to do now, then the locator and its match count.
  // A recording: Record turns into Stop, and the assertion buttons show.
  window.addEventListener('message', (event: MessageEvent<HostMessage | undefined>) => {
    const data = event.data;
    if (data?.type !== 'pickStatus' && data?.type !== 'recordStatus') return;
    const status = document.getElementById(ELEMENT.pickStatus);
    if (status) status.textContent = data.text ?? '';
    if (data.type === 'pickStatus') {
      const button = document.getElementById(ELEMENT.pick);
      // Both labels come from the extension, in the display language (data-pick, data-cancel).
      if (button) button.textContent = (data.picking ? button.dataset.cancel : button.dataset.pick) ?? '';
      return;
    }
    const record = document.getElementById(ELEMENT.record);
    if (record) record.textContent = (data.recording ? record.dataset.stop : record.dataset.record) ?? '';
    for (const id of [ELEMENT.assertText, ELEMENT.assertVisible, ELEMENT.assertValue]) {
      const button = document.getElementById(id);
      if (button) button.hidden = !data.recording;
    }
  });
  api.postMessage({ type: 'ready' });
  on(ELEMENT.reload, () => {
    const frame = document.getElementById(ELEMENT.frame) as HTMLIFrameElement | null;
    if (!frame) return;
    // Assigning src, even the same value, navigates the frame again.
    const src = frame.src;
    frame.src = src;
    api.postMessage({ type: 'reloaded' });
  });
})();
