/**
 * Where requests go and with which key. Normally the `firecrawlInteract.apiUrl` setting and
 * the key from SecretStorage (fallback: FIRECRAWL_API_KEY). While the local engine runs, the
 * window uses the engine's URL and key instead: an in-memory override, never written to
 * settings, gone when the engine stops or the window closes.
 */
import type * as vscode from 'vscode';
import type { ClientSettings } from '../api/client';
import { isInsecureRemote, parseApiUrl } from '../api/url';
import type { Log } from './log';
import type { Notifier } from './notifier';
import type { Settings } from './settings';

export const SECRET_KEY = 'firecrawlInteract.apiKey';
export const ENV_KEY = 'FIRECRAWL_API_KEY';

export interface BackendOverride {
  apiUrl: string;
  apiKey: string;
  label: string;
}

export class Backend {
  private override: BackendOverride | undefined;
  /** Set while something (the local engine's auto-start) must finish before requests go out. */
  private pending: Promise<unknown> | undefined;
  private readonly warnedInsecure = new Set<string>();

  constructor(
    private readonly settings: Settings,
    private readonly secrets: vscode.SecretStorage,
    private readonly origin: string,
    private readonly log: Log,
    private readonly notifier: Notifier,
    private readonly openSettings: () => unknown,
  ) {}

  setOverride(override: BackendOverride | undefined): void {
    this.override = override;
    if (override) this.log.addSecret(override.apiKey);
  }

  current(): BackendOverride | undefined {
    return this.override;
  }

  /** Requests wait for `work` (e.g. the engine starting) before reading the URL. */
  waitFor(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => {
      if (this.pending === p) this.pending = undefined;
    });
    this.pending = p;
  }

  async apiUrl(): Promise<string> {
    await this.pending;
    return this.override?.apiUrl ?? this.settings.read().apiUrl;
  }

  async storedKey(): Promise<string | undefined> {
    return (await this.secrets.get(SECRET_KEY))?.trim() || undefined;
  }

  async storeKey(key: string): Promise<void> {
    this.log.addSecret(key);
    await this.secrets.store(SECRET_KEY, key);
  }

  async clearKey(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  /** What FirecrawlClient asks before each request. */
  async clientSettings(): Promise<ClientSettings> {
    await this.pending;
    const s = this.settings.read();
    const override = this.override;
    const apiUrl = override?.apiUrl ?? s.apiUrl;
    const apiKey = override ? override.apiKey : ((await this.storedKey()) ?? (process.env[ENV_KEY]?.trim() || undefined));
    this.log.addSecret(apiKey);
    if (apiKey && !override) this.warnIfInsecure(apiUrl);
    return { apiUrl, apiKey, origin: this.origin, timeoutMarginSec: s.requestTimeoutMargin };
  }

  /** A key over plain http to another machine can be read on the way: say so once per URL. */
  warnIfInsecure(apiUrl: string): void {
    if (!isInsecureRemote(apiUrl) || this.warnedInsecure.has(apiUrl)) return;
    this.warnedInsecure.add(apiUrl);
    // isInsecureRemote has parsed it already.
    const host = parseApiUrl(apiUrl)?.host ?? apiUrl;
    this.log.for('backend').warn(`API key sent over plain http to ${host}`);
    this.notifier.warn(`Your Firecrawl API key is being sent over plain http to ${host}, where anyone on the network path can read it. Use an https URL (or a server on this machine) in firecrawlInteract.apiUrl.`, {
      label: 'Open settings',
      run: this.openSettings,
    });
  }
}
