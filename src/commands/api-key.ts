/** Set / Clear API key: the key lives only in VS Code's SecretStorage. */
import type { CommandArgs } from '../extension-api';
import { ENV_KEY } from '../host/backend';
import type { Services } from '../wiring/services';
import { SECRET } from '../ids';
import { l10n } from '../shared/l10n';

export async function setApiKey(svc: Services, args?: CommandArgs['setApiKey']): Promise<void> {
  if (args?.apiKey !== undefined && typeof args.apiKey !== 'string') {
    svc.notifier.error(l10n.t('Set API key was given a key that is not text; nothing was stored. Run "Firecrawl: Set API key" and type the key.'));
    return;
  }
  const { apiUrl } = svc.backend.configured();
  const key =
    args?.apiKey ??
    (await svc.vscode.window.showInputBox({
      title: l10n.t('Firecrawl: Set API key'),
      prompt: l10n.t("Your Firecrawl API key for {0} (https://www.firecrawl.dev/app/api-keys). It is kept in VS Code's secret storage and sent only to that server.", apiUrl),
      placeHolder: 'fc-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => checkKey(v),
    }));
  if (key === undefined) return;
  const problem = checkKey(key);
  if (problem) {
    svc.notifier.error(problem);
    return;
  }
  await svc.backend.storeKey(key.trim(), apiUrl);
  svc.log.for('secrets').info(`API key for ${apiUrl} stored in SecretStorage`);
  const engine = svc.backend.current() ? l10n.t(' While the local engine is the backend, this window uses the engine and its own key.') : '';
  svc.notifier.info(l10n.t("API key stored in VS Code's secret storage for {0}; requests to that server use it, and no other server gets it without asking.{1}", apiUrl, engine));
  svc.backend.warnIfInsecure(apiUrl);
}

/** Removes the key stored for the configured server. */
export async function clearApiKey(svc: Services): Promise<void> {
  const { apiUrl } = svc.backend.configured();
  const had = (await svc.backend.storedKey(apiUrl)) !== undefined;
  await svc.backend.clearKey(apiUrl);
  svc.log.for('secrets').info(had ? `API key for ${apiUrl} removed from SecretStorage` : `no API key was stored for ${apiUrl}`);
  const env = svc.backend.environmentKeyFor(apiUrl) ? l10n.t(' The {0} environment variable is still set for this server and is used instead.', ENV_KEY) : '';
  svc.notifier.info(`${had ? l10n.t("The API key for {0} was removed from VS Code's secret storage.", apiUrl) : l10n.t('No API key was stored for {0}.', apiUrl)}${env}`);
}

const KEY_MAX = 1000;

function checkKey(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Enter the API key (or press Escape to cancel).');
  if (/\s/.test(v)) return l10n.t('An API key has no spaces or line breaks.');
  if (v.length > KEY_MAX) return l10n.t('An API key is at most {0} characters.', KEY_MAX);
  return undefined;
}


/** The local engine's prompt model key: SecretStorage only, passed to the engine it starts. */
export async function setModelKey(svc: Services, args?: { apiKey?: string }): Promise<void> {
  const given = args?.apiKey;
  if (given !== undefined && (typeof given !== 'string' || (given.trim() !== '' && checkKey(given)))) {
    svc.notifier.error(l10n.t('Set local engine model key was given a key that is not a single word of text; nothing was changed. Run "Firecrawl: Set local engine model key" and type the key.'));
    return;
  }
  const key =
    args?.apiKey ??
    (await svc.vscode.window.showInputBox({
      title: l10n.t('Firecrawl: Set local engine model key'),
      prompt: l10n.t("The API key of the model endpoint (firecrawlInteract.localEngine.modelUrl) the local engine uses for prompts. Kept in VS Code's secret storage. Empty: remove it."),
      password: true,
      ignoreFocusOut: true,
    }));
  if (key === undefined) return;
  if (key.trim() === '') await svc.secrets.delete(SECRET.modelKey);
  else {
    svc.log.addSecret(key.trim());
    await svc.secrets.store(SECRET.modelKey, key.trim());
  }
  const restart = svc.engine.snapshot().running ? l10n.t(' Stop and start the local engine for it to take effect.') : '';
  svc.notifier.info(`${key.trim() ? l10n.t('Model key stored.') : l10n.t('Model key removed.')}${restart}`);
}
