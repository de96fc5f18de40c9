/**
 * Read-only documents for what does not fit the output channel: a run's full result
 * (`firecrawl-result:`, JSON-highlighted when it parses) and a past run's report from the
 * history (`firecrawl-run:`). Virtual documents: nothing to save, nothing asks to be saved.
 * Full results are kept in memory for the last few runs only; reports come from the history.
 */
import type * as vscode from 'vscode';
import type { VSCode } from '../host/vscode-types';
import type { RunHistory } from '../run/history';
import { SCHEME } from '../ids';
import { parsesAsJson } from './json-head';

const KEEP = 10;

export class ResultDocuments implements vscode.TextDocumentContentProvider {
  /**
   * Each result is kept as the function that makes its text, run when it is first opened: most
   * are never opened, and pretty-printing a multi-megabyte result on every run would block the
   * extension host.
   */
  private readonly results = new Map<string, { make: () => string; text?: string }>();

  constructor(
    private readonly vscode: VSCode,
    private readonly history: RunHistory,
  ) {}

  /** Keeps a run's whole result (its maker hides capability URLs) for "Open full result". */
  put(runId: string, make: () => string): void {
    this.results.delete(runId);
    this.results.set(runId, { make });
    while (this.results.size > KEEP) this.results.delete(this.results.keys().next().value as string);
  }

  has(runId: string): boolean {
    return this.results.has(runId);
  }

  /** The newest kept result's run id. */
  latest(): string | undefined {
    return [...this.results.keys()].pop();
  }

  /** For the `firecrawl-result:` and `firecrawl-run:` providers activation registers. */
  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = idOf(uri);
    if (uri.scheme === SCHEME.result) return this.text(id) ?? `The full result of run ${id} is no longer kept (only the last ${KEEP} are). Run the code again to see it.`;
    return this.history.get(id)?.report ?? `Run ${id} is no longer in the history.`;
  }

  /** Opens a run's full result; false when it is not kept. */
  async openResult(runId: string): Promise<boolean> {
    const text = this.text(runId);
    if (text === undefined) return false;
    await this.show(this.vscode.Uri.from({ scheme: SCHEME.result, path: `/${runId}.${isJson(text) ? 'json' : 'txt'}` }));
    return true;
  }

  private text(runId: string): string | undefined {
    const kept = this.results.get(runId);
    if (!kept) return undefined;
    kept.text ??= kept.make();
    return kept.text;
  }

  /** Keeps `text` under `id` and opens it read-only beside the editor, as `<id>.<ext>` (the extension picks the highlighting). */
  async openBeside(id: string, ext: string, text: string): Promise<void> {
    this.put(id, () => text);
    const doc = await this.vscode.workspace.openTextDocument(this.vscode.Uri.from({ scheme: SCHEME.result, path: `/${id}.${ext}` }));
    await this.vscode.window.showTextDocument(doc, { preview: false, viewColumn: this.vscode.ViewColumn.Beside, preserveFocus: true });
  }

  async openReport(runId: string): Promise<void> {
    await this.show(this.vscode.Uri.from({ scheme: SCHEME.report, path: `/${runId}.log` }));
  }

  private async show(uri: vscode.Uri): Promise<void> {
    const doc = await this.vscode.workspace.openTextDocument(uri);
    await this.vscode.window.showTextDocument(doc, { preview: true });
  }
}

function idOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.[a-z]+$/, '');
}

/** An object or array (a bare number or string stays text). */
function isJson(text: string): boolean {
  const t = text.trimStart();
  return (t.startsWith('{') || t.startsWith('[')) && parsesAsJson(text);
}
