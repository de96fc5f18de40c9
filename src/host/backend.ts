/**
 * Which server this window's new requests go to, and with which key: the one place that
 * decides. In order:
 * 1. the local engine, while this window runs it (an in-memory override, never written to
 *    settings, gone when the engine stops);
 * 2. `firecrawlInteract.apiUrl` when the user set it;
 * 3. the `FIRECRAWL_API_URL` environment variable (the convention Firecrawl's SDK and CLI
 *    share; the demo pins its engine this way, so no settings edit can move it; on this machine
 *    it is taken as a local engine: free);
 * 4. the cloud, https://api.firecrawl.dev.
 * Keys: the engine's own key for the engine; otherwise the key stored for that server's origin
 * (one SecretStorage entry per origin, so a key set for one server never goes to another without
 * asking), then FIRECRAWL_API_KEY, which goes only to the server FIRECRAWL_API_URL names (the
 * cloud when it names none).
 *
 * Every request resolves the backend once (`server()`) into a Server that carries URL and key;
 * sessions and jobs keep that Server, so switching backend never redirects what they do.
 */
import type * as vscode from 'vscode';
import { apiUrlHost, isCloudUrl, isInsecureRemote, isLoopbackUrl, parseApiUrl } from '../api/url';
import { Server, type BackendKind } from '../sessions/server';
import { Emitter } from '../shared/emitter';
import { l10n } from '../shared/l10n';
import type { Log } from './log';
import type { Warner } from './notices';
import type { Settings } from './settings';
import { SECRET } from '../ids';

/** Before keys were kept per server: one key, used wherever requests went (read once, moved to the cloud's entry). */
const CLOUD_ORIGIN = 'https://api.firecrawl.dev';
export const ENV_KEY = 'FIRECRAWL_API_KEY';
export const ENV_URL = 'FIRECRAWL_API_URL';

/** How the backend warns (the UI's Notifier fits). */
export interface BackendOverride {
  apiUrl: string;
  apiKey: string;
  label: string;
}

/** Where the configured URL comes from (shown in the view's tooltip). */
export type UrlSource = 'local engine' | 'setting' | 'environment' | 'default';

export interface BackendSnapshot {
  kind: BackendKind;
  label: string;
  apiUrl: string;
  source: UrlSource;
}

export class Backend {
  private override: BackendOverride | undefined;
  /** Set while something (the local engine starting) must finish before requests go out. */
  private pending: Promise<unknown> | undefined;
  private readonly warnedInsecure = new Set<string>();
  private readonly changed = new Emitter<{ before: BackendSnapshot; after: BackendSnapshot }>();
  private last: BackendSnapshot;

  constructor(
    private readonly settings: Settings,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly notifier: Warner,
    private readonly openSettings: () => unknown,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.last = this.snapshot();
  }

  setOverride(override: BackendOverride | undefined): void {
    this.override = override;
    if (override) this.log.addSecret(override.apiKey);
    this.check();
  }

  current(): BackendOverride | undefined {
    return this.override;
  }

  /** Requests wait for `work` (e.g. the engine starting) before resolving the server. */
  waitFor(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => {
      if (this.pending === p) this.pending = undefined;
    });
    this.pending = p;
  }

  /** The backend as it stands now (no waiting): what the status bar and the view show. */
  snapshot(): BackendSnapshot {
    if (this.override) return { kind: 'local', label: l10n.t('local engine'), apiUrl: this.override.apiUrl, source: 'local engine' };
    const { apiUrl, source } = this.configured();
    // A server on this machine handed over by the environment is a local engine started for
    // this window (the demo's, a script's): free. It is named after the variable, so it is
    // never mistaken for the engine this window can start.
    if (source === 'environment' && isLoopbackUrl(apiUrl)) return { kind: 'local', label: environmentLabel(apiUrl), apiUrl, source };
    return { kind: kindOf(apiUrl), label: source === 'environment' && !isCloudUrl(apiUrl) ? environmentLabel(apiUrl) : labelOf(apiUrl), apiUrl, source };
  }

  /** The server FIRECRAWL_API_URL names, if any: a backend of its own in the switch menu. */
  environmentUrl(): string | undefined {
    return this.env[ENV_URL]?.trim().replace(/\/+$/, '') || undefined;
  }

  /** The configured URL, ignoring the local engine. */
  configured(): { apiUrl: string; source: UrlSource } {
    const s = this.settings.configuredApiUrl();
    if (s.apiUrlSet) return { apiUrl: s.apiUrl, source: 'setting' };
    const fromEnv = this.environmentUrl();
    if (fromEnv) return { apiUrl: fromEnv, source: 'environment' };
    return { apiUrl: s.apiUrl, source: 'default' };
  }

  async apiUrl(): Promise<string> {
    await this.pending;
    return this.snapshot().apiUrl;
  }

  /** The server a new request goes to, with its key. Resolved once per request. */
  async server(): Promise<Server> {
    await this.pending;
    const snap = this.snapshot();
    const override = this.override;
    const apiKey = override ? override.apiKey : ((await this.storedKey(snap.apiUrl)) ?? this.environmentKeyFor(snap.apiUrl));
    this.log.addSecret(apiKey);
    if (apiKey && !override) this.warnIfInsecure(snap.apiUrl);
    return new Server(snap.apiUrl, snap.kind, snap.label, apiKey);
  }

  /**
   * Called when anything that decides the backend may have changed (settings, engine): tells
   * listeners when the effective server really changed, with what it was.
   */
  check(): void {
    const now = this.snapshot();
    const before = this.last;
    if (now.apiUrl === before.apiUrl && now.kind === before.kind) {
      this.last = now;
      return;
    }
    this.last = now;
    this.log.for('backend').info(`backend: ${before.label} (${before.apiUrl}) → ${now.label} (${now.apiUrl}, from ${now.source})`);
    this.changed.fire({ before, after: now });
  }

  onDidChange(listener: (before: BackendSnapshot, after: BackendSnapshot) => void): { dispose(): void } {
    return this.changed.event(({ before, after }) => listener(before, after));
  }

  /** The key stored for `apiUrl`'s server (default: the configured one). */
  async storedKey(apiUrl = this.configured().apiUrl): Promise<string | undefined> {
    const name = secretName(apiUrl);
    if (!name) return undefined;
    const key = (await this.secrets.get(name))?.trim() || undefined;
    if (key || name !== secretName(CLOUD_ORIGIN)) return key;
    // A key stored before keys were per server was set for the cloud (or is offered for it now).
    const legacy = (await this.secrets.get(SECRET.apiKey))?.trim() || undefined;
    if (legacy) {
      await this.secrets.store(name, legacy);
      await this.secrets.delete(SECRET.apiKey);
    }
    return legacy;
  }

  /** Stores `key` for `apiUrl`'s server (default: the configured one). */
  async storeKey(key: string, apiUrl = this.configured().apiUrl): Promise<void> {
    const name = secretName(apiUrl);
    if (!name) throw new Error(l10n.t('"{0}" is not an http(s) URL: no key can be stored for it.', apiUrl));
    this.log.addSecret(key);
    await this.secrets.store(name, key);
  }

  async clearKey(apiUrl = this.configured().apiUrl): Promise<void> {
    const name = secretName(apiUrl);
    if (name) await this.secrets.delete(name);
  }

  /** FIRECRAWL_API_KEY, for the server FIRECRAWL_API_URL names (or the cloud when it names none) only. */
  environmentKeyFor(apiUrl: string): string | undefined {
    const key = this.env[ENV_KEY]?.trim();
    if (!key) return undefined;
    const envUrl = this.env[ENV_URL]?.trim();
    const meant = envUrl ? originOf(envUrl) : CLOUD_ORIGIN;
    return meant !== undefined && originOf(apiUrl) === meant ? key : undefined;
  }

  /** A key over plain http to another machine can be read on the way: say so once per URL. */
  warnIfInsecure(apiUrl: string): void {
    if (!isInsecureRemote(apiUrl) || this.warnedInsecure.has(apiUrl)) return;
    this.warnedInsecure.add(apiUrl);
    const host = apiUrlHost(apiUrl) ?? apiUrl;
    this.log.for('backend').warn(`API key sent over plain http to ${host}`);
    this.notifier.warn(l10n.t('Your Firecrawl API key is being sent over plain http to {0}, where anyone on the network path can read it. Use an https URL (or a server on this machine) in firecrawlInteract.apiUrl.', host), {
      label: l10n.t('Open settings'),
      run: this.openSettings,
    });
  }
}

function originOf(apiUrl: string): string | undefined {
  const u = parseApiUrl(apiUrl);
  if (!u) return undefined;
  return isCloudUrl(u.origin) ? CLOUD_ORIGIN : u.origin;
}

/** The SecretStorage entry of the key set for `apiUrl`'s server: one per origin (every cloud host is the cloud). */
export function secretName(apiUrl: string): string | undefined {
  const origin = originOf(apiUrl);
  return origin && `${SECRET.apiKey}@${origin}`;
}

function kindOf(apiUrl: string): BackendKind {
  return isCloudUrl(apiUrl) ? 'cloud' : 'custom';
}

/** "127.0.0.1:3002 (FIRECRAWL_API_URL)": the environment's server, told apart from the local engine. */
export function environmentLabel(apiUrl: string): string {
  return `${apiUrlHost(apiUrl) ?? apiUrl} (${ENV_URL})`;
}

function labelOf(apiUrl: string): string {
  if (isCloudUrl(apiUrl)) return l10n.t('cloud');
  return apiUrlHost(apiUrl) ?? apiUrl;
}
