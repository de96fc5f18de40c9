/**
 * Runs one piece of a document (a `%%` cell or a Markdown block) through the run path, with
 * its source so errors land on its lines. A TypeScript syntax error is marked on its line and
 * reported before anything is sent.
 */
import type * as vscode from 'vscode';
import { pieceInput } from '../run/code-input';
import { TypeStripError } from '../run/language';
import type { RunRecord } from '../run/types';
import type { CodeServices } from '../wiring/code-services';
import { l10n } from '../shared/l10n';

export interface Piece {
  doc: vscode.TextDocument;
  languageId: string;
  text: string;
  /** 0-based document lines of the text, inclusive. */
  startLine: number;
  endLine: number;
  cell?: number;
}

export async function runPiece(svc: CodeServices, p: Piece): Promise<RunRecord | undefined> {
  const source = { uri: p.doc.uri.toString(), label: svc.vscode.workspace.asRelativePath(p.doc.uri), startLine: p.startLine, endLine: p.endLine, cell: p.cell };
  let input;
  try {
    input = pieceInput(p.languageId, p.text, source);
  } catch (err) {
    if (!(err instanceof TypeStripError)) throw err;
    svc.diagnostics.markSyntaxError(p.doc.uri, p.startLine, err.line ?? 1, err.message);
    svc.notifier.error(l10n.t('{0} ({1}, line {2}; marked in the editor)', err.message, source.label, p.startLine + (err.line ?? 1)));
    return undefined;
  }
  if (!input) {
    svc.notifier.info(l10n.t('"{0}" code does not run in a session: use js, ts, python, bash or prompt.', p.languageId));
    return undefined;
  }
  if ((input.kind === 'code' ? input.code : input.prompt).trim() === '') {
    svc.notifier.info(
      p.cell !== undefined
        ? l10n.t('{0}, line {1}: this cell is empty; nothing was sent.', source.label, p.startLine + 1)
        : l10n.t('{0}, line {1}: this block is empty; nothing was sent.', source.label, p.startLine + 1),
    );
    return undefined;
  }
  return svc.executor.run(input);
}

/** The open document for `uri`, or the active editor's when no uri is given. */
export async function documentFor(svc: CodeServices, uri: string | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri) return svc.vscode.workspace.openTextDocument(svc.vscode.Uri.parse(uri));
  return svc.vscode.window.activeTextEditor?.document;
}
