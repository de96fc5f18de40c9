/**
 * Sets the `when`-clause context keys (ids.ts CONTEXT) only when a value changes. A key never
 * set reads as false in `when` clauses, so a first `false` is not sent either.
 */
import type { VSCode } from '../host/vscode-types';

export class ContextKeys {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly vscode: VSCode) {}

  set(key: string, value: unknown): void {
    const before = this.values.has(key) ? this.values.get(key) : false;
    this.values.set(key, value);
    if (before !== value) void this.vscode.commands.executeCommand('setContext', key, value);
  }
}
