/**
 * Where picked locators go: the cursor of the text editor that was active last (a file, a `%%`
 * cell, a Markdown block, a notebook cell), remembered while a webview such as the live view
 * has the focus, since VS Code then reports no active text editor.
 */
import type * as vscode from 'vscode';
import { Disposable } from '../host/disposable';
import type { VSCode } from '../host/vscode-types';
import type { CodeLanguage } from '../recorder/protocol';
import { codeLanguageAt } from '../run/code-language';
import { l10n } from '../shared/l10n';
import { RecordWriter } from './record-writer';

export interface CodeTarget {
  editor: vscode.TextEditor;
  /** undefined: the editor has no Playwright language at the cursor. */
  language: CodeLanguage | undefined;
  /** How the place is named in messages: "title.js", "cell 2 of steps.fcnb". */
  label: string;
}

export class CodeTargets extends Disposable {
  private last: vscode.TextEditor | undefined;

  constructor(private readonly vscode: VSCode) {
    super();
    this.last = vscode.window.activeTextEditor;
    this._register(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // Output and log channels are editors too; code never goes there.
        if (e && (e.document.uri.scheme === 'file' || e.document.uri.scheme === 'untitled' || e.document.uri.scheme === 'vscode-notebook-cell')) this.last = e;
      }),
    );
  }

  /** The last active code editor, if its document is still open. */
  current(): CodeTarget | undefined {
    const editor = this.last;
    if (!editor || editor.document.isClosed) return undefined;
    const doc = editor.document;
    const line = editor.selection.active.line;
    const lines = Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);
    return { editor, language: codeLanguageAt(doc.languageId, lines, line), label: this.label(doc) };
  }

  /** Replaces the selection (or inserts at the cursor) with `text`; the cursor ends after it. */
  async insert(target: CodeTarget, text: string): Promise<boolean> {
    const { editor } = target;
    const range = new this.vscode.Range(editor.selection.start, editor.selection.end);
    const edit = new this.vscode.WorkspaceEdit();
    edit.replace(editor.document.uri, range, text);
    if (!(await this.vscode.workspace.applyEdit(edit))) return false;
    const end = editor.document.positionAt(editor.document.offsetAt(range.start) + text.length);
    editor.selection = new this.vscode.Selection(end, end);
    return true;
  }

  /**
   * Where a recording writes: the target's cursor when it has a Playwright language there; in a
   * notebook whose cell has none (a Markdown cell), a new JavaScript cell below it.
   */
  async recordInto(target: CodeTarget): Promise<{ writer: RecordWriter; language: CodeLanguage; label: string } | undefined> {
    const { editor } = target;
    if (target.language) return { writer: new RecordWriter(this.vscode, editor.document, editor.selection.active, editor), language: target.language, label: target.label };
    const nb = this.vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === editor.document));
    const cell = nb?.getCells().find((c) => c.document === editor.document);
    if (!nb || !cell) return undefined;
    const edit = new this.vscode.WorkspaceEdit();
    const data = new this.vscode.NotebookCellData(this.vscode.NotebookCellKind.Code, '', 'javascript');
    edit.set(nb.uri, [this.vscode.NotebookEdit.insertCells(cell.index + 1, [data])]);
    if (!(await this.vscode.workspace.applyEdit(edit))) return undefined;
    const added = nb.cellAt(cell.index + 1).document;
    return { writer: new RecordWriter(this.vscode, added, new this.vscode.Position(0, 0)), language: 'javascript', label: this.label(added) };
  }

  private label(doc: vscode.TextDocument): string {
    const name = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;
    if (doc.uri.scheme !== 'vscode-notebook-cell') return name(doc.uri);
    for (const nb of this.vscode.workspace.notebookDocuments) {
      const cell = nb.getCells().find((c) => c.document === doc);
      if (cell) return l10n.t('cell {0} of {1}', cell.index + 1, name(nb.uri));
    }
    return l10n.t('a notebook cell');
  }
}
