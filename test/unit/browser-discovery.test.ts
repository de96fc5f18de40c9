/**
 * Browser discovery and the engine's data folder on every OS, with a fake file system and
 * environment (CI runs Linux; macOS and Windows are covered here).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chromiumArgs } from '../../src/engine/browser/chromium';
import { discoverBrowser, isHeadlessShell, usualBrowserPaths, type DiscoveryHost } from '../../src/engine/browser/discovery';
import { defaultDataDir } from '../../src/engine/config';

function fakeHost(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}, home = platform === 'win32' ? 'C:\\Users\\ann' : platform === 'darwin' ? '/Users/ann' : '/home/ann'): DiscoveryHost & { asked: string[] } {
  const asked: string[] = [];
  const sep = platform === 'win32' ? '\\' : '/';
  return {
    platform,
    env,
    home,
    asked,
    exists: (p) => {
      asked.push(p);
      return files.includes(p);
    },
    list: (dir) => [...new Set(files.filter((f) => f.startsWith(dir + sep)).map((f) => f.slice(dir.length + 1).split(sep)[0]))],
  };
}

describe('discoverBrowser', () => {
  test('the explicit path wins, and must exist', () => {
    const host = fakeHost('linux', ['/usr/bin/chromium', '/opt/my/chrome']);
    assert.deepEqual(discoverBrowser('/opt/my/chrome', host), { path: '/opt/my/chrome' });
    assert.deepEqual(discoverBrowser('/nope', host), { path: undefined, looked: ['/nope'] });
  });

  test('Linux: the distribution paths in order, then Playwright\'s cache (newest build first)', () => {
    assert.equal(discoverBrowser(undefined, fakeHost('linux', ['/usr/bin/google-chrome', '/usr/bin/chromium-browser'])).path, '/usr/bin/chromium-browser');
    assert.equal(discoverBrowser(undefined, fakeHost('linux', ['/usr/bin/brave-browser'])).path, '/usr/bin/brave-browser');
    const cache = ['/home/ann/.cache/ms-playwright/chromium-1100/chrome-linux/chrome', '/home/ann/.cache/ms-playwright/chromium-1200/chrome-linux/chrome', '/home/ann/.cache/ms-playwright/firefox-1/firefox'];
    assert.equal(discoverBrowser(undefined, fakeHost('linux', cache)).path, '/home/ann/.cache/ms-playwright/chromium-1200/chrome-linux/chrome');
    assert.equal(discoverBrowser(undefined, fakeHost('linux', ['/pw/chromium-7/chrome-linux/chrome'], { PLAYWRIGHT_BROWSERS_PATH: '/pw' })).path, '/pw/chromium-7/chrome-linux/chrome');
  });

  test('macOS: /Applications before ~/Applications; Chrome, Chromium, Edge, Brave; then Playwright\'s cache', () => {
    const chromeHome = '/Users/ann/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    assert.equal(discoverBrowser(undefined, fakeHost('darwin', [chromeHome, edge])).path, edge);
    assert.equal(discoverBrowser(undefined, fakeHost('darwin', [chromeHome])).path, chromeHome);
    assert.equal(discoverBrowser(undefined, fakeHost('darwin', ['/Applications/Brave Browser.app/Contents/MacOS/Brave Browser'])).path, '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser');
    const pw = '/Users/ann/Library/Caches/ms-playwright/chromium-1200/chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium';
    assert.equal(discoverBrowser(undefined, fakeHost('darwin', [pw])).path, pw);
    assert.ok(!usualBrowserPaths({ platform: 'darwin', env: {}, home: '/Users/ann' }).some((p) => p.startsWith('/usr/')), 'no Linux path on macOS');
  });

  test('Windows: Program Files, Program Files (x86), LOCALAPPDATA; then Playwright\'s cache', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
    const x86 = 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe';
    const local = 'C:\\Users\\ann\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    assert.equal(discoverBrowser(undefined, fakeHost('win32', [local, x86], env)).path, x86);
    assert.equal(discoverBrowser(undefined, fakeHost('win32', [local], env)).path, local);
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    assert.equal(discoverBrowser(undefined, fakeHost('win32', [edge], env)).path, edge, 'Edge, which every Windows has');
    const pw = 'C:\\Users\\ann\\AppData\\Local\\ms-playwright\\chromium-1200\\chrome-win\\chrome.exe';
    assert.equal(discoverBrowser(undefined, fakeHost('win32', [pw], env)).path, pw);
  });

  test('a headless shell comes first: the Linux package, then Playwright\'s (newest), then the full browsers', () => {
    const pkg = '/usr/lib/chromium/chromium-headless-shell';
    assert.equal(discoverBrowser(undefined, fakeHost('linux', ['/usr/bin/chromium', pkg])).path, pkg);
    const shells = ['/home/ann/.cache/ms-playwright/chromium_headless_shell-1100/chrome-headless-shell-linux64/chrome-headless-shell', '/home/ann/.cache/ms-playwright/chromium_headless_shell-1200/chrome-headless-shell-linux64/chrome-headless-shell'];
    assert.equal(discoverBrowser(undefined, fakeHost('linux', ['/usr/bin/chromium', '/home/ann/.cache/ms-playwright/chromium-1300/chrome-linux/chrome', ...shells])).path, shells[1]);
    assert.equal(discoverBrowser(undefined, fakeHost('linux', [pkg, ...shells])).path, pkg, 'the system package before Playwright\'s');
    const mac = '/Users/ann/Library/Caches/ms-playwright/chromium_headless_shell-1200/chrome-headless-shell-mac-arm64/chrome-headless-shell';
    assert.equal(discoverBrowser(undefined, fakeHost('darwin', ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', mac])).path, mac);
    assert.equal(discoverBrowser(undefined, fakeHost('darwin', [pkg])).path, undefined, 'no Linux path on macOS');
    const env = { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
    const win = 'C:\\Users\\ann\\AppData\\Local\\ms-playwright\\chromium_headless_shell-1200\\chrome-headless-shell-win64\\chrome-headless-shell.exe';
    assert.equal(discoverBrowser(undefined, fakeHost('win32', ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', win], env)).path, win);
    assert.ok(!discoverBrowser(undefined, fakeHost('linux', ['/home/ann/.cache/ms-playwright/chromium_headless_shell-x/chrome-headless-shell-linux64/chrome-headless-shell'])).path, 'a folder that is not a build number is no build');
  });

  test('a full browser is started in its headless mode; a headless shell, which has no other, without the flag', () => {
    assert.equal(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell'), true);
    assert.equal(isHeadlessShell('C:\\pw\\chrome-headless-shell-win64\\chrome-headless-shell.exe'), true);
    assert.equal(isHeadlessShell('/usr/bin/chromium'), false);
    assert.equal(isHeadlessShell('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'), false);
    assert.equal(chromiumArgs('/usr/bin/chromium', [], '/p')[0], '--headless=new');
    const shell = chromiumArgs('/usr/lib/chromium/chromium-headless-shell', ['--proxy-server=http://p:1'], '/p');
    assert.ok(!shell.some((a) => a.startsWith('--headless')), shell.join(' '));
    assert.ok(shell.includes('--proxy-server=http://p:1') && shell.includes('--user-data-dir=/p') && shell.includes('--remote-debugging-pipe'));
  });

  test('nothing found: every place looked at is listed', () => {
    const d = discoverBrowser(undefined, fakeHost('darwin', []));
    assert.equal(d.path, undefined);
    assert.ok(d.path === undefined && d.looked.includes('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'));
  });
});

describe('defaultDataDir', () => {
  const none = () => false;
  test('per OS: LOCALAPPDATA, Application Support, XDG_DATA_HOME (else ~/.local/share)', () => {
    assert.equal(defaultDataDir('win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' }, 'C:\\Users\\ann', none), 'C:\\Users\\ann\\AppData\\Local\\firecrawl-interact-engine');
    assert.equal(defaultDataDir('darwin', {}, '/Users/ann', none), '/Users/ann/Library/Application Support/firecrawl-interact-engine');
    assert.equal(defaultDataDir('linux', { XDG_DATA_HOME: '/data' }, '/home/ann', none), '/data/firecrawl-interact-engine');
    assert.equal(defaultDataDir('linux', {}, '/home/ann', none), '/home/ann/.local/share/firecrawl-interact-engine');
  });
  test('an older engine\'s ~/.firecrawl-interact-engine stays in use (its key and jobs)', () => {
    assert.equal(defaultDataDir('linux', {}, '/home/ann', (p) => p === '/home/ann/.firecrawl-interact-engine'), '/home/ann/.firecrawl-interact-engine');
  });
});
