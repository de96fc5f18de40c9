/**
 * Everything the extension says in notifications.
 * - `info/warn/error`: plain messages with buttons, for things that are not runs.
 * - Run notices: one notification per run at a time. While the run goes, its progress
 *   notification (with Cancel); when the request ends that closes (and with it the status
 *   bar's spinner), and the outcome appears as an ordinary message of its severity, with its
 *   actions as command links (no buttons, so it hides by itself like any message and Clear
 *   All Notifications removes it).
 * Every message is recorded for `ExtensionApi.notifications()`; a command never waits for a
 * button. Every text shown passes through `plainText` first (page titles, agent answers,
 * server errors and file names are inside them); the extension's own links are added after.
 */
import type { NotificationRecord } from '../extension-api';
import type { ComponentLog } from '../host/log';
import type { NotificationAction, Notices } from '../host/notices';
import type { VSCode } from '../host/vscode-types';
import type { ProgressPort, ProgressRequest } from '../run/requests';

/** An action shown as a link in a run's notification: a command and its argument. */
export interface NoticeLink {
  label: string;
  command: string;
  arg?: unknown;
}

export interface RunOutcome {
  severity: NotificationRecord['severity'];
  message: string;
  links: NoticeLink[];
}

const MAX_RECORDS = 200;

export class Notifier implements Notices, ProgressPort {
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
    return this.records.map((r) => ({ ...r }));
  }

  /** ProgressPort: a window progress, or a notification with Cancel; both end with the request. */
  begin(request: ProgressRequest): { end(): void } {
    const { ProgressLocation } = this.vscode;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((r) => (done = r));
    const location = request.location === 'window' ? ProgressLocation.Window : ProgressLocation.Notification;
    void this.vscode.window.withProgress({ location, title: plainText(request.title), cancellable: request.location !== 'window' }, (_p, token) => {
      token.onCancellationRequested(() => request.cancel());
      return finished;
    });
    return { end: done };
  }

  /** Shows a finished run's outcome: a message of its severity, its actions as links. */
  finishRun(id: string, outcome: RunOutcome): void {
    const links = outcome.links.map((l) => `[${l.label}](${commandUri(l)})`).join(' · ');
    const message = plainText(outcome.message);
    this.record(outcome.severity, message, outcome.links.map((l) => l.label), id);
    const text = `${message}${links ? ` ${links}` : ''}`;
    const w = this.vscode.window;
    void (outcome.severity === 'error' ? w.showErrorMessage(text) : outcome.severity === 'warning' ? w.showWarningMessage(text) : w.showInformationMessage(text));
  }

  private record(severity: NotificationRecord['severity'], message: string, actions: string[], runId?: string): void {
    this.records.push({ severity, message, actions, at: Date.now(), ...(runId ? { runId } : {}) });
    if (this.records.length > MAX_RECORDS) this.records.shift();
  }

  private show(severity: NotificationRecord['severity'], text: string, actions: NotificationAction[]): void {
    const message = plainText(text);
    this.record(severity, message, actions.map((a) => a.label));
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

/** `command:id?args` as VS Code's link handler expects (args: a JSON array, URI-encoded). */
export function commandUri(link: NoticeLink): string {
  return link.arg === undefined ? `command:${link.command}` : `command:${link.command}?${encodeURIComponent(JSON.stringify([link.arg]))}`;
}

/**
 * Text the extension did not write (a page title, an agent answer, a server's error, a file
 * name) made inert: VS Code turns `[label](command:…)` in messages into a link that runs the
 * command, and bare `command:` URIs into links in other places. Square brackets become their
 * full-width forms (so no `[…](…)` can form, and `(`, `)` cannot open a link target without
 * one) and the colon of `command:` a full-width colon. Everything else reads as it was.
 */
export function plainText(text: string): string {
  return text.replace(/\[/g, '\uff3b').replace(/\]/g, '\uff3d').replace(/(command)\s*:/gi, '$1\uff1a');
}
