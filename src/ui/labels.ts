/**
 * How sessions and jobs are named for people: durations, ages, a job's label, a URL at a
 * glance. sessions/ keeps numbers and state; the texts are made here.
 */
import { estimate } from '../sessions/cost-meter';
import type { KnownJob } from '../sessions/job-history';
import type { SessionState } from '../sessions/session-store';
import type { CreditRates } from '../shared/billing';
import { formatNumber, l10n } from '../shared/l10n';

/** A session in a list (the view, a pick): its server, age and estimated cost. */
export function sessionDescription(s: SessionState, rates: CreditRates, now = Date.now()): string {
  const e = estimate(s, now, rates);
  return `${s.server.label} · ${formatElapsed(e.elapsedMs)} · ${s.server.free ? l10n.t('local, free') : l10n.t('~{0} credits', formatNumber(e.credits))}${s.overdue ? ` · ${l10n.t('probably expired')}` : ''}`;
}

/** m:ss below an hour, h:mm:ss above. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "just now", "5 min ago", "2 h ago", "3 d ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return l10n.t('just now');
  if (s < 3600) return l10n.t('{0} min ago', Math.floor(s / 60));
  if (s < 86_400) return l10n.t('{0} h ago', Math.floor(s / 3600));
  return l10n.t('{0} d ago', Math.floor(s / 86_400));
}

/** A job's name for people: its page title, its URL's host and path, or the start of its id. */
export function jobLabel(job: Pick<KnownJob, 'jobId' | 'title' | 'url'>): string {
  return job.title?.trim() || (job.url && readableUrl(job.url)) || l10n.t('job {0}', job.jobId.slice(0, 8));
}

/** "127.0.0.1:34723/index.html" for http://127.0.0.1:34723/index.html?x#y: what tells pages apart at a glance. */
export function readableUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.host) return url;
    const path = u.pathname === '/' ? '' : decodeURI(u.pathname);
    return `${u.host}${path}`;
  } catch {
    return url;
  }
}
