/**
 * Switching backend: the local engine, the cloud, or a custom URL. Sessions keep their own
 * server whatever happens; with sessions open on the server being left, the switch first
 * offers to stop them (otherwise they stay listed, and stoppable, under their server).
 * A switch made outside these commands (an edit of firecrawlInteract.apiUrl) is noticed
 * afterwards and makes the same offer.
 */
import type * as vscode from 'vscode';
import { ENV_URL, environmentLabel, type BackendSnapshot } from '../host/backend';
import { DEFAULT_API_URL } from '../host/settings';
import { plainText } from '../ui/notifier';
import { stopSessions } from './stop-session';
import { apiUrlProblem, confirmKeyFor, switchArgsProblem, type SwitchTarget } from './switch-target';
import type { Services } from '../wiring/services';
import { l10n } from '../shared/l10n';

/** Switches made by these commands, whose sessions were already asked about. */
let asked = 0;

type Choice = 'stop' | 'keep' | 'cancel';

/** Before leaving `apiUrl`: stop its sessions, keep them, or stay. No sessions: 'keep'. */
async function askAboutSessions(svc: Services, apiUrl: string, label: string, to: string): Promise<Choice> {
  const open = svc.sessions.onServer(apiUrl);
  if (open.length === 0) return 'keep';
  const stop = open.length === 1 ? l10n.t('Stop it and switch') : l10n.t('Stop {0} and switch', open.length);
  const keep = l10n.t('Switch, keep it running');
  const billed = svc.sessions.onServer(apiUrl).some((s) => !s.server.free);
  const answer = await svc.vscode.window.showWarningMessage(
    plainText(open.length === 1 ? l10n.t('A browser session is open on {0}. Stop before switching to {1}?', label, to) : l10n.t('{0} browser sessions are open on {1}. Stop before switching to {2}?', open.length, label, to)),
    { modal: true, detail: `${l10n.t('Kept sessions stay listed under {0} in the Firecrawl view and the status bar, and stop there when you stop them.', label)}${billed ? ` ${l10n.t('They are billed until stopped or expired.')}` : ''}` },
    stop,
    keep,
  );
  if (answer === stop) {
    await stopSessions(svc, open);
    return 'stop';
  }
  return answer === keep ? 'keep' : 'cancel';
}

/** Runs `switchIt` after the sessions on the current backend were dealt with; false if cancelled. */
async function switchFrom(svc: Services, to: string, switchIt: () => Promise<unknown>): Promise<boolean> {
  const from = svc.backend.snapshot();
  if ((await askAboutSessions(svc, from.apiUrl, from.label, to)) === 'cancel') return false;
  asked++;
  try {
    await switchIt();
  } finally {
    asked--;
  }
  return true;
}

export async function startLocalEngine(svc: Services): Promise<void> {
  if (svc.engine.snapshot().running) {
    svc.notifier.info(l10n.t("The local engine is already running at {0}; it is this window's backend.", svc.engine.snapshot().url ?? ''));
    return;
  }
  await switchFrom(svc, l10n.t('the local engine'), async () => {
    const engine = await svc.engine.start();
    if (engine) svc.notifier.info(l10n.t('Local engine running at {0}. Requests from this window go there (no API key or credits needed) until you switch backend or stop it. Scrape a URL to get a job.', engine.url));
  });
}

export async function stopLocalEngine(svc: Services): Promise<void> {
  if (!svc.engine.snapshot().running) {
    svc.notifier.info(l10n.t('The local engine is not running.'));
    return;
  }
  // Stopping the engine ends its sessions (free ones): no question to ask.
  asked++;
  try {
    await svc.engine.stop();
  } finally {
    asked--;
  }
}

/** The backend menu (status bar item, view): cloud, local engine, the environment's server, custom URL. */
export async function switchBackend(svc: Services, args?: { to?: SwitchTarget; url?: string }): Promise<void> {
  const problem = switchArgsProblem(args);
  if (problem) {
    svc.log.for('backend').warn(problem);
    svc.notifier.error(problem);
    return;
  }
  const now = svc.backend.snapshot();
  const to = args?.to ?? (await pickBackend(svc, now));
  if (!to) return;
  if (to === 'local') return startLocalEngine(svc);
  const fromEnv = svc.backend.environmentUrl();
  if (to === 'environment' && !fromEnv) {
    svc.notifier.info(l10n.t("{0} is not set for this window: there is no environment's server to switch to.", ENV_URL));
    return;
  }
  const url = to === 'cloud' ? DEFAULT_API_URL : to === 'environment' ? fromEnv : (args?.url ?? (await askUrl(svc, now))?.trim());
  if (!url) return;
  const bad = apiUrlProblem(url);
  if (bad) {
    svc.notifier.error(l10n.t('The backend was not switched: this is {0}. Enter an http(s) URL, e.g. https://firecrawl.example.com.', bad));
    return;
  }
  const target = url.replace(/\/+$/, '');
  const engineRunning = svc.engine.snapshot().running;
  if (target === now.apiUrl) return;
  // The environment's server gets the environment's key: nothing stored is sent there.
  if (to !== 'environment' && !(await confirmKeyFor(svc, target))) return;
  await switchFrom(svc, to === 'cloud' ? 'the cloud' : to === 'environment' ? environmentLabel(target) : target, async () => {
    // An explicit choice: written to the user's settings (apiUrl is a machine setting). The
    // environment's server is what an unset apiUrl means.
    await svc.settings.apiUrl.update(to === 'environment' ? undefined : target);
    if (engineRunning && svc.sessions.onServer(now.apiUrl).length === 0) await svc.engine.stop();
    else if (engineRunning) svc.engine.detach();
  });
}

async function pickBackend(svc: Services, now: BackendSnapshot): Promise<SwitchTarget | undefined> {
  type Item = vscode.QuickPickItem & { to: SwitchTarget };
  const current = ` · ${l10n.t('current')}`;
  const mark = (k: string) => (now.kind === k && now.source !== 'environment' ? current : '');
  const engine = svc.engine.snapshot();
  const fromEnv = svc.backend.environmentUrl();
  const items: Item[] = [
    { label: `$(cloud) ${l10n.t('Firecrawl cloud')}`, description: `api.firecrawl.dev${mark('cloud')}`, detail: l10n.t('Needs an API key; sessions are billed per browser minute.'), to: 'cloud' },
    ...(fromEnv && fromEnv !== DEFAULT_API_URL
      ? [{ label: `$(server-environment) ${environmentLabel(fromEnv)}`, description: `${l10n.t('the server {0} names', ENV_URL)}${now.source === 'environment' ? current : ''}`, detail: l10n.t('{0}: the server this window was started with.', fromEnv), to: 'environment' as const }]
      : []),
    { label: `$(server-process) ${l10n.t('Local engine')}`, description: `${engine.running ? l10n.t('running at {0}', engine.url ?? '') : fromEnv ? l10n.t('starts a second engine and Chromium on this machine') : l10n.t('starts Chromium on this machine')}${mark('local')}`, detail: l10n.t('Free and offline: the engine bundled with the extension, on local Chromium.'), to: 'local' },
    { label: `$(plug) ${l10n.t('Custom URL…')}`, description: now.kind === 'custom' && now.source !== 'environment' ? `${now.apiUrl}${current}` : '', detail: l10n.t('A self-hosted or proxy Firecrawl API.'), to: 'custom' },
  ];
  const picked = await svc.vscode.window.showQuickPick(items, { title: l10n.t('Firecrawl: Switch backend'), placeHolder: l10n.t('Now: {0} ({1}, from {2})', now.label, now.apiUrl, now.source) });
  return picked?.to;
}

async function askUrl(svc: Services, now: BackendSnapshot): Promise<string | undefined> {
  return svc.vscode.window.showInputBox({
    title: l10n.t('Firecrawl: Custom API URL'),
    prompt: l10n.t('Base URL of a Firecrawl v2 API (e.g. https://firecrawl.example.com)'),
    value: now.kind === 'custom' ? now.apiUrl : '',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const problem = apiUrlProblem(v.trim());
      return problem && l10n.t('This is {0}. Enter an http(s) URL, e.g. https://firecrawl.example.com.', problem);
    },
  });
}

/**
 * The backend changed (settings edit, engine start/stop). When the commands above did not ask
 * already, sessions left on the previous server are offered a stop; they stay listed there.
 */
export function onBackendChanged(svc: Services, before: BackendSnapshot, after: BackendSnapshot): void {
  const from = after.source === 'setting' ? l10n.t(', from the setting') : after.source === 'environment' ? l10n.t(', from the environment') : '';
  svc.output.appendLine(`● ${l10n.t('Backend: {0}', after.label)} (${after.apiUrl}${from})`);
  if (asked > 0) return;
  const left = svc.sessions.onServer(before.apiUrl);
  if (left.length === 0) return;
  svc.notifier.warn(
    left.length === 1
      ? l10n.t('The backend is now {0}. A session is still open on {1}; it stays listed there until stopped.', after.label, before.label)
      : l10n.t('The backend is now {0}. {1} sessions are still open on {2}; they stay listed there until stopped.', after.label, left.length, before.label),
    { label: l10n.t('Stop them'), run: () => stopSessions(svc, svc.sessions.onServer(before.apiUrl)) },
  );
}
