/**
 * The local interact engine: `node dist/engine.js [flags]` (see config.ts). Prints one line
 * `listening on http://host:port` when ready; SIGINT/SIGTERM close every browser and exit.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { llmConfigFrom } from './agent/llm-config';
import { resolveApiKey } from './http/auth';
import { BrowserApi } from './api/browser-api';
import { BrowserPool } from './browser/pool';
import { CdpProxy } from './cdp/proxy';
import { findChromium, launchChromium, type BrowserLauncher } from './browser/chromium';
import { parseConfig, UsageError } from './config';
import { descendants, waitForExit } from './process/process-tree';
import { dropSecretEnv } from './process/secret-env';
import { InteractHandler } from './api/interact-api';
import { JobStore } from './scrape/job-store';
import { ProfileStore } from './browser/profiles';
import { remoteLauncher } from './remote/remote-browser';
import { LiveView } from './live/live-view';
import { WorkerPool } from './runners/node-runner';
import { findBash } from './runners/bash-path';
import { defaultPython } from './runners/python-runner';
import { RunnerFactory } from './runners/runner-table';
import { probeSandbox } from './runners/sandbox';
import { sweepDeadEngines } from './process/temp-dirs';
import { Scraper } from './scrape/scraper';
import { SessionScraper } from './scrape/session-scraper';
import { TraceStore } from './trace/trace-store';
import { engineRoutes } from './routes';
import { createEngineServer, publicOrigin } from './http/server';
import { SessionManager } from './sessions/session-manager';
import { noSandboxLine } from '../shared/sandbox-line';

const log = (msg: string): void => {
  process.stderr.write(`[engine] ${msg}\n`);
};
// Nobody may be reading the engine's output any more (the extension host was killed, the
// terminal closed): a failed write (EPIPE) must not crash a shutdown halfway, leaving its
// browsers' profiles behind, so write errors are dropped.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof UsageError) {
      if (err.message) console.error(err.message);
      console.error(err.usage);
      process.exit(err.message ? 2 : 0);
    }
    throw err;
  }
  const llm = llmConfigFrom(config, process.env);
  dropSecretEnv(process.env);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { key, storedAt } = resolveApiKey(config.apiKey, config.dataDir);
  if (storedAt) log(`API key (no --api-key or FIRECRAWL_ENGINE_API_KEY given) is stored in ${storedAt}`);
  const probe = probeSandbox({ dataDir: config.dataDir, allowPaths: config.allowPaths, limits: config.runLimits });
  const sandbox = probe.sandbox;
  // With a remote browser service, no local Chromium is needed (nor started).
  const remote = config.browserEndpoint;
  let launcher: BrowserLauncher;
  if (remote) {
    launcher = remoteLauncher(remote);
    log(`browsers run on the remote browser service at ${remote.shown} (${remote.protocol} protocol)`);
  } else {
    const executable = findChromium(config.chromium);
    log(`browsers run on ${executable}`);
    const proxyArgs = config.proxyServer ? [`--proxy-server=${config.proxyServer}`, ...(config.proxyBypass ? [`--proxy-bypass-list=${config.proxyBypass}`] : [])] : [];
    if (config.proxyServer) log(`pages load through the proxy ${config.proxyServer}${config.proxyBypass ? ` (direct: ${config.proxyBypass})` : ''}`);
    launcher = (opts) => launchChromium(executable, { ...opts, extraArgs: proxyArgs, log, sandbox, uploadRoots: config.allowPaths, maxMessageBytes: config.maxDevtoolsMessageMb * 1024 * 1024 });
  }
  if (!probe.sandbox) {
    const fix = process.platform === 'linux' ? '; install bubblewrap (apt-get install bubblewrap) where user namespaces are allowed to isolate them' : '; run the engine on Linux (a VM or container) to isolate them';
    log(noSandboxLine(`${probe.reason}. Node, python and bash runs${remote ? '' : ' and the browsers'} execute as this engine's user and can read its files and other sessions' data${fix}.`));
  }

  const bash = findBash(config.bash, { platform: process.platform, env: process.env, exists: existsSync });
  if ('problem' in bash) log(bash.problem);

  const jobs = new JobStore(config.dataDir);
  const profiles = new ProfileStore(config.dataDir, { maxProfiles: config.maxProfiles, maxProfileMb: config.maxProfileMb });
  const pool = new BrowserPool(launcher, { allowFileUrls: config.allowFileUrls }, (err) => log(`the spare browser could not be started: ${err.message}`), config.spares);
  const workers = new WorkerPool(sandbox, config.nodeHeapMb, config.spares);
  const runners = new RunnerFactory({ workers, dataDir: config.dataDir, python: config.python ?? defaultPython(), bash, sandbox, llm });
  const sessions = new SessionManager({
    pool,
    jobs,
    profiles,
    runners,
    limits: { maxSessions: config.maxSessions, ttlMs: config.sessionTtl * 1000, activityTtlMs: config.activityTtl * 1000 },
    traces: config.trace ? new TraceStore(config.dataDir, { keep: config.traceKeep, maxBytes: config.traceMaxMb * 1024 * 1024 }) : undefined,
  });
  const live = new LiveView((id) => {
    const s = sessions.get(id);
    return s && s.status === 'active' ? { id: s.id, liveToken: s.liveToken, context: s.browser.context } : undefined;
  }, { log });
  const cdp = new CdpProxy((id) => sessions.get(id));
  sessions.onDestroyed = (s) => {
    live.closeSession(s.id);
    cdp.closeSession(s.id);
  };
  const scraper = new Scraper(launcher, jobs, config.allowFileUrls);
  const interact = new InteractHandler(sessions, runners);
  const server = createEngineServer({ apiKey: key, routes: engineRoutes({ scraper, sessionScraper: new SessionScraper(sessions, jobs), interact, browsers: new BrowserApi(sessions, profiles), sessions }), cdp, live, log, origin: () => origin,
    maxConnections: config.maxConnections, maxClientConnections: config.maxClientConnections,
    headersTimeoutMs: config.headersTimeout * 1000, requestTimeoutMs: config.requestTimeout * 1000 });
  let origin = ''; // Set once the server listens (--port 0 picks the port then).

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing sessions and browsers`);
    const force = setTimeout(() => process.exit(1), 10_000);
    // Listed first: a browser's helpers and a sandbox's processes lose their parent as it ends.
    const started = descendants(process.pid);
    server.close();
    server.closeAllConnections();
    workers.closeAll();
    await Promise.all([sessions.closeAll(), pool.closeAll(), scraper.close()]).catch(() => undefined);
    // A supervisor that waits for this process must find nothing of it left running.
    const killed = await waitForExit(started, 5_000);
    if (killed > 0) log(`${killed} process(es) did not end within 5 s and were killed`);
    clearTimeout(force);
    process.exit(0);
  };
  // One failed background task (a profile cleanup, a dropped connection) must not end every session.
  process.on('unhandledRejection', (err) => log(`unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Forked by the extension (IPC channel): a crashed or killed extension host sends no SIGTERM,
  // but its end closes the channel, and the engine must not outlive it.
  if (process.send) process.on('disconnect', () => void shutdown('parent gone'));
  // Browsers also hold a DevTools pipe to this process and exit when it dies (see browser/chromium.ts).

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = publicOrigin(config.publicUrl, config.host, port);
  pool.warm();
  workers.warm();
  void sweepDeadEngines();
  console.log(`listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`);
}

main().catch((err: unknown) => {
  console.error(`engine failed to start: ${(err as Error).message}`);
  process.exit(1);
});
