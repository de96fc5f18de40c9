/**
 * The CodeLenses themselves: "Run cell", "Run cell and below", "Run above" above each `%%` cell
 * and "Run in session" above each runnable Markdown block. Built in dist/code-runs.js, loaded
 * when the first lens is asked for; the providers registered at activation (cell-lenses.ts,
 * markdown-lenses.ts) only hand the document over.
 */
import type * as vscode from 'vscode';
import { l10n } from '../shared/l10n';
import { CMD } from '../ids';
import { splitCells } from '../run/cells';
import { runnableBlocks } from '../run/markdown-blocks';
import type { VSCode } from '../host/vscode-types';

export function documentLines(doc: vscode.TextDocument): string[] {
  const lines: string[] = [];
  for (let i = 0; i < doc.lineCount; i++) lines.push(doc.lineAt(i).text);
  return lines;
}

export function cellLenses(vscode: VSCode, doc: vscode.TextDocument): vscode.CodeLens[] {
  const { CodeLens, Range } = vscode;
  const uri = doc.uri.toString();
  return splitCells(documentLines(doc), doc.languageId)
    .filter((c) => !c.markdown)
    .flatMap((c) => {
      const range = new Range(c.markerLine, 0, c.markerLine, 0);
      const args = [{ uri, cell: c.index }];
      const lenses = [
        new CodeLens(range, { title: `$(play) ${l10n.t('Run cell')}`, command: CMD.runCell, arguments: args, tooltip: l10n.t('Run this cell in the scrape session (Shift+Enter)') }),
        new CodeLens(range, { title: l10n.t('Run cell and below'), command: CMD.runCellAndBelow, arguments: args }),
      ];
      if (c.index > 0) lenses.push(new CodeLens(range, { title: l10n.t('Run above'), command: CMD.runAbove, arguments: args }));
      return lenses;
    });
}

export function markdownLenses(vscode: VSCode, doc: vscode.TextDocument): vscode.CodeLens[] {
  const { CodeLens, Range } = vscode;
  const uri = doc.uri.toString();
  return runnableBlocks(documentLines(doc)).map(
    (b) =>
      new CodeLens(new Range(b.fenceLine, 0, b.fenceLine, 0), {
        title: `$(play) ${l10n.t('Run in session')}`,
        command: CMD.runBlock,
        arguments: [{ uri, block: b.index }],
        tooltip: b.what.kind === 'prompt' ? l10n.t('Send this block to the agent as a prompt') : l10n.t('Run this {0} block in the scrape session', b.tag),
      }),
  );
}
