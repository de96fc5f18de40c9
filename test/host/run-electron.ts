// The same extension-host suite through @vscode/test-electron, for machines that can download
// VS Code (contributors' laptops, GitHub-hosted CI). Selected with FIRECRAWL_TEST_HOST=electron
// (`npm run test:electron`). Uses VSCODE_EXECUTABLE_PATH when set (no download), else downloads
// the VS Code build named by VSCODE_VERSION (default: the engines.vscode minimum, 1.100.0).
// Counts come back through a file the suite writes (FIRECRAWL_SUITE_RESULT_FILE), since
// test-electron pipes VS Code's output straight to our stdout.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { failure, parseSuiteResult, type SuiteCounts } from './suite-result';
import { TEST_CAPABILITIES_ENV } from '../../src/sessions/session-snapshot';

export async function runInElectron(root: string, testsModule: string): Promise<SuiteCounts> {
  const scratch = mkdtempSync(join(tmpdir(), 'interact-electron-'));
  const resultFile = join(scratch, 'result.json');
  const workspace = join(scratch, 'workspace');
  try {
    let exitCode: number;
    try {
      exitCode = await runTests({
        extensionDevelopmentPath: root,
        extensionTestsPath: testsModule,
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
        version: process.env.VSCODE_VERSION ?? '1.100.0',
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(scratch, 'user-data')],
        extensionTestsEnv: { FIRECRAWL_SUITE_RESULT_FILE: resultFile, [TEST_CAPABILITIES_ENV]: '1' },
      });
    } catch (err) {
      // runTests rejects when VS Code exits non-zero (a failed test or a crash).
      console.log(`VS Code (electron) run failed: ${err instanceof Error ? err.message : String(err)}`);
      exitCode = 1;
    }
    const counts = existsSync(resultFile) ? parseSuiteResult(readFileSync(resultFile, 'utf8')) : undefined;
    if (!counts) return { passed: 0, failed: 1, failures: [failure('extension-host suite (electron)', `VS Code exited with ${exitCode} without a suite result`)] };
    return exitCode !== 0 && counts.failed === 0 ? { ...counts, failed: 1, failures: [failure('extension-host suite (electron)', `VS Code exited with ${exitCode} after every test passed`)] } : counts;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
