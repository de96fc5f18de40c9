/**
 * Python runs: Playwright's async API connected over CDP to the session's browser, `page`
 * exposed, top-level await allowed. When Python Playwright is not importable the run fails
 * with a message that says what to install.
 */
import { execFile } from 'node:child_process';
import { runProcess } from './process-run';
import type { Sandbox } from './sandbox';
import type { RunRequest, RunResult } from './types';

// The user's code arrives on stdin; it is compiled with top-level await enabled.
const BOOTSTRAP = `
import ast, asyncio, os, sys
from playwright.async_api import async_playwright

async def main():
    code = sys.stdin.read()
    async with async_playwright() as p:
        browser = await p.chromium.connect_over_cdp(os.environ["CDP_URL"])
        context = browser.contexts[0] if browser.contexts else await browser.new_context()
        pages = [pg for pg in context.pages if pg.url != "about:blank"] or context.pages
        page = pages[0] if pages else await context.new_page()
        scope = {"__name__": "__main__", "asyncio": asyncio, "browser": browser, "context": context, "page": page}
        compiled = compile(code, "<interact>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        result = eval(compiled, scope)
        if asyncio.iscoroutine(result):
            await result

asyncio.run(main())
`;

let probe: Promise<string | undefined> | undefined;

/** Undefined when `import playwright` works, else the reason it does not. */
export function pythonPlaywrightProblem(): Promise<string | undefined> {
  probe ??= new Promise((resolve) => {
    execFile('python3', ['-c', 'import playwright.async_api'], { timeout: 20_000 }, (err, _out, stderr) => {
      if (!err) return resolve(undefined);
      const last = stderr.trim().split('\n').pop() ?? err.message;
      resolve(last);
    });
  });
  return probe;
}

export class PythonRunner {
  constructor(
    private readonly wsEndpoint: string,
    private readonly ended: AbortSignal,
    private readonly sandbox: Sandbox | undefined,
  ) {}

  async run({ code, timeoutMs }: RunRequest): Promise<RunResult> {
    const problem = await pythonPlaywrightProblem();
    if (problem) {
      const message =
        `Python runs need Playwright for Python, which python3 cannot import here (${problem}). ` +
        'Install it with `pip install playwright` (no browser download is needed: the engine connects to its own Chromium over CDP), then run the code again.\n';
      return { stdout: '', stderr: message, exitCode: 1, killed: false };
    }
    return runProcess({ command: 'python3', args: ['-c', BOOTSTRAP], env: { ...process.env, CDP_URL: this.wsEndpoint, PYTHONUNBUFFERED: '1' }, stdin: code, timeoutMs, signal: this.ended, sandbox: this.sandbox });
  }
}
