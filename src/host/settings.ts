/**
 * The extension's settings (`firecrawlInteract.*`), read fresh on every use so a change
 * applies to the next request without a reload. Local knobs (margin, rates, output limit)
 * are clamped to sane ranges; the run `timeout` is passed on as set so that request
 * validation can name the 1–300 s rule instead of silently sending something else.
 */
import type { CreditRates } from '../shared/billing';
import { DEFAULT_RATES } from '../shared/billing';
import { LIMITS } from '../shared/validation';
import type { VSCode } from './vscode-types';

export const SECTION = 'firecrawlInteract';
export const DEFAULT_API_URL = 'https://api.firecrawl.dev';

export interface ExtensionSettings {
  apiUrl: string;
  /** Whether the user set apiUrl (user or remote settings), rather than it being the default. */
  apiUrlSet: boolean;
  /** Seconds added to the run's `timeout` before the HTTP request itself gives up. */
  requestTimeoutMargin: number;
  /** The `timeout` sent with each run (valid: whole seconds 1–300; checked before sending). */
  defaultTimeout: number;
  rates: CreditRates;
  /** Characters of a result shown in the output channel before it is cut. */
  outputLimit: number;
  localEngineAutoStart: boolean;
  chromiumPath?: string;
  pythonPath?: string;
  /** firecrawlInteract.allowedDomains, trimmed (lower case is checked, not made). */
  allowedDomains: string[];
  bashPath?: string;
  /** The local engine's sessions record Playwright traces (`localEngine.trace`, default on). */
  localEngineTrace: boolean;
  /** OpenAI-compatible endpoint and model for the local engine's prompt agent. */
  modelUrl?: string;
  modelName?: string;
  /** Run history entries kept per workspace. */
  historyLimit: number;
  /** Stop this window's sessions when the window closes. */
  stopSessionsOnClose: boolean;
  /** Estimated credits per session at which it is stopped (warning at 80 %); 0: no budget. */
  sessionCreditBudget: number;
}

/** A list of host names from settings: strings only, trimmed, empty ones dropped. */
function hostList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : [];
}

function num(value: unknown, fallback: number, min: number, max: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return Math.min(max, Math.max(min, n));
}

function apiUrlOf(c: ReturnType<VSCode['workspace']['getConfiguration']>): Pick<ExtensionSettings, 'apiUrl' | 'apiUrlSet'> {
  const apiUrl = String(c.get('apiUrl') ?? '').trim() || DEFAULT_API_URL;
  const url = c.inspect<string>('apiUrl');
  const setUrl = [url?.workspaceFolderValue, url?.workspaceValue, url?.globalValue].find((v) => typeof v === 'string' && v.trim() !== '');
  return { apiUrl: apiUrl.replace(/\/+$/, ''), apiUrlSet: setUrl !== undefined };
}

export class Settings {
  constructor(private readonly vscode: VSCode) {}

  /** Only `apiUrl` and whether the user set it: what the backend reads on every status redraw. */
  apiUrl(): Pick<ExtensionSettings, 'apiUrl' | 'apiUrlSet'> {
    return apiUrlOf(this.vscode.workspace.getConfiguration(SECTION));
  }

  /** Only `localEngine.autoStart`: what activation reads. */
  localEngineAutoStart(): boolean {
    return this.vscode.workspace.getConfiguration(SECTION).get('localEngine.autoStart') === true;
  }

  read(): ExtensionSettings {
    const c = this.vscode.workspace.getConfiguration(SECTION);
    const chromiumPath = String(c.get('localEngine.chromiumPath') ?? '').trim();
    const pythonPath = String(c.get('localEngine.pythonPath') ?? '').trim();
    const timeout = c.get('defaultTimeout');
    const text = (key: string) => String(c.get(key) ?? '').trim() || undefined;
    return {
      ...apiUrlOf(c),
      requestTimeoutMargin: num(c.get('requestTimeoutMargin'), 30, 0, 3600),
      // Not clamped: a value outside 1–300 is reported with the rule when a run is attempted.
      defaultTimeout: typeof timeout === 'number' && Number.isFinite(timeout) ? timeout : LIMITS.timeoutDefault,
      rates: {
        perMinute: num(c.get('creditsPerMinute'), DEFAULT_RATES.perMinute, 0, 1_000_000),
        promptPerMinute: num(c.get('promptCreditsPerMinute'), DEFAULT_RATES.promptPerMinute, 0, 1_000_000),
      },
      outputLimit: Math.round(num(c.get('outputLimit'), 20_000, 200, 10_000_000)),
      localEngineAutoStart: this.localEngineAutoStart(),
      chromiumPath: chromiumPath || undefined,
      pythonPath: pythonPath || undefined,
      bashPath: text('localEngine.bashPath'),
      localEngineTrace: c.get('localEngine.trace') !== false,
      allowedDomains: hostList(c.get('allowedDomains')),
      modelUrl: text('localEngine.modelUrl'),
      modelName: text('localEngine.modelName'),
      historyLimit: Math.round(num(c.get('history.limit'), 100, 0, 1000)),
      stopSessionsOnClose: c.get('stopSessionsOnClose') !== false,
      sessionCreditBudget: num(c.get('sessionCreditBudget'), 0, 0, 1_000_000),
    };
  }

  /** Calls `listener` when any `firecrawlInteract.*` setting changes. */
  onDidChange(listener: () => void): { dispose(): unknown } {
    return this.vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) listener();
    });
  }
}
