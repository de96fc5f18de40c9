/** The engine's command line (and environment) turned into one settings object. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, resolve, win32 } from 'node:path';
import type { RunLimits } from './runners/limits';
import { browserEndpoint, endpointProblem, type BrowserEndpoint, type BrowserProtocol } from './remote/endpoint';

export interface EngineConfig {
  port: number;
  host: string;
  apiKey?: string;
  chromium?: string;
  maxSessions: number;
  dataDir: string;
  /** Seconds a session may live. */
  sessionTtl: number;
  /** Seconds a session may stay idle. */
  activityTtl: number;
  /** Python interpreter for python runs (needs Playwright for Python). */
  python?: string;
  /** bash for bash runs (--bash; Windows: Git for Windows' bash.exe is looked for without it). */
  bash?: string;
  llmUrl?: string;
  llmModel?: string;
  llmKey?: string;
  /** Folders runs may read and write inside their sandbox (repeatable --allow-path). */
  allowPaths: string[];
  /** Browsers may open file: URLs and scrapes may load them (tests, demos). */
  allowFileUrls: boolean;
  /** Heap limit (MB) of each session's Node REPL worker; undefined: Node's default. */
  nodeHeapMb?: number;
  /** The proxy of the browsers' pages (Chromium's --proxy-server) and the hosts that bypass it. */
  proxyServer?: string;
  proxyBypass?: string;
  /** Base URL of the capability URLs (cdpUrl, live views) when clients reach the engine by another address (--public-url). */
  publicUrl?: string;
  /** A remote browser service for every browser (a credential: never printed). */
  browserEndpoint?: BrowserEndpoint;
  /** Sessions record a Playwright trace of their runs (--trace on). */
  trace: boolean;
  /** A browser and a Node worker are kept started ahead for the next session (--spares on, the default). */
  spares: boolean;
  /** Ended sessions whose traces are kept (--trace-keep), and the traces' total size in MB (--trace-max-mb). */
  traceKeep: number;
  traceMaxMb: number;
  /** Open connections of all clients together, and from one address. */
  maxConnections: number;
  /** Seconds a client has to send a request's headers, and the whole request (headers and body). */
  headersTimeout: number;
  requestTimeout: number;
  /** The largest DevTools message (MB) taken from a local browser; a larger one closes that browser. */
  maxDevtoolsMessageMb: number;
  maxClientConnections: number;
  /** Saved profiles: how many, and how large one may be (MB). */
  maxProfiles: number;
  maxProfileMb: number;
  /** Sandbox limits of every run (see runners/limits.ts). */
  runLimits: RunLimits;
}

const USAGE = `Usage: node dist/engine.js [--port 3002] [--host 127.0.0.1] [--api-key KEY] [--chromium PATH]
  [--max-sessions 5] [--data-dir DIR] [--session-ttl 600] [--activity-ttl 300] [--python PATH] [--bash PATH]
  [--llm-url URL --llm-model MODEL --llm-key KEY] [--allow-path DIR]... [--allow-file-urls]
  [--node-heap-mb MB] [--proxy-server URL [--proxy-bypass 'host;*.domain']] [--public-url http://HOST:PORT]
  [--max-connections 256] [--max-client-connections 128] [--max-profiles 20] [--max-profile-mb 500]
  [--headers-timeout 10] [--request-timeout 30] [--max-devtools-message-mb 256]
  [--run-max-procs 256] [--run-tmp-mb 512] [--run-memory-mb 4096] [--run-cpu-seconds 300]
  [--browser-endpoint ws://HOST:PORT/... [--browser-protocol playwright|cdp]]
  [--trace on|off] [--trace-keep 20] [--trace-max-mb 500] [--spares on|off]
Environment: FIRECRAWL_ENGINE_API_KEY, INTERACT_LLM_URL, INTERACT_LLM_MODEL, INTERACT_LLM_KEY,
  FIRECRAWL_ENGINE_BROWSER_ENDPOINT (as --browser-endpoint, kept out of the process list).`;

export class UsageError extends Error {
  readonly usage = USAGE;
}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): EngineConfig {
  const flags = new Map<string, string>();
  const allowPaths: string[] = [];
  let allowFileUrls = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    if (arg === '--allow-file-urls') {
      allowFileUrls = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}".`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`Flag ${arg} needs a value.`);
      flags.set(arg.slice(2), value);
      i++;
    }
    // The only flag given more than once: each names one folder.
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (name === 'allow-path') {
      const dir = resolve(flags.get(name) as string);
      if (!existsSync(dir)) throw new UsageError(`--allow-path ${dir} does not exist.`);
      allowPaths.push(dir);
    }
  }
  const known = ['port', 'host', 'api-key', 'chromium', 'max-sessions', 'data-dir', 'session-ttl', 'activity-ttl', 'python', 'bash', 'llm-url', 'llm-model', 'llm-key', 'allow-path', 'node-heap-mb', 'browser-endpoint', 'browser-protocol', 'proxy-server', 'proxy-bypass', 'public-url', 'trace', 'trace-keep', 'trace-max-mb', 'spares',
    'max-connections', 'max-client-connections', 'max-profiles', 'max-profile-mb', 'headers-timeout', 'request-timeout', 'max-devtools-message-mb', 'run-max-procs', 'run-tmp-mb', 'run-memory-mb', 'run-cpu-seconds'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new UsageError(`Unknown flag --${name}.`);

  const int = (name: string, fallback: number, min: number): number => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min} (got "${raw}").`);
    return n;
  };
  const port = int('port', 3002, 0);
  if (port > 65535) throw new UsageError('--port must be 0–65535.');
  const headersTimeout = int('headers-timeout', 10, 1);
  const requestTimeout = int('request-timeout', 30, 1);
  if (headersTimeout > requestTimeout) throw new UsageError(`--headers-timeout (${headersTimeout}) must not be longer than --request-timeout (${requestTimeout}).`);
  const maxDevtoolsMessageMb = int('max-devtools-message-mb', 256, 1);
  // Past ~512 MB a message would not even fit in a string.
  if (maxDevtoolsMessageMb > 256) throw new UsageError('--max-devtools-message-mb must be at most 256.');
  return {
    port,
    browserEndpoint: remoteBrowser(flags.get('browser-endpoint') ?? (env.FIRECRAWL_ENGINE_BROWSER_ENDPOINT || undefined), flags.get('browser-protocol')),
    host: flags.get('host') ?? '127.0.0.1',
    apiKey: flags.get('api-key') ?? (env.FIRECRAWL_ENGINE_API_KEY || undefined),
    chromium: flags.get('chromium'),
    maxSessions: int('max-sessions', 5, 1),
    dataDir: flags.get('data-dir') ?? defaultDataDir(process.platform, env, homedir(), existsSync),
    sessionTtl: int('session-ttl', 600, 1),
    activityTtl: int('activity-ttl', 300, 1),
    python: flags.get('python'),
    bash: flags.get('bash'),
    llmUrl: flags.get('llm-url') ?? (env.INTERACT_LLM_URL || undefined),
    llmModel: flags.get('llm-model') ?? (env.INTERACT_LLM_MODEL || undefined),
    llmKey: flags.get('llm-key') ?? (env.INTERACT_LLM_KEY || undefined),
    allowPaths,
    allowFileUrls,
    nodeHeapMb: flags.has('node-heap-mb') ? int('node-heap-mb', 0, 32) : undefined,
    proxyServer: proxyServer(flags.get('proxy-server')),
    proxyBypass: flags.get('proxy-bypass'),
    publicUrl: publicUrl(flags.get('public-url')),
    trace: onOff('trace', flags.get('trace')),
    traceKeep: int('trace-keep', 20, 0),
    traceMaxMb: int('trace-max-mb', 500, 1),
    spares: onOff('spares', flags.get('spares') ?? 'on'),
    maxConnections: int('max-connections', 256, 1),
    maxClientConnections: int('max-client-connections', 128, 1),
    headersTimeout,
    requestTimeout,
    maxDevtoolsMessageMb,
    maxProfiles: int('max-profiles', 20, 1),
    maxProfileMb: int('max-profile-mb', 500, 1),
    runLimits: {
      maxProcs: int('run-max-procs', 256, 16),
      tmpMb: int('run-tmp-mb', 512, 1),
      memoryMb: int('run-memory-mb', 4096, 64),
      cpuSeconds: int('run-cpu-seconds', 300, 1),
    },
  };
}

/**
 * The OS's usual place for an application's data: %LOCALAPPDATA% on Windows, Application
 * Support on macOS, $XDG_DATA_HOME (~/.local/share) elsewhere. A folder left by an engine of
 * before (~/.firecrawl-interact-engine) stays in use, with its key and jobs.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string, exists: (p: string) => boolean): string {
  const name = 'firecrawl-interact-engine';
  const legacy = (platform === 'win32' ? win32 : posix).join(home, `.${name}`);
  if (exists(legacy)) return legacy;
  if (platform === 'win32') return win32.join(env.LOCALAPPDATA || win32.join(home, 'AppData', 'Local'), name);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', name);
  return posix.join(env.XDG_DATA_HOME || posix.join(home, '.local', 'share'), name);
}

function onOff(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === 'off') return false;
  if (raw === 'on') return true;
  throw new UsageError(`--${name} must be on or off (got "${raw}").`);
}

function proxyServer(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^(https?|socks[45]?):\/\/[^/@\s]+\/?$/.test(raw)) throw new UsageError(`--proxy-server must be a proxy URL without credentials, e.g. http://proxy.example:3128 (got "${raw.replace(/\/\/[^@/]*@/, '//…@')}").`);
  return raw.replace(/\/$/, '');
}

/** --public-url checked: an http(s) origin, nothing after it (the engine adds its own paths). */
function publicUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    throw new UsageError(`--public-url must be the http:// or https:// address that clients reach this engine on, with nothing after host and port, e.g. http://192.168.1.20:3002 (got "${raw}").`);
  }
  return url.origin;
}

/** --browser-endpoint and --browser-protocol checked; the URL itself is never quoted (it may carry a token). */
function remoteBrowser(raw: string | undefined, protocol: string | undefined): BrowserEndpoint | undefined {
  if (protocol !== undefined && protocol !== 'playwright' && protocol !== 'cdp') {
    throw new UsageError(`--browser-protocol must be playwright (Playwright's run-server) or cdp (a Chrome DevTools endpoint such as Browserless); got "${protocol}".`);
  }
  if (raw === undefined) {
    if (protocol !== undefined) throw new UsageError('--browser-protocol needs --browser-endpoint (or FIRECRAWL_ENGINE_BROWSER_ENDPOINT).');
    return undefined;
  }
  const problem = endpointProblem(raw);
  if (problem) {
    throw new UsageError(`--browser-endpoint ${problem}. Give the remote browser service's WebSocket URL, e.g. ws://grid-host:3000/ for Playwright's run-server or wss://host/?token=… for Browserless (--browser-protocol cdp).`);
  }
  return browserEndpoint(raw, (protocol ?? 'playwright') as BrowserProtocol);
}
