/**
 * The extension's own texts in VS Code's display language (the engine never uses this). `vscode.l10n.t` finds them in
 * l10n/bundle.l10n.<language>.json; since only src/extension.ts imports `vscode` as a value,
 * each bundle's entry hands its translator over (`useTranslator`), and every other module
 * writes `l10n.t('Ran in {0}', took)`. Until then (plain unit tests) the English text is used,
 * with its placeholders filled the way `vscode.l10n.t` fills them.
 * `npm run l10n` collects every `l10n.t(...)` call into l10n/bundle.l10n.json.
 */
import { groupDigits } from './numbers';

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export interface Translator {
  t: Translate;
  /** VS Code's display language, e.g. `en`, `ja`, `zh-cn`. */
  language: string;
}

const english: Translator = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole)),
  language: 'en',
};

let current = english;
const formats = new Map<number, Intl.NumberFormat>();

export const l10n = {
  t: ((message, ...args) => current.t(message, ...args)) as Translate,
};

/** Called once by each bundle's entry (extension.ts, features.ts, the code-runs loader). */
export function useTranslator(translator: Translator): void {
  current = translator;
  formats.clear();
}

export function translator(): Translator {
  return current;
}

/**
 * A number as the display language writes it. English keeps the hand-written grouping (no ICU
 * start-up cost, see shared/numbers.ts); other languages use Intl, made on first use.
 */
export function formatNumber(n: number, fractionDigits = 0): string {
  if (current.language === 'en' || current.language.startsWith('en-')) {
    const [whole, fraction] = n.toFixed(fractionDigits).split('.');
    return fraction === undefined ? groupDigits(Number(whole)) : `${groupDigits(Number(whole))}.${fraction}`;
  }
  let format = formats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(current.language, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    formats.set(fractionDigits, format);
  }
  return format.format(n);
}
