/**
 * Everything the extension says in notifications.
 * - `info/warn/error`: plain messages with buttons, for things that are not runs.
 * - Run notices: at most one notification per run, and a new run's replaces the previous
 *   one. A run's notification is its progress notification (with Cancel) while it runs; when
 *   it ends, the same notification shows the outcome with its actions as command links, and
 *   closes after a while or when the next run starts. VS Code cannot close an ordinary
 *   message, so this is how stale run messages stop piling up.
 * Every message is recorded for `ExtensionApi.notifications()`; a command never waits for a
 * button. Every text shown passes through `plainText` first (page titles, agent answers,
 * server errors and file names are inside them); the extension's own links are added after.
 */
import type { NotificationRecord } from '../extension-api';
import type { ComponentLog } from '../host/log';
import type { VSCode } from '../host/vscode-types';
import type { ProgressPort, ProgressRequest } from '../run/requests';

export interface NotificationAction {
  label: string;
  run(): unknown;
}

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
/** How long a finished run's notification stays (errors longer: they usually need reading). */
const KEEP_MS = { info: 8_000, warning: 15_000, error: 30_000 } as const;
/** A run whose outcome never comes (its presenter failed) still closes, eventually. */
const ORPHAN_MS = 60_000;

interface OpenNotice {
  id: string;
  record?: NotificationRecord;
  report(message: string): void;
  close(): void;
  finished: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class Notifier implements ProgressPort {
  private readonly records: NotificationRecord[] = [];
  private runNotice: OpenNotice | undefined;

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

  /** ProgressPort: a window progress, or a run's notification (replacing the previous run's). */
  begin(request: ProgressRequest): { end(): void } {
    const { ProgressLocation } = this.vscode;
    if (request.location === 'window' || !request.keepOpen) {
      let done: () => void = () => undefined;
      const finished = new Promise<void>((r) => (done = r));
      const location = request.location === 'window' ? ProgressLocation.Window : ProgressLocation.Notification;
      void this.vscode.window.withProgress({ location, title: plainText(request.title), cancellable: request.location !== 'window' }, (_p, token) => {
        token.onCancellationRequested(() => request.cancel());
        return finished;
      });
      return { end: done };
    }
    this.closeRunNotice();
    const notice: OpenNotice = { id: request.id, finished: false, report: () => undefined, close: () => undefined };
    this.runNotice = notice;
    void this.vscode.window.withProgress({ location: ProgressLocation.Notification, title: plainText(request.title), cancellable: true }, (progress, token) => {
      notice.report = (message) => progress.report({ message });
      token.onCancellationRequested(() => (notice.finished ? this.close(notice) : request.cancel()));
      return new Promise<void>((resolve) => (notice.close = resolve));
    });
    return {
      end: () => {
        if (!notice.finished) notice.timer = setTimeout(() => this.close(notice), ORPHAN_MS);
      },
    };
  }

  /** Shows a run's outcome in its notification (or, for a quiet run, nowhere). */
  finishRun(id: string, outcome: RunOutcome): void {
    const notice = this.runNotice?.id === id ? this.runNotice : undefined;
    if (!notice) return;
    clearTimeout(notice.timer);
    notice.finished = true;
    const links = outcome.links.map((l) => `[${l.label}](${commandUri(l)})`).join(' · ');
    const mark = outcome.severity === 'error' ? '✗ ' : outcome.severity === 'warning' ? '⚠ ' : '✓ ';
    notice.report(`${mark}${plainText(outcome.message)}${links ? ` ${links}` : ''}`);
    notice.record = this.record(outcome.severity, plainText(outcome.message), outcome.links.map((l) => l.label), id);
    notice.timer = setTimeout(() => this.close(notice), KEEP_MS[outcome.severity]);
  }

  private closeRunNotice(): void {
    if (this.runNotice) this.close(this.runNotice);
  }

  private close(notice: OpenNotice): void {
    clearTimeout(notice.timer);
    notice.close();
    if (notice.record && notice.record.closedAt === undefined) notice.record.closedAt = Date.now();
    if (this.runNotice === notice) this.runNotice = undefined;
  }

  private record(severity: NotificationRecord['severity'], message: string, actions: string[], runId?: string): NotificationRecord {
    const rec: NotificationRecord = { severity, message, actions, at: Date.now(), ...(runId ? { runId } : {}) };
    this.records.push(rec);
    if (this.records.length > MAX_RECORDS) this.records.shift();
    return rec;
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
