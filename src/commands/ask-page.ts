/** Ask the page: a prompt (1–10,000 characters, checked as you type) for the session's AI agent. */
import type { CommandArgs } from '../extension-api';
import { checkPrompt } from '../shared/validation';
import type { Services } from '../wiring/services';
import { l10n } from '../shared/l10n';

export async function askPage(svc: Services, args?: CommandArgs['askPage']): Promise<void> {
  const prompt =
    args?.prompt ??
    (await svc.vscode.window.showInputBox({
      title: l10n.t('Firecrawl: Ask the page'),
      prompt: l10n.t('What should the agent do or find on the page? (1–10,000 characters)'),
      placeHolder: l10n.t('e.g. Find the pricing table and list the plans with their monthly prices'),
      ignoreFocusOut: true,
      validateInput: (v) => checkPrompt(v),
    }));
  if (prompt === undefined) return;
  await svc.executor.run({ kind: 'prompt', prompt });
}
