/**
 * Turns an ApiError's suggested actions into notification buttons. What each button does is
 * supplied by the caller (Retry repeats that caller's request; the rest run commands), so
 * this file only owns the labels and their order.
 */
import type { ErrorAction } from '../api/errors';
import type { NotificationAction } from './notifier';

export const ACTION_LABELS: Record<ErrorAction, string> = {
  setApiKey: 'Set API key',
  chooseJob: 'Choose job',
  rescrape: 'Scrape the URL again',
  stopSessions: 'Stop sessions',
  retry: 'Retry',
  openSettings: 'Open settings',
  startLocalEngine: 'Start local engine',
};

export type ActionHandlers = Partial<Record<ErrorAction, () => unknown>>;

/** Buttons for the actions that have a handler, in the error's order (VS Code shows the first ones). */
export function buttonsFor(actions: readonly ErrorAction[], handlers: ActionHandlers): NotificationAction[] {
  const out: NotificationAction[] = [];
  for (const action of actions) {
    const run = handlers[action];
    if (run && !out.some((b) => b.label === ACTION_LABELS[action])) out.push({ label: ACTION_LABELS[action], run });
  }
  return out;
}
