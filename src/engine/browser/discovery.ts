/**
 * Where the engine looks for a browser, per OS, in order: the one asked for (`--chromium`, the
 * extension's `localEngine.chromiumPath`), then a headless shell (Debian's chromium-headless-shell
 * package, or Playwright's chromium_headless_shell build), then Chrome, Chromium, Edge and Brave
 * at their usual places (macOS: /Applications and ~/Applications; Windows: Program Files,
 * Program Files (x86) and LOCALAPPDATA; Linux: the distributions' paths), then Playwright's
 * full Chromium builds.
 * The engine only ever runs browsers headless, and a headless shell has no browser UI to start:
 * on a 2-core Linux machine a launch took 0.27 s of CPU against about 1.5 s for the full
 * Chromium of the same version, whose hidden omnibox popup alone loads a WebUI renderer.
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

/** Debian's and Ubuntu's chromium-headless-shell package (its /usr/bin script does not exec, so the binary itself). */
const LINUX_SHELLS = ['/usr/lib/chromium/chromium-headless-shell'];

const LINUX = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/opt/google/chrome/chrome', '/snap/bin/chromium', '/usr/bin/microsoft-edge-stable', '/usr/bin/microsoft-edge', '/usr/bin/brave-browser', '/opt/brave.com/brave/brave'];

const MAC_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'Brave Browser.app/Contents/MacOS/Brave Browser',
];

const WIN_APPS = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'BraveSoftware\\Brave-Browser\\Application\\brave.exe'];

/** Whether a browser binary is a headless shell (it takes no --headless flag: it has no other mode). */
export function isHeadlessShell(executable: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(executable);
}

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

/** Builds of one kind in Playwright's browser cache (newest first), if Playwright ever installed one. */
function playwrightBuilds(host: DiscoveryHost, kind: 'chromium' | 'chromium_headless_shell', inside: Partial<Record<NodeJS.Platform, string[]>>): string[] {
  const path = host.platform === 'win32' ? win32 : posix;
  const cache =
    host.env.PLAYWRIGHT_BROWSERS_PATH && host.env.PLAYWRIGHT_BROWSERS_PATH !== '0'
      ? host.env.PLAYWRIGHT_BROWSERS_PATH
      : host.platform === 'darwin'
        ? posix.join(host.home, 'Library', 'Caches', 'ms-playwright')
        : host.platform === 'win32'
          ? win32.join(host.env.LOCALAPPDATA ?? win32.join(host.home, 'AppData', 'Local'), 'ms-playwright')
          : posix.join(host.env.XDG_CACHE_HOME || posix.join(host.home, '.cache'), 'ms-playwright');
  const revision = (d: string): number => Number(d.slice(kind.length + 1));
  const builds = host
    .list(cache)
    .filter((d) => d.startsWith(`${kind}-`) && /^\d+$/.test(d.slice(kind.length + 1)))
    .sort((a, b) => revision(b) - revision(a));
  const places = inside[host.platform] ?? inside.linux ?? [];
  return builds.flatMap((b) => places.map((i) => path.join(cache, b, i)));
}

/** Full Chromium builds in Playwright's browser cache (newest first). */
export function playwrightBrowsers(host: DiscoveryHost): string[] {
  return playwrightBuilds(host, 'chromium', {
    darwin: ['chrome-mac/Chromium.app/Contents/MacOS/Chromium', 'chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium'],
    win32: ['chrome-win\\chrome.exe', 'chrome-win64\\chrome.exe'],
    linux: ['chrome-linux/chrome', 'chrome-linux64/chrome'],
  });
}

/** Headless shells: the system's (Linux packages), then Playwright's builds (newest first). */
export function headlessShells(host: DiscoveryHost): string[] {
  const system = host.platform === 'darwin' || host.platform === 'win32' ? [] : LINUX_SHELLS;
  return [
    ...system,
    ...playwrightBuilds(host, 'chromium_headless_shell', {
      darwin: ['chrome-headless-shell-mac-arm64/chrome-headless-shell', 'chrome-headless-shell-mac-x64/chrome-headless-shell'],
      win32: ['chrome-headless-shell-win64\\chrome-headless-shell.exe'],
      linux: ['chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-headless-shell-linux-arm64/chrome-headless-shell'],
    }),
  ];
}

export type Discovery = { path: string } | { path: undefined; looked: string[] };

/** The browser to run: the explicit one (which must exist), else the first found. */
export function discoverBrowser(explicit: string | undefined, host: DiscoveryHost): Discovery {
  if (explicit) return host.exists(explicit) ? { path: explicit } : { path: undefined, looked: [explicit] };
  const candidates = [...headlessShells(host), ...usualBrowserPaths(host), ...playwrightBrowsers(host)];
  const found = candidates.find((p) => host.exists(p));
  return found ? { path: found } : { path: undefined, looked: candidates };
}
