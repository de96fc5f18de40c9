/**
 * Run in scrape session: the selection (or the whole file when nothing is selected) is sent
 * as `code`. The language follows the editor's language id; TypeScript is stripped of types
 * first; other languages are asked once with a quick pick and remembered.
 */
import type * as vscode from 'vscode';
import { languageForId, stripTypes } from '../api/language';
import type { CommandArgs } from '../extension-api';
import type { InteractLanguage } from '../shared/api-types';
import { checkLanguage } from '../shared/validation';
import { reportError } from './report-error';
import { runInteract } from './run-interact';
import type { Services } from './services';

const MEMO_PREFIX = 'firecrawlInteract.languageFor.';

const LANGUAGE_ITEMS: { label: string; description: string; language: InteractLanguage }[] = [
  { label: 'node', description: 'JavaScript in a Playwright REPL (page, context, browser)', language: 'node' },
  { label: 'python', description: 'Python with Playwright\'s async API (page)', language: 'python' },
  { label: 'bash', description: 'Shell with agent-browser connected to the session', language: 'bash' },
];

export async function runSelection(svc: Services, args?: CommandArgs['runSelection']): Promise<void> {
  const editor = svc.vscode.window.activeTextEditor;
  if (!editor) {
    svc.notifier.info('Open a file and select the code to run in the scrape session (nothing selected sends the whole file).');
    return;
  }
  const doc = editor.document;
  const raw = selectedText(editor);
  const forced = args?.language && !checkLanguage(args.language) ? args.language : undefined;
  const known = languageForId(doc.languageId);
  const language = forced ?? known?.language ?? (await languageFor(svc, doc.languageId));
  if (!language) return;

  let code = raw;
  if (!forced && known?.stripTypes) {
    try {
      code = stripTypes(raw, known.jsx);
    } catch (err) {
      reportError(svc, err, { what: 'run' });
      return;
    }
  }
  await runInteract(svc, { kind: 'code', code, language });
}

/** Non-empty selections in document order, joined; the whole document when none. */
function selectedText(editor: vscode.TextEditor): string {
  const parts = editor.selections
    .filter((s) => !s.isEmpty)
    .sort((a, b) => a.start.compareTo(b.start))
    .map((s) => editor.document.getText(s));
  return parts.length > 0 ? parts.join('\n') : editor.document.getText();
}

/** Asked once per language id, then remembered (global state). */
async function languageFor(svc: Services, languageId: string): Promise<InteractLanguage | undefined> {
  const key = MEMO_PREFIX + languageId;
  const remembered = svc.globalState.get<string>(key);
  if (remembered && !checkLanguage(remembered)) return remembered as InteractLanguage;
  const picked = await svc.vscode.window.showQuickPick(LANGUAGE_ITEMS, {
    title: `Firecrawl: Run "${languageId}" code as`,
    placeHolder: `Which interpreter runs ${languageId} files? (asked once; remembered)`,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  await svc.globalState.update(key, picked.language);
  return picked.language;
}
