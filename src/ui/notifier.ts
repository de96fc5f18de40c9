/**
 * Notifications with action buttons. A command never waits for the user to click: the
 * button's handler runs later, so `executeCommand` resolves when the work is done. Each
 * message is recorded for `ExtensionApi.notifications()`.
 */
import type { NotificationRecord } from '../extension-api';
import type { ComponentLog } from './log';
import type { VSCode } from './vscode-types';

export interface NotificationAction {
  label: string;
  run(): unknown;
}

const MAX_RECORDS = 200;

export class Notifier {
  private readonly records: NotificationRecord[] = [];

  constructor(
    private readonly vscode: VSCode,
    private readonly log: ComponentLog,
  ) {}

  info(message: string, ...actions: NotificationAction[]): void {
    this.show('info', message, actions);
  }

  warn(message: string, ...actions: NotificationAction[]): void {
    this.show('warning', message, actions);
  }

  error(message: string, ...actions: NotificationAction[]): void {
    this.show('error', message, actions);
  }

  list(): NotificationRecord[] {
    return this.records.slice();
  }

  private show(severity: NotificationRecord['severity'], message: string, actions: NotificationAction[]): void {
    this.records.push({ severity, message, actions: actions.map((a) => a.label), at: Date.now() });
    if (this.records.length > MAX_RECORDS) this.records.shift();
    const w = this.vscode.window;
    const labels = actions.map((a) => a.label);
    const shown =
      severity === 'error' ? w.showErrorMessage(message, ...labels) : severity === 'warning' ? w.showWarningMessage(message, ...labels) : w.showInformationMessage(message, ...labels);
    void Promise.resolve(shown).then(
      async (picked) => {
        const action = actions.find((a) => a.label === picked);
        if (!action) return;
        try {
          await action.run();
        } catch (err) {
          this.log.error(`action "${action.label}" failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      () => undefined,
    );
  }
}
