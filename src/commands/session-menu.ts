/**
 * The session menu (a click on the cost item or a session in the view): what can be done with
 * a session, each on that session's own server. Stopping asks first.
 */
import type * as vscode from 'vscode';
import { CMD, VIEW } from '../ids';
import { describeSession, pickSession } from '../ui/pick-session';
import type { Services } from '../wiring/services';
import { l10n } from '../shared/l10n';

export async function sessionMenu(svc: Services, args?: { jobId?: string; apiUrl?: string }): Promise<void> {
  const session = args?.jobId ? svc.sessions.get(args.jobId, args.apiUrl) : await pickSession(svc, l10n.t('Firecrawl: Sessions'));
  if (!session) {
    svc.notifier.info(l10n.t('There is no browser session in this window: run code or a prompt in a job to start one.'));
    return;
  }
  const target = { jobId: session.jobId, apiUrl: session.server.apiUrl };
  type Item = vscode.QuickPickItem & { command: string; arg: unknown };
  const d = describeSession(svc, session);
  const items: Item[] = [
    { label: `$(eye) ${l10n.t('Open live view')}`, command: CMD.openLiveView, arg: target },
    { label: `$(play) ${l10n.t('Run the selection here')}`, description: l10n.t('the active editor, in this session'), command: CMD.runInSession, arg: target },
    { label: `$(copy) ${l10n.t('Copy CDP URL')}`, description: l10n.t('a credential: keep it private'), command: CMD.copyCdpUrl, arg: target },
    { label: `$(list-tree) ${l10n.t('Show in the Firecrawl view')}`, command: `${VIEW.workbench}.focus`, arg: undefined },
    { label: `$(debug-stop) ${l10n.t('Stop session…')}`, description: l10n.t('asks first'), command: CMD.stopSession, arg: { ...target, confirm: true } },
  ];
  const picked = await svc.vscode.window.showQuickPick(items, { title: `Firecrawl: ${d.label}`, placeHolder: d.description });
  if (!picked) return;
  await (picked.arg === undefined ? svc.vscode.commands.executeCommand(picked.command) : svc.vscode.commands.executeCommand(picked.command, picked.arg));
}
