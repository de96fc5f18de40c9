/**
 * How parts below ui/ tell the user something (the backend, the local engine): they receive
 * one of these ports; ui/notifier.ts's Notifier is the one activation hands them.
 */

/** A button of a notification. */
export interface NotificationAction {
  label: string;
  run(): unknown;
}

export interface Warner {
  warn(message: string, ...actions: NotificationAction[]): void;
}

export interface Notices extends Warner {
  info(message: string, ...actions: NotificationAction[]): void;
  error(message: string, ...actions: NotificationAction[]): void;
}
