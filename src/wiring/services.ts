/**
 * What the commands share: built once in `activate()` and handed to every command.
 */
import type * as vscode from 'vscode';
import type { Backend } from '../host/backend';
import type { RecorderHelper } from '../host/recorder-helper';
import type { Log } from '../host/log';
import type { Settings } from '../host/settings';
import type { VSCode } from '../host/vscode-types';
import type { LocalEngineController } from '../local-engine/controller';
import type { Executor } from '../run/executor';
import type { RunDiagnostics } from '../ui/run-diagnostics';
import type { RunHistory } from '../run/history';
import type { Requests } from '../run/requests';
import type { JobHistory } from '../sessions/job-history';
import type { SessionStore } from '../sessions/session-store';
import type { LiveViewPanels } from '../ui/liveview-panel';
import type { Notifier } from '../ui/notifier';
import type { ResultDocuments } from '../ui/result-documents';
import type { ResultOutput } from '../ui/result-output';
import type { CodeTargets } from '../ui/code-target';
import type { TraceFiles } from '../host/trace-files';
import type { TracePanel } from '../ui/trace-panel';

export interface Services {
  vscode: VSCode;
  /** This extension's id, for "Open settings" filtered to it. */
  extensionId: string;
  settings: Settings;
  backend: Backend;
  requests: Requests;
  executor: Executor;
  /** Errors on their lines (run failures and syntax errors found before sending). */
  diagnostics: RunDiagnostics;
  sessions: SessionStore;
  jobs: JobHistory;
  history: RunHistory;
  output: ResultOutput;
  log: Log;
  notifier: Notifier;
  liveView: LiveViewPanels;
  engine: LocalEngineController;
  results: ResultDocuments;
  /** The Playwright process that picks in sessions' browsers, serves the trace viewer and records traces (started on first use). */
  recorder: RecorderHelper;
  /** Playwright's trace viewer inside VS Code (Open trace). */
  tracePanel: TracePanel;
  /** Downloaded and recorded traces on this machine. */
  traceFiles: TraceFiles;
  /** The cursor picked code goes to: the last active code editor. */
  codeTargets: CodeTargets;
  /** Survives across workspaces: remembered language choices. */
  globalState: vscode.Memento;
  secrets: vscode.SecretStorage;
  /** Asks the servers of open sessions whether they still have them. */
  refreshSessions(): Promise<void>;
}
