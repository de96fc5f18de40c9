/**
 * The run input for a piece of a document (a `%%` cell, a Markdown block, a notebook cell):
 * the editor language decides what it is sent as, TypeScript is stripped of its types first
 * (throws TypeStripError with the line inside the piece), and the source says where it came
 * from so errors can be put back on their lines.
 */
import { languageForId, stripTypes } from './language';
import type { RunInput, RunSource } from './types';

/** Language id of a notebook or Markdown piece that is sent as a prompt. */
export const PROMPT_LANGUAGE_ID = 'firecrawl-prompt';

/** undefined when the language does not run (e.g. a Markdown cell, JSON). */
export function pieceInput(languageId: string, text: string, source: RunSource): RunInput | undefined {
  if (languageId === PROMPT_LANGUAGE_ID) return { kind: 'prompt', prompt: text.trim(), source };
  const choice = languageForId(languageId);
  if (!choice) return undefined;
  const code = choice.stripTypes ? stripTypes(text, choice.jsx) : text;
  return { kind: 'code', code, language: choice.language, source };
}
