/**
 * Which language code written into an editor at a line must be in: the editor's own (JS and TS
 * files and cells: Playwright for JavaScript; Python), or in Markdown, the fenced block's tag.
 * Pure: no vscode.
 */
import type { CodeLanguage } from '../recorder/protocol';
import { languageForId } from './language';
import { runnableBlocks } from './markdown-blocks';

function fromLanguageId(languageId: string): CodeLanguage | undefined {
  const choice = languageForId(languageId);
  if (choice?.language === 'node') return 'javascript';
  if (choice?.language === 'python') return 'python';
  return undefined;
}

/** undefined: no Playwright language there (a shell file, Markdown outside a js/ts/python block…). */
export function codeLanguageAt(languageId: string, lines: readonly string[], line: number): CodeLanguage | undefined {
  if (languageId !== 'markdown') return fromLanguageId(languageId);
  const block = runnableBlocks(lines).find((b) => line > b.fenceLine && line <= b.endLine + 1);
  return block?.what.kind === 'code' ? fromLanguageId(block.what.languageId) : undefined;
}

