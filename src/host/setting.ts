/**
 * One setting of the extension: its key, how its raw value is read (checked, defaulted,
 * clamped), its change event, and writing it. Read fresh on every use, so a change applies to
 * the next request without a reload.
 */
import { SECTION, settingId, type SettingKey } from '../ids';
import type { VSCode } from './vscode-types';

export type Configuration = ReturnType<VSCode['workspace']['getConfiguration']>;

export class Setting<T> {
  constructor(
    private readonly vscode: VSCode,
    readonly key: SettingKey,
    private readonly parse: (raw: unknown) => T,
  ) {}

  /** Its name in settings.json and in "Open settings". */
  get id(): string {
    return settingId(this.key);
  }

  /** The value now; `config` when several settings are read at once. */
  get(config: Configuration = this.vscode.workspace.getConfiguration(SECTION)): T {
    return this.parse(config.get(this.key));
  }

  /** Calls `listener` with the new value when this setting changes (VS Code's Event shape). */
  onDidChange(listener: (value: T) => unknown): { dispose(): unknown } {
    return this.vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(this.id)) listener(this.get());
    });
  }

  /** Sets the user's (global) value; undefined removes it. */
  async update(value: T | undefined): Promise<void> {
    await this.vscode.workspace.getConfiguration(SECTION).update(this.key, value, this.vscode.ConfigurationTarget.Global);
  }
}
