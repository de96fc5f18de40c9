/**
 * Where Switch backend may send requests, and with which key. Its arguments can come from
 * outside (another extension, a keybinding), so they are checked like typed input; and a key
 * set for one server goes to another only when the user says so.
 */
import { apiUrlHost, parseApiUrl } from '../api/url';
import { DEFAULT_API_URL } from '../host/settings';
import { plainText } from '../ui/notifier';
import type { Services } from '../wiring/services';

export const SWITCH_TARGETS = ['cloud', 'local', 'custom', 'environment'] as const;
export type SwitchTarget = (typeof SWITCH_TARGETS)[number];

/** What is wrong with Switch backend's arguments, in a sentence; undefined when they are fine. */
export function switchArgsProblem(args: { to?: unknown; url?: unknown } | undefined): string | undefined {
  if (args === undefined) return undefined;
  if (args.to !== undefined && !SWITCH_TARGETS.includes(args.to as SwitchTarget)) return `Switch backend was asked to switch to "${plainText(String(args.to).slice(0, 40))}", which is not cloud, local, custom or environment; nothing was changed.`;
  if (args.url === undefined) return undefined;
  const problem = apiUrlProblem(args.url);
  return problem && `Switch backend was given ${problem}; nothing was changed. Run "Firecrawl: Switch backend" and type the URL.`;
}

/** Why `url` cannot be an API URL: not text, not http(s), with credentials, a query or a fragment. */
export function apiUrlProblem(url: unknown): string | undefined {
  const shown = `"${plainText(String(url).slice(0, 80))}"`;
  if (typeof url !== 'string') return 'a URL that is not text';
  const u = parseApiUrl(url);
  if (!u) return `${shown}, which is not an http(s) URL`;
  if (u.username || u.password) return `${shown}, a URL with a user name or password in it`;
  if (u.search || u.hash) return `${shown}, a URL with a query or fragment (an API URL has neither)`;
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
      plainText(`Send your API key for ${apiUrlHost(from) ?? from} to ${targetHost ?? target}?`),
      {
        modal: true,
        detail: plainText(
          `Keys are kept per server: ${target} has none. Whoever runs that server can use a key it is given, and the credits behind it. Send it only to a server you trust; otherwise switch without a key and set one for that server with "Firecrawl: Set API key" if it needs one.`,
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
