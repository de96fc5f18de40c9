/**
 * Errors on their lines: when a node or python run from a document fails, the frames that
 * point into the sent code are mapped back to the document (selection, cell or block offset
 * included) and marked as error diagnostics (editor and Problems panel), and the output gets
 * `path:line:column` links. The next run of the same document clears its marks. TypeScript
 * syntax errors found before sending are marked the same way.
 */
import type * as vscode from 'vscode';
import { DIAGNOSTICS_NAME } from '../ids';
import type { RunFailure } from '../run/stack-map';
import type { RunEvents } from '../run/run-path';
import type { RunRecord } from '../run/types';
import { Disposable } from '../host/disposable';
import type { LoadCodeRuns } from './code-runs-view';
import type { ResultOutput } from './result-output';
import type { VSCode } from '../host/vscode-types';

export class RunDiagnostics extends Disposable {
  private readonly collection: vscode.DiagnosticCollection;

  constructor(
    private readonly vscode: VSCode,
    runs: RunEvents,
    private readonly output: ResultOutput,
    private readonly codeRuns: LoadCodeRuns,
  ) {
    super();
    this.collection = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTICS_NAME));
    this._register(runs.onDidStart((r) => this.started(r)));
    this._register(runs.onDidFinish((r) => this.finished(r)));
  }

  /** A syntax error found before sending, at 1-based `line` of the piece that starts at 0-based `firstLine`. */
  markSyntaxError(uri: vscode.Uri, firstLine: number, line: number, message: string): void {
    this.collection.set(uri, [this.diagnostic(firstLine + line - 1, message)]);
  }

  /** The marks of a document, for tests and the view. */
  marks(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  private started(r: RunRecord): void {
    if (r.input.source) this.collection.delete(this.vscode.Uri.parse(r.input.source.uri));
  }

  private finished(r: RunRecord): void {
    const source = r.input.source;
    const res = r.response;
    if (!source || !res || res.success || r.input.kind !== 'code') return;
    // The engine's error is often the stderr itself: read it once, or frames would count twice.
    const text = [res.stderr, res.error === res.stderr ? undefined : res.error].filter(Boolean).join('\n');
    const sent = r.input.code.split('\n').length;
    const { nodeFailure, pythonFailure } = this.codeRuns();
    const failure: RunFailure | undefined = r.input.language === 'node' ? nodeFailure(text, sent) : r.input.language === 'python' ? pythonFailure(text, sent) : undefined;
    if (!failure) return;
    const uri = this.vscode.Uri.parse(source.uri);
    const diagnostics = failure.locations.map((loc, i) => {
      const d = this.diagnostic(source.startLine + loc.line - 1, i === 0 ? failure.message : `${failure.message} (called from here)`);
      if (i > 0) d.severity = this.vscode.DiagnosticSeverity.Information;
      return d;
    });
    this.collection.set(uri, diagnostics);
    const where = uri.scheme === 'file' ? uri.fsPath : source.label;
    const top = failure.locations[0];
    this.output.appendLine(`  ↳ ${failure.message} at ${where}:${source.startLine + top.line}${top.column ? `:${top.column}` : ''}`);
  }

  private diagnostic(docLine: number, message: string): vscode.Diagnostic {
    const { Diagnostic, DiagnosticSeverity, Range } = this.vscode;
    const line = Math.max(0, docLine);
    // The whole line: a column on the piece's first line can be shifted by the REPL's wrapper.
    const d = new Diagnostic(new Range(line, 0, line, Number.MAX_SAFE_INTEGER), message, DiagnosticSeverity.Error);
    d.source = 'Firecrawl';
    return d;
  }
}
