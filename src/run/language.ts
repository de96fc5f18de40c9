/**
 * Which interact language an editor's language id runs as, and TypeScript type stripping
 * (sucrase, pure JS, loaded lazily) so .ts/.tsx selections run in the node REPL.
 */
import { join } from 'node:path';
import type { InteractLanguage } from '../shared/api-types';
import { loadBeside } from '../host/load-beside';
import { l10n } from '../shared/l10n';

export interface LanguageChoice {
  language: InteractLanguage;
  /** The text is TypeScript: strip types before sending. */
  stripTypes: boolean;
  /** The text may contain JSX (typescriptreact / javascriptreact). */
  jsx: boolean;
}

const BY_ID: Record<string, LanguageChoice> = {
  javascript: { language: 'node', stripTypes: false, jsx: false },
  javascriptreact: { language: 'node', stripTypes: false, jsx: true },
  typescript: { language: 'node', stripTypes: true, jsx: false },
  typescriptreact: { language: 'node', stripTypes: true, jsx: true },
  python: { language: 'python', stripTypes: false, jsx: false },
  shellscript: { language: 'bash', stripTypes: false, jsx: false },
};

/** undefined: the editor's language has no interact equivalent (the UI asks once). */
export function languageForId(languageId: string): LanguageChoice | undefined {
  return Object.hasOwn(BY_ID, languageId) ? BY_ID[languageId] : undefined;
}

/**
 * Removes TypeScript syntax and keeps everything else as written: ES syntax, imports,
 * top-level await (the REPL supports it) and JSX. Imports used only as types are dropped,
 * as tsc does (`import { Page } from 'playwright'` has no runtime value to import). JSX is parsed (so .tsx type assertions
 * and generics are read correctly) but preserved, not compiled to React calls, because the
 * page REPL has no React; the REPL then reports it if it is really used.
 */
let sucrase: typeof import('./sucrase-entry') | undefined;

function loadSucrase(): typeof import('./sucrase-entry') {
  sucrase ??= loadBeside<typeof import('./sucrase-entry')>('sucrase', join(__dirname, 'sucrase-entry'));
  return sucrase;
}

export function stripTypes(code: string, jsx: boolean): string {
  const { transform } = loadSucrase();
  try {
    return transform(code, {
      transforms: jsx ? ['typescript', 'jsx'] : ['typescript'],
      jsxRuntime: 'preserve',
      disableESTransforms: true,
    }).code;
  } catch (err) {
    throw new TypeStripError(err);
  }
}

/** A TypeScript syntax error, with the line and column inside the sent text (1-based). */
export class TypeStripError extends Error {
  readonly line?: number;
  readonly column?: number;

  constructor(cause: unknown) {
    const raw = cause instanceof Error ? cause.message : String(cause);
    const loc = locationOf(cause, raw);
    const what = raw.replace(/\s*\(\d+:\d+\)\s*$/, '');
    super(
      loc
        ? l10n.t('TypeScript syntax error at line {0}, column {1}: {2}. Fix it, or select only valid code.', loc.line, loc.column, what)
        : l10n.t('TypeScript syntax error: {0}. Fix it, or select only valid code.', what),
    );
    this.name = 'TypeStripError';
    this.line = loc?.line;
    this.column = loc?.column;
  }
}

function locationOf(err: unknown, message: string): { line: number; column: number } | undefined {
  // sucrase puts a 1-based {line, column} on `loc` and repeats it as "(line:column)" in the message.
  const loc = (err as { loc?: { line?: unknown; column?: unknown } } | null)?.loc;
  if (loc && typeof loc.line === 'number' && typeof loc.column === 'number') return { line: loc.line, column: loc.column };
  const m = /\((\d+):(\d+)\)\s*$/.exec(message);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
