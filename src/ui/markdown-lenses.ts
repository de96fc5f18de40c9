/**
 * A "Run in session" CodeLens above each runnable fenced block of a Markdown file (js, ts,
 * python, bash, sh, … and `prompt`), so a README or a runbook runs block by block. The lenses
 * are built by code-lenses.ts in dist/code-runs.js, loaded when the first one is asked for.
 */
import type * as vscode from 'vscode';
import { mayHaveBlocks } from '../run/markdown-blocks';
import { Disposable } from '../host/disposable';
import type { VSCode } from '../host/vscode-types';
import type { LoadCodeRuns } from './code-runs-view';
import type { Setting } from '../host/setting';
import { Emitter } from '../shared/emitter';

export class MarkdownLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly vscode: VSCode,
    private readonly codeRuns: LoadCodeRuns,
    private readonly setting: Setting<boolean>,
  ) {
    super();
    this._register(vscode.languages.registerCodeLensProvider({ language: 'markdown' }, this));
    this._register(setting.onDidChange(() => this.changed.fire()));
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.setting.get()) return [];
    // No fence, no lens: a Markdown file without code blocks does not load the lens code.
    if (!mayHaveBlocks(doc.getText())) return [];
    return this.codeRuns().markdownLenses(this.vscode, doc);
  }
}
