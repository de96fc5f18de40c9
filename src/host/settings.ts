/**
 * The extension's settings (`firecrawlInteract.*`), each a typed Setting (host/setting.ts)
 * with its change event. Local knobs (margin, rates, output limit) are clamped to sane ranges;
 * the run `timeout` is passed on as set so that request validation can name the 1–300 s rule
 * instead of silently sending something else.
 */
import { SECTION, type SettingKey } from '../ids';
import type { CreditRates } from '../shared/billing';
import { DEFAULT_RATES } from '../shared/billing';
import { LIMITS } from '../shared/validation';
import { Setting, type Configuration } from './setting';
import type { VSCode } from './vscode-types';

export const DEFAULT_API_URL = 'https://api.firecrawl.dev';

/** A list of host names from settings: strings only, trimmed, empty ones dropped. */
function hostList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : [];
}

function num(fallback: number, min: number, max: number): (value: unknown) => number {
  return (value) => Math.min(max, Math.max(min, typeof value === 'number' && Number.isFinite(value) ? value : fallback));
}

/** A path or name: trimmed; empty is unset. */
function text(value: unknown): string | undefined {
  return String(value ?? '').trim() || undefined;
}

function table(vscode: VSCode) {
  const setting = <T>(key: SettingKey, parse: (raw: unknown) => T) => new Setting(vscode, key, parse);
  const on = (v: unknown) => v !== false;
  return {
    apiUrl: setting('apiUrl', (v) => (text(v) ?? DEFAULT_API_URL).replace(/\/+$/, '')),
    /** Seconds added to the run's `timeout` before the HTTP request itself gives up. */
    requestTimeoutMargin: setting('requestTimeoutMargin', num(30, 0, 3600)),
    /** The `timeout` sent with each run; not clamped: a value outside 1–300 is reported with the rule when a run is attempted. */
    defaultTimeout: setting('defaultTimeout', (v) => (typeof v === 'number' && Number.isFinite(v) ? v : LIMITS.timeoutDefault)),
    creditsPerMinute: setting('creditsPerMinute', num(DEFAULT_RATES.perMinute, 0, 1_000_000)),
    promptCreditsPerMinute: setting('promptCreditsPerMinute', num(DEFAULT_RATES.promptPerMinute, 0, 1_000_000)),
    /** Characters of a result shown in the output channel before it is cut. */
    outputLimit: setting('outputLimit', (v) => Math.round(num(20_000, 200, 10_000_000)(v))),
    /** Trimmed (lower case is checked, not made). */
    allowedDomains: setting('allowedDomains', hostList),
    localEngineAutoStart: setting('localEngine.autoStart', (v) => v === true),
    chromiumPath: setting('localEngine.chromiumPath', text),
    pythonPath: setting('localEngine.pythonPath', text),
    bashPath: setting('localEngine.bashPath', text),
    /** The local engine's sessions record Playwright traces (default on). */
    localEngineTrace: setting('localEngine.trace', on),
    /** OpenAI-compatible endpoint and model for the local engine's prompt agent. */
    modelUrl: setting('localEngine.modelUrl', text),
    modelName: setting('localEngine.modelName', text),
    /** Run history entries kept per workspace. */
    historyLimit: setting('history.limit', (v) => Math.round(num(100, 0, 1000)(v))),
    /** Stop this window's sessions when the window closes. */
    stopSessionsOnClose: setting('stopSessionsOnClose', on),
    /** Estimated credits per session at which it is stopped (warning at 80 %); 0: no budget. */
    sessionCreditBudget: setting('sessionCreditBudget', num(0, 0, 1_000_000)),
    codeLensCells: setting('codeLens.cells', on),
    codeLensMarkdown: setting('codeLens.markdown', on),
  };
}

type Table = ReturnType<typeof table>;
type Values = { [K in keyof Table]: Table[K] extends Setting<infer T> ? T : never };

/** Every setting's value at one moment, with the rates together. */
export type ExtensionSettings = Values & { rates: CreditRates };

export type Settings = Table & {
  /** The apiUrl, and whether the user set it (user, workspace or folder settings) rather than it being the default. */
  configuredApiUrl(): { apiUrl: string; apiUrlSet: boolean };
  /** The credit rates of the cost estimate. */
  rates(): CreditRates;
  read(): ExtensionSettings;
  /** Calls `listener` when any `firecrawlInteract.*` setting changes. */
  onDidChange(listener: () => void): { dispose(): unknown };
};

export function createSettings(vscode: VSCode): Settings {
  const settings = table(vscode);
  const config = (): Configuration => vscode.workspace.getConfiguration(SECTION);
  const rates = (c: Configuration): CreditRates => ({ perMinute: settings.creditsPerMinute.get(c), promptPerMinute: settings.promptCreditsPerMinute.get(c) });
  return {
    ...settings,
    configuredApiUrl: () => {
      const url = config().inspect<string>(settings.apiUrl.key);
      const set = [url?.workspaceFolderValue, url?.workspaceValue, url?.globalValue].some((v) => typeof v === 'string' && v.trim() !== '');
      return { apiUrl: settings.apiUrl.get(), apiUrlSet: set };
    },
    rates: () => rates(config()),
    read: () => {
      const c = config();
      const values = Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.get(c)])) as Values;
      return { ...values, rates: rates(c) };
    },
    onDidChange: (listener) =>
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) listener();
      }),
  };
}
