/**
 * A "Run in session" CodeLens above each runnable fenced block of a Markdown file (js, ts,
 * python, bash, sh, … and `prompt`), so a README or a runbook runs block by block.
 */
import type * as vscode from 'vscode';
import { CMD } from '../ids';
import { runnableBlocks } from '../run/markdown-blocks';
import { documentLines } from './cell-lenses';
import { Disposable } from '../host/disposable';
import type { VSCode } from '../host/vscode-types';

const SETTING = 'firecrawlInteract.codeLens.markdown';

export class MarkdownLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed: vscode.EventEmitter<void>;
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly vscode: VSCode) {
    super();
    this.changed = this._register(new vscode.EventEmitter<void>());
    this.onDidChangeCodeLenses = this.changed.event;
    this._register(vscode.languages.registerCodeLensProvider({ language: 'markdown' }, this));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTING)) this.changed.fire();
      }),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.vscode.workspace.getConfiguration().get<boolean>(SETTING, true)) return [];
    const { CodeLens, Range } = this.vscode;
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
}
