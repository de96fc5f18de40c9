/**
 * What a failed request offers the user: each of an ApiError's suggested actions becomes a
 * command (with its argument), shown as a button (plain notifications) or a link (a run's
 * notification). One table, so buttons, links and the output's hint always agree.
 */
import type { ErrorAction } from '../api/errors';
import { l10n } from '../shared/l10n';
import { CMD } from '../ids';
import type { NoticeLink } from './notifier';

/** An action's label in the display language (a function: read after the translator is in place). */
export function actionLabel(action: ErrorAction): string {
  const labels: Record<ErrorAction, string> = {
    setApiKey: l10n.t('Set API key'),
    chooseJob: l10n.t('Choose job'),
    rescrape: l10n.t('Scrape the URL again'),
    stopSessions: l10n.t('Stop sessions'),
    retry: l10n.t('Retry'),
    openSettings: l10n.t('Open settings'),
    openProxySettings: l10n.t('Open proxy settings'),
    startLocalEngine: l10n.t('Start local engine'),
    checkUrl: l10n.t('Check the URL'),
  };
  return labels[action];
}

export interface ActionContext {
  extensionId: string;
  /** The job and server the request was about (for "Scrape the URL again"). */
  jobId?: string;
  apiUrl?: string;
  /** The URL a failed scrape asked for ("Check the URL" offers it to correct). */
  url?: string;
  /** What Retry runs (absent: no Retry, e.g. nothing to repeat). */
  retry?: { command: string; arg?: unknown };
  /** The local engine runs already: starting it would change nothing. */
  engineRunning: boolean;
}

export function errorLinks(actions: readonly ErrorAction[], ctx: ActionContext): NoticeLink[] {
  const out: NoticeLink[] = [];
  for (const action of actions) {
    const link = linkFor(action, ctx);
    if (link && !out.some((l) => l.label === link.label)) out.push(link);
  }
  return out;
}

function linkFor(action: ErrorAction, ctx: ActionContext): NoticeLink | undefined {
  const label = actionLabel(action);
  switch (action) {
    case 'setApiKey':
      return { label, command: CMD.setApiKey };
    case 'chooseJob':
      return { label, command: CMD.chooseJob };
    case 'rescrape':
      return ctx.jobId ? { label, command: CMD.scrapeUrl, arg: { replacing: ctx.jobId, apiUrl: ctx.apiUrl } } : undefined;
    case 'stopSessions':
      return { label, command: CMD.stopSession };
    case 'retry':
      return ctx.retry ? { label, ...ctx.retry } : undefined;
    case 'openSettings':
      return { label, command: 'workbench.action.openSettings', arg: `@ext:${ctx.extensionId}` };
    case 'openProxySettings':
      return { label, command: 'workbench.action.openSettings', arg: 'http.proxy' };
    case 'startLocalEngine':
      return ctx.engineRunning ? undefined : { label, command: CMD.startLocalEngine };
    case 'checkUrl':
      return ctx.url ? { label, command: CMD.scrapeUrl, arg: { draft: ctx.url, apiUrl: ctx.apiUrl } } : undefined;
  }
}
