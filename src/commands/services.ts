/**
 * What the commands share: built once in `activate()` and handed to every command.
 */
import type * as vscode from 'vscode';
import type { FirecrawlClient } from '../api/client';
import type { JobHistory } from '../sessions/job-history';
import type { SessionStore } from '../sessions/session-store';
import type { Backend } from '../ui/backend';
import type { LiveViewPanels } from '../ui/liveview-panel';
import type { LocalEngineController } from '../ui/local-engine-controller';
import type { Log } from '../ui/log';
import type { Notifier } from '../ui/notifier';
import type { ResultOutput } from '../ui/result-output';
import type { Settings } from '../ui/settings';
import type { ActivityIndicator } from '../ui/status-bar';
import type { VSCode } from '../ui/vscode-types';
import type { FullResults } from './full-results';
import type { RunningRequests } from './running-requests';

export interface Services {
  vscode: VSCode;
  /** This extension's id, for "Open settings" filtered to it. */
  extensionId: string;
  settings: Settings;
  backend: Backend;
  client: FirecrawlClient;
  sessions: SessionStore;
  jobs: JobHistory;
  output: ResultOutput;
  log: Log;
  notifier: Notifier;
  activity: ActivityIndicator;
  requests: RunningRequests;
  liveView: LiveViewPanels;
  engine: LocalEngineController;
  results: FullResults;
  /** Survives across workspaces: remembered language choices. */
  globalState: vscode.Memento;
}

export const CMD = {
  runSelection: 'firecrawlInteract.runSelection',
  askPage: 'firecrawlInteract.askPage',
  chooseJob: 'firecrawlInteract.chooseJob',
  scrapeUrl: 'firecrawlInteract.scrapeUrl',
  stopSession: 'firecrawlInteract.stopSession',
  openLiveView: 'firecrawlInteract.openLiveView',
  copyCdpUrl: 'firecrawlInteract.copyCdpUrl',
  setApiKey: 'firecrawlInteract.setApiKey',
  clearApiKey: 'firecrawlInteract.clearApiKey',
  startLocalEngine: 'firecrawlInteract.startLocalEngine',
  stopLocalEngine: 'firecrawlInteract.stopLocalEngine',
  openFullResult: 'firecrawlInteract.openFullResult',
  cancelRun: 'firecrawlInteract.cancelRun',
  showOutput: 'firecrawlInteract.showOutput',
} as const;
