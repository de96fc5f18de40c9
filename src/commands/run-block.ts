/** Run in session, for a fenced block of a Markdown file (CodeLens argument, or the block at the cursor). */
import { runnableBlocks } from '../run/markdown-blocks';
import { PROMPT_LANGUAGE_ID } from '../run/code-input';
import { documentLines } from '../ui/code-lenses';
import type { CodeServices } from '../wiring/code-services';
import { documentFor, runPiece } from '../ui/run-piece';
import { l10n } from '../shared/l10n';

export async function runBlock(svc: CodeServices, args?: { uri?: string; block?: number }): Promise<void> {
  const doc = await documentFor(svc, args?.uri);
  const blocks = doc ? runnableBlocks(documentLines(doc)) : [];
  const line = svc.vscode.window.activeTextEditor?.selection.active.line ?? -1;
  const block = args?.block !== undefined ? blocks[args.block] : blocks.find((b) => b.fenceLine <= line && line <= b.endLine + 1);
  if (!doc || !block) {
    svc.notifier.info(l10n.t('Put the cursor in a fenced block tagged js, ts, python, bash, sh or prompt to run it.'));
    return;
  }
  const languageId = block.what.kind === 'prompt' ? PROMPT_LANGUAGE_ID : block.what.languageId;
  await runPiece(svc, { doc, languageId, text: block.text, startLine: block.startLine, endLine: block.endLine });
}
