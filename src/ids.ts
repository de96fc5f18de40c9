/**
 * Every id the extension contributes (commands, views, context keys, status bar items,
 * schemes), importable from every layer so no module hard-codes another's strings.
 * package.json must name the same ids; a unit test checks that it does.
 */
export const CMD = {
  runSelection: 'firecrawlInteract.runSelection',
  runAgain: 'firecrawlInteract.runAgain',
  askPage: 'firecrawlInteract.askPage',
  chooseJob: 'firecrawlInteract.chooseJob',
  scrapeUrl: 'firecrawlInteract.scrapeUrl',
  removeJob: 'firecrawlInteract.removeJob',
  stopSession: 'firecrawlInteract.stopSession',
  sessionMenu: 'firecrawlInteract.sessionMenu',
  openLiveView: 'firecrawlInteract.openLiveView',
  copyCdpUrl: 'firecrawlInteract.copyCdpUrl',
  runInSession: 'firecrawlInteract.runInSession',
  setApiKey: 'firecrawlInteract.setApiKey',
  clearApiKey: 'firecrawlInteract.clearApiKey',
  switchBackend: 'firecrawlInteract.switchBackend',
  startLocalEngine: 'firecrawlInteract.startLocalEngine',
  stopLocalEngine: 'firecrawlInteract.stopLocalEngine',
  setModelKey: 'firecrawlInteract.setModelKey',
  setupPython: 'firecrawlInteract.setupPython',
  openFullResult: 'firecrawlInteract.openFullResult',
  cancelRun: 'firecrawlInteract.cancelRun',
  showOutput: 'firecrawlInteract.showOutput',
  changeLanguage: 'firecrawlInteract.changeLanguage',
  historyRerun: 'firecrawlInteract.history.rerun',
  historyRerunInCurrentJob: 'firecrawlInteract.history.rerunInCurrentJob',
  historyOpenOutput: 'firecrawlInteract.history.openOutput',
  historyOpenFullResult: 'firecrawlInteract.history.openFullResult',
  historyCopyCode: 'firecrawlInteract.history.copyCode',
  historyOpenLiveView: 'firecrawlInteract.history.openLiveView',
  historyRescrape: 'firecrawlInteract.history.rescrape',
  historyClear: 'firecrawlInteract.history.clear',
  refreshSessions: 'firecrawlInteract.refreshSessions',
  openWalkthrough: 'firecrawlInteract.openWalkthrough',
  runCell: 'firecrawlInteract.runCell',
  runCellAndBelow: 'firecrawlInteract.runCellAndBelow',
  runAbove: 'firecrawlInteract.runAbove',
  runCellAndAdvance: 'firecrawlInteract.runCellAndAdvance',
  runBlock: 'firecrawlInteract.runBlock',
  screenshot: 'firecrawlInteract.screenshot',
  scrapeNow: 'firecrawlInteract.scrapeNow',
  notebookChooseJob: 'firecrawlInteract.notebook.chooseJob',
  notebookExport: 'firecrawlInteract.notebook.exportScript',
  newNotebook: 'firecrawlInteract.notebook.new',
  pickLocator: 'firecrawlInteract.pickLocator',
  recordAtCursor: 'firecrawlInteract.recordAtCursor',
  openTrace: 'firecrawlInteract.openTrace',
  recordTrace: 'firecrawlInteract.recordTrace',
} as const;

export type CommandId = (typeof CMD)[keyof typeof CMD];

export const VIEW = {
  container: 'firecrawlInteract',
  workbench: 'firecrawlInteract.workbench',
  runs: 'firecrawlInteract.runs',
} as const;

/** Context keys for `when` clauses (menus, palette, welcome content). */
export const CONTEXT = {
  backendKind: 'firecrawlInteract.backendKind',
  engineRunning: 'firecrawlInteract.engineRunning',
  hasJob: 'firecrawlInteract.hasJob',
  hasSessions: 'firecrawlInteract.hasSessions',
  running: 'firecrawlInteract.running',
  hasRuns: 'firecrawlInteract.hasRuns',
  hasFullResult: 'firecrawlInteract.hasFullResult',
  /** The active editor has `%%` cells (Shift+Enter runs the cell). */
  editorHasCells: 'firecrawlInteract.editorHasCells',
} as const;

export const STATUS = {
  backend: 'firecrawlInteract.backend',
  activity: 'firecrawlInteract.activity',
  cost: 'firecrawlInteract.cost',
  stop: 'firecrawlInteract.stop',
} as const;

export const LIVE_VIEW_TYPE = 'firecrawlInteract.liveView';
export const TRACE_VIEW_TYPE = 'firecrawlInteract.traceView';
/** Read-only documents: a run's full result, and a run's report from the history. */
export const SCHEME = { result: 'firecrawl-result', report: 'firecrawl-run' } as const;
export const WALKTHROUGH = 'firecrawlInteract.gettingStarted';
export const OUTPUT_NAME = 'Firecrawl Interact';
export const LOG_NAME = 'Firecrawl Interact (log)';

/** The `.fcnb` notebook type, its controller, and the Problems-panel source of run errors. */
export const NOTEBOOK_TYPE = 'firecrawl-notebook';
export const NOTEBOOK_CONTROLLER = 'firecrawl-notebook-session';
export const DIAGNOSTICS_NAME = 'Firecrawl Interact';

/**
 * The settings, by key below their section (package.json's contributes.configuration names the
 * same; a unit test checks it). Code names a key through this type (host/settings.ts), so the
 * list itself is not bundled.
 */
export const SECTION = 'firecrawlInteract';
export const SETTING_KEYS = [
  'apiUrl',
  'requestTimeoutMargin',
  'defaultTimeout',
  'creditsPerMinute',
  'promptCreditsPerMinute',
  'outputLimit',
  'allowedDomains',
  'localEngine.autoStart',
  'localEngine.chromiumPath',
  'localEngine.pythonPath',
  'localEngine.bashPath',
  'localEngine.trace',
  'localEngine.modelUrl',
  'localEngine.modelName',
  'history.limit',
  'stopSessionsOnClose',
  'sessionCreditBudget',
  'codeLens.cells',
  'codeLens.markdown',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** A setting's full id, as settings.json, "Open settings" and messages name it. */
export function settingId(key: SettingKey | 'localEngine'): string {
  return `${SECTION}.${key}`;
}

/** The tree items' `contextValue`s, which package.json's menus match as `viewItem`. */
export const ITEM = {
  /** Followed by `.<backend kind>` and `.engine` while the local engine runs. */
  backend: 'backend',
  currentNone: 'current.none',
  currentJob: 'current.job',
  sessions: 'sessions',
  jobs: 'jobs',
  session: 'session',
  sessionFree: 'session.free',
  knownJob: 'knownJob',
  run: 'run',
  runFull: 'run.full',
} as const;

/** SecretStorage names: the API key (per server origin, `<apiKey>@<origin>`; alone, the old single entry) and the prompt model's key. */
export const SECRET = {
  apiKey: 'firecrawlInteract.apiKey',
  modelKey: 'firecrawlInteract.localEngine.modelKey',
} as const;
