/**
 * The browser the tests drive themselves (VS Code's workbench in code-server, the live view's and
 * the trace viewer's pages): Debian's headless shell where it is installed, as Playwright's own
 * headless default is, else Debian's Chromium. CHROMIUM_PATH overrides both.
 */
import { existsSync } from 'node:fs';

const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

export const TEST_CHROMIUM = process.env.CHROMIUM_PATH ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
