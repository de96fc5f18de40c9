/** Sets the `when`-clause context keys (ids.ts CONTEXT) only when a value changes. */
import type { VSCode } from '../host/vscode-types';

export class ContextKeys {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly vscode: VSCode) {}

  set(key: string, value: unknown): void {
    if (this.values.has(key) && this.values.get(key) === value) return;
    this.values.set(key, value);
    void this.vscode.commands.executeCommand('setContext', key, value);
  }
}
