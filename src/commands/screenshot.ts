/**
 * Screenshot the page: takes a picture of the session's page through the session itself (a
 * node run, so it works on the cloud and the local engine alike) and opens it beside the editor.
 */
import { decodeScreenshot, type Screenshot } from '../run/screenshot';
import type { CodeServices } from '../wiring/code-services';
import { saveScreenshot } from '../host/screenshot-files';
import { serverFor, unreachable } from '../host/servers';
import { l10n } from '../shared/l10n';

/** Base64 keeps the result a third the size of the REPL's JSON rendering of a Buffer. */
export const SCREENSHOT_CODE = "(await page.screenshot({ type: 'png' })).toString('base64')";

/** `jobId` and `apiUrl`: a session's (from the sessions view); without them, the current job. `viewColumn`: where the picture opens (default: beside). */
export async function screenshotPage(svc: CodeServices, args?: { jobId?: string; apiUrl?: string; viewColumn?: number }): Promise<string | undefined> {
  const server = args?.apiUrl ? await serverFor(svc, args.apiUrl) : undefined;
  if (args?.apiUrl && !server) {
    unreachable(svc, args.apiUrl, l10n.t('Job {0}', args.jobId?.slice(0, 8) ?? ''));
    return undefined;
  }
  const record = await svc.executor.run({ kind: 'code', code: SCREENSHOT_CODE, language: 'node' }, { jobId: args?.jobId, server, quiet: true });
  if (!record || record.status === 'cancelled') return undefined;
  let shot: Screenshot | undefined;
  if (record.status === 'ok') shot = await decodeScreenshot(record.response?.result);
  if (!shot) {
    const why = record.errorMessage ?? record.response?.error ?? record.response?.stderr?.trim().split('\n')[0] ?? l10n.t('the result was not a picture');
    svc.notifier.error(l10n.t('The screenshot of job {0} failed: {1}. Check the session in the "Firecrawl Interact" output, then try again.', record.jobId.slice(0, 8), why));
    return undefined;
  }
  const file = await saveScreenshot(svc.screenshotDir, record.jobId, shot);
  await openImage(svc, file, args?.viewColumn);
  return file;
}

export async function openImage(svc: CodeServices, file: string, viewColumn?: number): Promise<void> {
  await svc.vscode.commands.executeCommand('vscode.open', svc.vscode.Uri.file(file), { viewColumn: viewColumn ?? svc.vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
