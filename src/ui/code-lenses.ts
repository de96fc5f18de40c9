/**
 * The CodeLenses themselves: "Run cell", "Run cell and below", "Run above" above each `%%` cell
 * and "Run in session" above each runnable Markdown block. Built in dist/code-runs.js, loaded
 * when the first lens is asked for; the providers registered at activation (cell-lenses.ts,
 * markdown-lenses.ts) only hand the document over.
 */
import type * as vscode from 'vscode';
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
        new CodeLens(range, { title: '$(play) Run cell', command: CMD.runCell, arguments: args, tooltip: 'Run this cell in the scrape session (Shift+Enter)' }),
        new CodeLens(range, { title: 'Run cell and below', command: CMD.runCellAndBelow, arguments: args }),
      ];
      if (c.index > 0) lenses.push(new CodeLens(range, { title: 'Run above', command: CMD.runAbove, arguments: args }));
      return lenses;
    });
}

export function markdownLenses(vscode: VSCode, doc: vscode.TextDocument): vscode.CodeLens[] {
  const { CodeLens, Range } = vscode;
  const uri = doc.uri.toString();
  return runnableBlocks(documentLines(doc)).map(
    (b) =>
      new CodeLens(new Range(b.fenceLine, 0, b.fenceLine, 0), {
        title: '$(play) Run in session',
        command: CMD.runBlock,
        arguments: [{ uri, block: b.index }],
        tooltip: b.what.kind === 'prompt' ? 'Send this block to the agent as a prompt' : `Run this ${b.tag} block in the scrape session`,
      }),
  );
}
