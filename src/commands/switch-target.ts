/**
 * Where Switch backend may send requests, and with which key. Its arguments can come from
 * outside (another extension, a keybinding), so they are checked like typed input; and a key
 * set for one server goes to another only when the user says so.
 */
import { apiUrlHost, parseApiUrl } from '../api/url';
import { DEFAULT_API_URL } from '../host/settings';
import { plainText } from '../ui/notifier';
import type { Services } from '../wiring/services';
import { l10n } from '../shared/l10n';

export const SWITCH_TARGETS = ['cloud', 'local', 'custom', 'environment'] as const;
export type SwitchTarget = (typeof SWITCH_TARGETS)[number];

/** What is wrong with Switch backend's arguments, in a sentence; undefined when they are fine. */
export function switchArgsProblem(args: { to?: unknown; url?: unknown } | undefined): string | undefined {
  if (args === undefined) return undefined;
  if (args.to !== undefined && !SWITCH_TARGETS.includes(args.to as SwitchTarget)) return l10n.t('Switch backend was asked to switch to "{0}", which is not cloud, local, custom or environment; nothing was changed.', plainText(String(args.to).slice(0, 40)));
  if (args.url === undefined) return undefined;
  const problem = apiUrlProblem(args.url);
  return problem && l10n.t('Switch backend was given {0}; nothing was changed. Run "Firecrawl: Switch backend" and type the URL.', problem);
}

/** Why `url` cannot be an API URL: not text, not http(s), with credentials, a query or a fragment. */
export function apiUrlProblem(url: unknown): string | undefined {
  const shown = `"${plainText(String(url).slice(0, 80))}"`;
  if (typeof url !== 'string') return l10n.t('a URL that is not text');
  const u = parseApiUrl(url);
  if (!u) return l10n.t('{0}, which is not an http(s) URL', shown);
  if (u.username || u.password) return l10n.t('{0}, a URL with a user name or password in it', shown);
  if (u.search || u.hash) return l10n.t('{0}, a URL with a query or fragment (an API URL has neither)', shown);
  return undefined;
}

/**
 * Before requests go to `target`: when no key is stored for it but one is for the server being
 * left (or the cloud), asks whether that key may go there too. False when the user cancelled.
 */
export async function confirmKeyFor(svc: Services, target: string): Promise<boolean> {
  if ((await svc.backend.storedKey(target)) !== undefined) return true;
  const targetHost = apiUrlHost(target);
  for (const from of new Set([svc.backend.configured().apiUrl, DEFAULT_API_URL])) {
    if (apiUrlHost(from) === targetHost) continue;
    const key = await svc.backend.storedKey(from);
    if (!key) continue;
    const share = 'Send my key there';
    const without = 'Switch without a key';
    const answer = await svc.vscode.window.showWarningMessage(
      plainText(l10n.t('Send your API key for {0} to {1}?', apiUrlHost(from) ?? from, targetHost ?? target)),
      {
        modal: true,
        detail: plainText(
          l10n.t('Keys are kept per server: {0} has none. Whoever runs that server can use a key it is given, and the credits behind it. Send it only to a server you trust; otherwise switch without a key and set one for that server with "Firecrawl: Set API key" if it needs one.', target),
        ),
      },
      share,
      without,
    );
    if (answer === share) await svc.backend.storeKey(key, target);
    svc.log.for('secrets').info(answer === share ? `API key for ${from} also stored for ${target}, as asked` : answer === without ? `switching to ${target} without a key` : `switch to ${target} cancelled at the key question`);
    return answer !== undefined;
  }
  return true;
}
