/**
 * Where the engine looks for a browser, per OS, in order: the one asked for (`--chromium`, the
 * extension's `localEngine.chromiumPath`), then Chrome, Chromium, Edge and Brave at their usual
 * places (macOS: /Applications and ~/Applications; Windows: Program Files, Program Files (x86)
 * and LOCALAPPDATA; Linux: the distributions' paths), then Playwright's own browser cache.
 * Pure: the file system and environment come in, so every OS is tested anywhere.
 */
import { posix, win32 } from 'node:path';

export interface DiscoveryHost {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  exists(path: string): boolean;
  /** Folder entries (empty when it does not exist). */
  list(dir: string): string[];
}

const LINUX = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome', '/snap/bin/chromium', '/usr/bin/microsoft-edge-stable', '/usr/bin/microsoft-edge', '/usr/bin/brave-browser', '/opt/brave.com/brave/brave'];

const MAC_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'Brave Browser.app/Contents/MacOS/Brave Browser',
];

const WIN_APPS = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'];

/** The usual places of this OS, in the order they are tried (Playwright's cache comes after). */
export function usualBrowserPaths(host: Pick<DiscoveryHost, 'platform' | 'env' | 'home'>): string[] {
  if (host.platform === 'darwin') {
    return ['/Applications', posix.join(host.home, 'Applications')].flatMap((root) => MAC_APPS.map((app) => posix.join(root, app)));
  }
  if (host.platform === 'win32') {
    const roots = [host.env.PROGRAMFILES ?? 'C:\\Program Files', host.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', host.env.LOCALAPPDATA ?? win32.join(host.home, 'AppData', 'Local')];
    return WIN_APPS.flatMap((app) => roots.map((root) => win32.join(root, app)));
  }
  return LINUX;
}

/** Chromium builds in Playwright's browser cache (newest first), if Playwright ever installed one. */
export function playwrightBrowsers(host: DiscoveryHost): string[] {
  const path = host.platform === 'win32' ? win32 : posix;
  const cache =
    host.env.PLAYWRIGHT_BROWSERS_PATH && host.env.PLAYWRIGHT_BROWSERS_PATH !== '0'
      ? host.env.PLAYWRIGHT_BROWSERS_PATH
      : host.platform === 'darwin'
        ? posix.join(host.home, 'Library', 'Caches', 'ms-playwright')
        : host.platform === 'win32'
          ? win32.join(host.env.LOCALAPPDATA ?? win32.join(host.home, 'AppData', 'Local'), 'ms-playwright')
          : posix.join(host.env.XDG_CACHE_HOME || posix.join(host.home, '.cache'), 'ms-playwright');
  const builds = host
    .list(cache)
    .filter((d) => /^chromium-\d+$/.test(d))
    .sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)));
  const inside =
    host.platform === 'darwin'
      ? ['chrome-mac/Chromium.app/Contents/MacOS/Chromium', 'chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium']
      : host.platform === 'win32'
        ? ['chrome-win\\chrome.exe', 'chrome-win64\\chrome.exe']
        : ['chrome-linux/chrome', 'chrome-linux64/chrome'];
  return builds.flatMap((b) => inside.map((i) => path.join(cache, b, i)));
}

export type Discovery = { path: string } | { path: undefined; looked: string[] };

/** The browser to run: the explicit one (which must exist), else the first found. */
export function discoverBrowser(explicit: string | undefined, host: DiscoveryHost): Discovery {
  if (explicit) return host.exists(explicit) ? { path: explicit } : { path: undefined, looked: [explicit] };
  const candidates = [...usualBrowserPaths(host), ...playwrightBrowsers(host)];
  const found = candidates.find((p) => host.exists(p));
  return found ? { path: found } : { path: undefined, looked: candidates };
}
