/**
 * Where a recording's steps go: lines at the cursor of the editor that was active before the
 * live view, one step a line (or a few, for a popup), indented as the cursor's line. An updated
 * step (a `fill` that grew, a click that became a popup) rewrites the step it updates, when that
 * text is still there as written; otherwise it is written as a new step. Edits are queued, so
 * steps land in order however fast they come.
 */
import type * as vscode from 'vscode';
import type { VSCode } from '../host/vscode-types';
import type { RecordedStep } from '../recorder/protocol';

export class RecordWriter {
  /** Offset where the next step goes. */
  private at: number;
  /** A blank cursor line takes the steps before it; a line with text, after it. */
  private readonly before: string;
  private readonly after: string;
  private readonly indent: string;
  private last: { start: number; text: string } | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** How many steps are in the document (an update counts once). */
  steps = 0;

  constructor(
    private readonly vscode: VSCode,
    private readonly document: vscode.TextDocument,
    cursor: vscode.Position,
    private readonly editor?: vscode.TextEditor,
  ) {
    const line = document.lineAt(cursor.line);
    this.indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
    const blank = line.isEmptyOrWhitespace;
    this.at = document.offsetAt(blank ? line.range.start : line.range.end);
    this.before = blank ? '' : '\n';
    this.after = blank ? '\n' : '';
  }

  /** Writes a step; resolves when it is in the document. */
  write(step: RecordedStep): Promise<void> {
    this.queue = this.queue.then(() => this.apply(step)).catch(() => undefined);
    return this.queue;
  }

  /** Resolves when every step written so far is in the document. */
  flushed(): Promise<void> {
    return this.queue;
  }

  private async apply(step: RecordedStep): Promise<void> {
    const text = step.code
      .split('\n')
      .map((l) => (l ? this.indent + l : l))
      .join('\n');
    const last = this.last;
    const doc = this.document;
    if (step.change === 'updated' && last && doc.getText(this.range(last.start, last.text.length)) === last.text) {
      if (!(await this.edit(this.range(last.start, last.text.length), text))) return;
      this.at += text.length - last.text.length;
      this.last = { start: last.start, text };
    } else {
      if (!(await this.edit(this.range(this.at, 0), this.before + text + this.after))) return;
      this.last = { start: this.at + this.before.length, text };
      this.at += this.before.length + text.length + this.after.length;
      this.steps++;
    }
    const end = doc.positionAt(this.last.start + text.length);
    if (this.editor && !doc.isClosed) this.editor.selection = new this.vscode.Selection(end, end);
  }

  private range(offset: number, length: number): vscode.Range {
    return new this.vscode.Range(this.document.positionAt(offset), this.document.positionAt(offset + length));
  }

  private async edit(range: vscode.Range, text: string): Promise<boolean> {
    const edit = new this.vscode.WorkspaceEdit();
    edit.replace(this.document.uri, range, text);
    return this.vscode.workspace.applyEdit(edit);
  }
}
