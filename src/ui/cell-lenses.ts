/**
 * CodeLenses above each `// %%` / `# %%` cell ("Run cell", "Run cell and below", "Run above")
 * and the context key that lets Shift+Enter run the cell at the cursor. A file without markers
 * gets no lenses; the setting `firecrawlInteract.codeLens.cells` turns them off.
 */
import type * as vscode from 'vscode';
import { CMD, CONTEXT } from '../ids';
import { hasCells, splitCells } from '../run/cells';
import { Disposable } from '../host/disposable';
import type { VSCode } from '../host/vscode-types';

export const CELL_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'shellscript'];
const SETTING = 'firecrawlInteract.codeLens.cells';

export function documentLines(doc: vscode.TextDocument): string[] {
  const lines: string[] = [];
  for (let i = 0; i < doc.lineCount; i++) lines.push(doc.lineAt(i).text);
  return lines;
}

export class CellLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed: vscode.EventEmitter<void>;
  readonly onDidChangeCodeLenses: vscode.Event<void>;
  private editorHasCells = false;

  constructor(private readonly vscode: VSCode) {
    super();
    this.changed = this._register(new vscode.EventEmitter<void>());
    this.onDidChangeCodeLenses = this.changed.event;
    const selector = CELL_LANGUAGES.map((language) => ({ language }));
    this._register(vscode.languages.registerCodeLensProvider(selector, this));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING)) {
          this.changed.fire();
          this.updateContext();
        }
      }),
    );
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()));
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.updateContext();
      }),
    );
    this.updateContext();
  }

  private enabled(): boolean {
    return this.vscode.workspace.getConfiguration().get<boolean>(SETTING, true);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.enabled()) return [];
    const { CodeLens, Range } = this.vscode;
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

  /**
   * Shift+Enter is bound only where it runs a cell, so it types a newline everywhere else. The
   * key is sent only when it changes (unset reads as false).
   */
  private updateContext(): void {
    const doc = this.vscode.window.activeTextEditor?.document;
    const has = !!doc && this.enabled() && hasCells(doc.languageId) && /^\s*(\/\/|#)\s*%%/m.test(doc.getText());
    if (has === this.editorHasCells) return;
    this.editorHasCells = has;
    void this.vscode.commands.executeCommand('setContext', CONTEXT.editorHasCells, has);
  }
}
