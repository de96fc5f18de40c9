/**
 * Firecrawl: Pick a locator. The live view turns interactive; Playwright's pick locator runs in
 * the recorder helper over the session's cdpUrl (so it works on any server); the locator goes
 * to the cursor of the editor that was active before, in that editor's language, or to the
 * clipboard when there is none. A second Pick while one waits cancels it.
 */
import { formatNumber, l10n } from '../shared/l10n';
import type { SessionState } from '../sessions/session-store';
import type { Services } from '../wiring/services';
import { sessionFor } from '../ui/pick-session';

/** Sessions with a pick waiting for its click, by cdpUrl. */
const waiting = new Set<string>();

export async function pickLocator(svc: Services, args?: { jobId?: string; apiUrl?: string }): Promise<void> {
  // Read first: opening the live view takes the focus from the editor.
  const target = svc.codeTargets.current();
  const session = await sessionFor(svc, l10n.t('Firecrawl: Pick a locator'), args, () => true);
  if (!session) {
    svc.notifier.info(l10n.t('There is no browser session in this window yet: run code in a job first (Firecrawl: Run in scrape session), then pick in its live view.'));
    return;
  }
  const cdpUrl = session.cdpUrl;
  if (!cdpUrl) {
    svc.notifier.warn(l10n.t('The server gave no CDP URL for the session of job {0}, and picking reaches the browser through it. Stop the session and run code in the job again to get a new one.', session.jobId.slice(0, 8)));
    return;
  }
  if (waiting.has(cdpUrl)) {
    await svc.recorder.call({ type: 'cancel', cdpUrl });
    return;
  }
  svc.liveView.showInteractive(session.jobId, session.server.apiUrl);
  const status = (text: string, picking = false) => svc.liveView.showPick(session.jobId, text, picking);
  status(l10n.t('Pick: reaching the browser…'), true);
  waiting.add(cdpUrl);
  let answer;
  let listening: { dispose(): void } | undefined;
  try {
    const sent = await svc.recorder.send({ type: 'pick', cdpUrl });
    listening = svc.recorder.onEvent((e) => {
      if (e.type === 'armed' && e.request === sent.id) status(l10n.t('Pick: move the mouse over the page in the live view, click the element (Pick again cancels).'), true);
    });
    answer = await sent.answer;
  } finally {
    listening?.dispose();
    waiting.delete(cdpUrl);
  }
  if (!answer.ok) return reportFailure(svc, session, answer.error, answer.code, status);
  const picked = answer.picked;
  if (!picked) return;
  const language = target?.language ?? 'javascript';
  const code = `page.${picked[language]}`;
  const matches = picked.count === 1 ? l10n.t('1 match') : l10n.t('{0} matches', formatNumber(picked.count));
  if (target?.language && (await svc.codeTargets.insert(target, code))) {
    status(`${code} · ${matches} · ${l10n.t('inserted in {0}', target.label)}`);
    return;
  }
  await svc.vscode.env.clipboard.writeText(code);
  status(`${code} · ${matches} · ${l10n.t('copied')}`);
  const why = target ? l10n.t('{0} has no JavaScript, TypeScript or Python at its cursor', target.label) : l10n.t('no editor was active before the live view');
  svc.notifier.info(l10n.t('Copied {0} to the clipboard: {1}. Paste it where you need it.', code, why));
}

function reportFailure(svc: Services, session: SessionState, error: string, code: 'cancelled' | 'unreachable' | undefined, status: (text: string) => void): void {
  if (code === 'cancelled') {
    status(l10n.t('Pick cancelled.'));
    return;
  }
  status('');
  if (code === 'unreachable') {
    svc.notifier.warn(l10n.t('The browser of job {0} does not answer on its CDP URL: the session has probably expired or been stopped ({1}). Run code in the job to start a new session, then pick again.', session.jobId.slice(0, 8), error));
    return;
  }
  svc.notifier.error(l10n.t('Picking a locator failed: {0}', error));
}
