/**
 * Notebook toolbar actions: choose the notebook's job, export the cells as scripts (one file
 * per language, beside the notebook), and create a new notebook.
 */
import { NOTEBOOK_TYPE } from '../ids';
import { exportScripts } from '../notebook/export';
import { PROMPT_LANGUAGE_ID } from '../run/code-input';
import type { NotebookRunner } from '../ui/notebook-controller';
import { plainText } from '../ui/notifier';
import type { CodeServices } from '../wiring/code-services';
import { l10n } from '../shared/l10n';

function activeNotebook(svc: CodeServices) {
  const nb = svc.vscode.window.activeNotebookEditor?.notebook;
  if (nb?.notebookType === NOTEBOOK_TYPE) return nb;
  svc.notifier.info(l10n.t('Open a Firecrawl notebook (.fcnb) first.'));
  return undefined;
}

export async function chooseNotebookJob(svc: CodeServices, runner: NotebookRunner): Promise<void> {
  const nb = activeNotebook(svc);
  if (nb) await runner.chooseJob(nb);
}

/** Writes `<notebook>.js`, `.ts`, `.py`, `.sh`, `.prompts.md` beside the notebook (or opens them untitled) and opens the first. */
export async function exportNotebookScripts(svc: CodeServices): Promise<string[]> {
  const nb = activeNotebook(svc);
  if (!nb) return [];
  const { vscode } = svc;
  const cells = nb.getCells().map((c) => ({
    kind: c.kind === vscode.NotebookCellKind.Markup ? ('markup' as const) : ('code' as const),
    language: c.document.languageId === PROMPT_LANGUAGE_ID ? 'prompt' : c.document.languageId,
    source: c.document.getText(),
    outputs: [],
  }));
  const files = exportScripts(cells);
  if (files.length === 0) {
    svc.notifier.info(l10n.t('This notebook has no code cells to export.'));
    return [];
  }
  const written: string[] = [];
  for (const f of files) {
    let doc;
    if (nb.uri.scheme === 'untitled') {
      doc = await vscode.workspace.openTextDocument({ language: f.languageId, content: f.text });
    } else {
      const target = nb.uri.with({ path: nb.uri.path.replace(/\.fcnb$/, '') + f.extension });
      if (await exists(svc, target)) {
        const replace = l10n.t('Replace');
        const answer = await vscode.window.showWarningMessage(l10n.t("{0} exists. Replace it with the notebook's cells?", plainText(vscode.workspace.asRelativePath(target))), { modal: true }, replace);
        if (answer !== replace) continue;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(f.text));
      doc = await vscode.workspace.openTextDocument(target);
      written.push(target.toString());
    }
    if (f === files[0]) await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
  const names = written.map((u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u))).join(', ');
  if (written.length > 0) svc.notifier.info((written.length === 1 ? l10n.t('Exported 1 script beside the notebook: {0}.', names) : l10n.t('Exported {0} scripts beside the notebook: {1}.', written.length, names)));
  return written;
}

async function exists(svc: CodeServices, uri: import('vscode').Uri): Promise<boolean> {
  try {
    await svc.vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function newNotebook(svc: CodeServices): Promise<void> {
  const { vscode } = svc;
  const data = new vscode.NotebookData([
    new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# Steps on the live page\nEach cell runs in this notebook\'s job.', 'markdown'),
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'await page.title()', 'javascript'),
  ]);
  const nb = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
  await vscode.window.showNotebookDocument(nb);
}
