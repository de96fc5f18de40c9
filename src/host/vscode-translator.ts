import type { Translator } from '../shared/l10n';
import type { VSCode } from './vscode-types';

/** VS Code's translator for this extension: its l10n bundle of the display language. */
export function vscodeTranslator(vscode: VSCode): Translator {
  return { t: (message, ...args) => vscode.l10n.t(message, ...args), language: vscode.env.language };
}
