/**
 * The CodeLens provider for `// %%` / `# %%` cells and the context key that lets Shift+Enter
 * run the cell at the cursor. A file without markers gets no lenses; the setting
 * `firecrawlInteract.codeLens.cells` turns them off. The lenses are built by code-lenses.ts in
 * dist/code-runs.js, loaded when the first one is asked for.
 */
import type * as vscode from 'vscode';
import { CONTEXT } from '../ids';
import { hasCells, mayHaveCells } from '../run/cells';
import { Disposable } from '../host/disposable';
import type { VSCode } from '../host/vscode-types';
import type { LoadCodeRuns } from './code-runs-view';
import type { Setting } from '../host/setting';
import { Emitter } from '../shared/emitter';

export const CELL_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'shellscript'];

export class CellLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  private editorHasCells = false;

  constructor(
    private readonly vscode: VSCode,
    private readonly codeRuns: LoadCodeRuns,
    private readonly setting: Setting<boolean>,
  ) {
    super();
    const selector = CELL_LANGUAGES.map((language) => ({ language }));
    this._register(vscode.languages.registerCodeLensProvider(selector, this));
    this._register(
      setting.onDidChange(() => {
        this.changed.fire();
        this.updateContext();
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
    return this.setting.get();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    // No marker, no lens: a file without cells does not load the lens code.
    if (!this.enabled() || !hasCells(doc.languageId) || !mayHaveCells(doc.getText())) return [];
    return this.codeRuns().cellLenses(this.vscode, doc);
  }

  /**
   * Shift+Enter is bound only where it runs a cell, so it types a newline everywhere else. The
   * key is sent only when it changes (unset reads as false).
   */
  private updateContext(): void {
    const doc = this.vscode.window.activeTextEditor?.document;
    const has = !!doc && this.enabled() && hasCells(doc.languageId) && mayHaveCells(doc.getText());
    if (has === this.editorHasCells) return;
    this.editorHasCells = has;
    void this.vscode.commands.executeCommand('setContext', CONTEXT.editorHasCells, has);
  }
}
