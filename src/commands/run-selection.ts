/**
 * Run in scrape session: the selection (or the whole file when nothing is selected) is sent
 * as `code` through the one run path. The language follows the editor's language id;
 * TypeScript is stripped of types first; other languages are asked once and remembered
 * (Firecrawl: Change the language of a file type changes the choice).
 */
import type * as vscode from 'vscode';
import type { CommandArgs } from '../extension-api';
import { languageForId, stripTypes, TypeStripError } from '../run/language';
import type { RunSource } from '../run/types';
import type { InteractLanguage } from '../shared/api-types';
import { l10n } from '../shared/l10n';
import { checkLanguage } from '../shared/validation';
import { reportError } from '../ui/report-error';
import { serverFor, unreachable } from '../host/servers';
import type { Services } from '../wiring/services';

const MEMO_PREFIX = 'firecrawlInteract.languageFor.';

/** A function, not a table: the texts must be read after the translator is in place. */
function languageItems(): { label: string; description: string; language: InteractLanguage }[] {
  return [
    { label: 'node', description: l10n.t('JavaScript in a Playwright REPL (page, context, browser)'), language: 'node' },
    { label: 'python', description: l10n.t("Python with Playwright's async API (page)"), language: 'python' },
    { label: 'bash', description: l10n.t('Shell with agent-browser connected to the session'), language: 'bash' },
  ];
}

export async function runSelection(svc: Services, args?: CommandArgs['runSelection']): Promise<void> {
  const editor = svc.vscode.window.activeTextEditor;
  if (!editor) {
    svc.notifier.info(l10n.t('Open a file and select the code to run in the scrape session (nothing selected sends the whole file).'));
    return;
  }
  const doc = editor.document;
  const { text: raw, source } = selectedText(svc, editor);
  const forced = args?.language && !checkLanguage(args.language) ? args.language : undefined;
  const known = languageForId(doc.languageId);
  const language = forced ?? known?.language ?? (await languageFor(svc, doc.languageId));
  if (!language) return;

  let code = raw;
  // A forced language sends the text as it is (the caller chose the interpreter).
  if (!forced && known?.stripTypes) {
    try {
      code = stripTypes(raw, known.jsx);
    } catch (err) {
      if (err instanceof TypeStripError) svc.diagnostics.markSyntaxError(editor.document.uri, source.startLine, err.line ?? 1, err.message);
      reportError(svc, err, { what: 'run' });
      return;
    }
  }
  const server = args?.apiUrl ? await serverFor(svc, args.apiUrl) : undefined;
  if (args?.apiUrl && !server) {
    unreachable(svc, args.apiUrl, l10n.t('Job {0}', args.jobId?.slice(0, 8) ?? ''));
    return;
  }
  await svc.executor.run({ kind: 'code', code, language, source }, { jobId: args?.jobId, server });
}

/** Non-empty selections in document order, joined; the whole document when none. */
function selectedText(svc: Services, editor: vscode.TextEditor): { text: string; source: RunSource } {
  const doc = editor.document;
  const selections = editor.selections.filter((s) => !s.isEmpty).sort((a, b) => a.start.compareTo(b.start));
  const label = svc.vscode.workspace.asRelativePath(doc.uri, false);
  if (selections.length === 0) return { text: doc.getText(), source: { uri: doc.uri.toString(), label, startLine: 0, endLine: Math.max(0, doc.lineCount - 1) } };
  const last = selections[selections.length - 1];
  return {
    text: selections.map((s) => doc.getText(s)).join('\n'),
    source: { uri: doc.uri.toString(), label, startLine: selections[0].start.line, endLine: last.end.character === 0 && last.end.line > last.start.line ? last.end.line - 1 : last.end.line },
  };
}

/** Asked once per language id, then remembered (global state) until changed. */
async function languageFor(svc: Services, languageId: string): Promise<InteractLanguage | undefined> {
  const remembered = rememberedLanguage(svc, languageId);
  if (remembered) return remembered;
  return pickLanguage(svc, languageId);
}

export function rememberedLanguage(svc: Services, languageId: string): InteractLanguage | undefined {
  const value = svc.globalState.get<string>(MEMO_PREFIX + languageId);
  return value && !checkLanguage(value) ? (value as InteractLanguage) : undefined;
}

async function pickLanguage(svc: Services, languageId: string): Promise<InteractLanguage | undefined> {
  const current = rememberedLanguage(svc, languageId);
  const picked = await svc.vscode.window.showQuickPick(
    languageItems().map((i) => ({ ...i, picked: i.language === current, detail: i.language === current ? l10n.t('current choice') : undefined })),
    {
      title: l10n.t('Firecrawl: Run "{0}" code as', languageId),
      placeHolder: l10n.t('Which interpreter runs {0} files? (remembered; change it with "Firecrawl: Change the language of a file type")', languageId),
      ignoreFocusOut: true,
    },
  );
  if (!picked) return undefined;
  await svc.globalState.update(MEMO_PREFIX + languageId, picked.language);
  return picked.language;
}

/**
 * Changes (or forgets) the remembered language of a file type: the active editor's, or one
 * chosen from those remembered.
 */
export async function changeLanguage(svc: Services, args?: { languageId?: string }): Promise<void> {
  const remembered = svc.globalState.keys().filter((k) => k.startsWith(MEMO_PREFIX)).map((k) => k.slice(MEMO_PREFIX.length));
  const active = svc.vscode.window.activeTextEditor?.document.languageId;
  let languageId = args?.languageId ?? (active && !languageForId(active) ? active : undefined);
  if (!languageId) {
    if (remembered.length === 0) {
      svc.notifier.info(l10n.t('No file type has a remembered language yet: JavaScript, TypeScript, Python and shell files always run as node, node, python and bash; other file types are asked the first time they run.'));
      return;
    }
    const picked = await svc.vscode.window.showQuickPick(
      remembered.map((id) => ({ label: id, description: l10n.t('runs as {0}', rememberedLanguage(svc, id) ?? '?') })),
      { title: l10n.t('Firecrawl: Change the language of a file type'), placeHolder: l10n.t('Which file type?') },
    );
    if (!picked) return;
    languageId = picked.label;
  }
  const language = await pickLanguage(svc, languageId);
  if (language) svc.notifier.info(l10n.t('"{0}" files now run as {1}.', languageId, language));
}

