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

/** Switches made by these commands, whose sessions were already asked about. */
let asked = 0;

type Choice = 'stop' | 'keep' | 'cancel';

/** Before leaving `apiUrl`: stop its sessions, keep them, or stay. No sessions: 'keep'. */
async function askAboutSessions(svc: Services, apiUrl: string, label: string, to: string): Promise<Choice> {
  const open = svc.sessions.onServer(apiUrl);
  if (open.length === 0) return 'keep';
  const stop = open.length === 1 ? 'Stop it and switch' : `Stop ${open.length} and switch`;
  const keep = 'Switch, keep it running';
  const answer = await svc.vscode.window.showWarningMessage(
    plainText(`${open.length === 1 ? 'A browser session is' : `${open.length} browser sessions are`} open on ${label}. Stop before switching to ${to}?`),
    { modal: true, detail: `Kept sessions stay listed under ${label} in the Firecrawl view and the status bar, and stop there when you stop them.${svc.sessions.onServer(apiUrl).some((s) => !s.server.free) ? ' They are billed until stopped or expired.' : ''}` },
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
    svc.notifier.info(`The local engine is already running at ${svc.engine.snapshot().url}; it is this window's backend.`);
    return;
  }
  await switchFrom(svc, 'the local engine', async () => {
    const engine = await svc.engine.start();
    if (engine) svc.notifier.info(`Local engine running at ${engine.url}. Requests from this window go there (no API key or credits needed) until you switch backend or stop it. Scrape a URL to get a job.`);
  });
}

export async function stopLocalEngine(svc: Services): Promise<void> {
  if (!svc.engine.snapshot().running) {
    svc.notifier.info('The local engine is not running.');
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
    svc.notifier.info(`${ENV_URL} is not set for this window: there is no environment's server to switch to.`);
    return;
  }
  const url = to === 'cloud' ? DEFAULT_API_URL : to === 'environment' ? fromEnv : (args?.url ?? (await askUrl(svc, now))?.trim());
  if (!url) return;
  const bad = apiUrlProblem(url);
  if (bad) {
    svc.notifier.error(`The backend was not switched: this is ${bad}. Enter an http(s) URL, e.g. https://firecrawl.example.com.`);
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
  const mark = (k: string) => (now.kind === k && now.source !== 'environment' ? ' · current' : '');
  const engine = svc.engine.snapshot();
  const fromEnv = svc.backend.environmentUrl();
  const items: Item[] = [
    { label: '$(cloud) Firecrawl cloud', description: `api.firecrawl.dev${mark('cloud')}`, detail: 'Needs an API key; sessions are billed per browser minute.', to: 'cloud' },
    ...(fromEnv && fromEnv !== DEFAULT_API_URL
      ? [{ label: `$(server-environment) ${environmentLabel(fromEnv)}`, description: `the server ${ENV_URL} names${now.source === 'environment' ? ' · current' : ''}`, detail: `${fromEnv}: the server this window was started with.`, to: 'environment' as const }]
      : []),
    { label: '$(server-process) Local engine', description: `${engine.running ? `running at ${engine.url}` : `starts ${fromEnv ? 'a second engine and ' : ''}Chromium on this machine`}${mark('local')}`, detail: 'Free and offline: the engine bundled with the extension, on local Chromium.', to: 'local' },
    { label: '$(plug) Custom URL…', description: now.kind === 'custom' && now.source !== 'environment' ? `${now.apiUrl} · current` : '', detail: 'A self-hosted or proxy Firecrawl API.', to: 'custom' },
  ];
  const picked = await svc.vscode.window.showQuickPick(items, { title: 'Firecrawl: Switch backend', placeHolder: `Now: ${now.label} (${now.apiUrl}, from ${now.source})` });
  return picked?.to;
}

async function askUrl(svc: Services, now: BackendSnapshot): Promise<string | undefined> {
  return svc.vscode.window.showInputBox({
    title: 'Firecrawl: Custom API URL',
    prompt: 'Base URL of a Firecrawl v2 API (e.g. https://firecrawl.example.com)',
    value: now.kind === 'custom' ? now.apiUrl : '',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const problem = apiUrlProblem(v.trim());
      return problem && `This is ${problem}. Enter an http(s) URL, e.g. https://firecrawl.example.com.`;
    },
  });
}

/**
 * The backend changed (settings edit, engine start/stop). When the commands above did not ask
 * already, sessions left on the previous server are offered a stop; they stay listed there.
 */
export function onBackendChanged(svc: Services, before: BackendSnapshot, after: BackendSnapshot): void {
  svc.output.appendLine(`● Backend: ${after.label} (${after.apiUrl}${after.source === 'setting' || after.source === 'environment' ? `, from the ${after.source}` : ''})`);
  if (asked > 0) return;
  const left = svc.sessions.onServer(before.apiUrl);
  if (left.length === 0) return;
  svc.notifier.warn(
    `The backend is now ${after.label}. ${left.length === 1 ? 'A session is' : `${left.length} sessions are`} still open on ${before.label}; ${left.length === 1 ? 'it stays' : 'they stay'} listed there until stopped.`,
    { label: 'Stop them', run: () => stopSessions(svc, svc.sessions.onServer(before.apiUrl)) },
  );
}
