/**
 * The `vscode` namespace as a type. Only `src/extension.ts` imports the real module; every
 * other component receives it (playwright-vscode style), so it can be driven by plain tests.
 */
import type * as vscodeTypes from 'vscode';

export type VSCode = typeof vscodeTypes;
