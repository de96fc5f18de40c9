/** Start / Stop local engine (the process work is in LocalEngineController). */
import type { Services } from './services';

export async function startLocalEngine(svc: Services): Promise<void> {
  const wasRunning = svc.engine.snapshot().running;
  const engine = await svc.engine.start();
  if (!engine) return;
  svc.notifier.info(
    wasRunning
      ? `The local engine is already running at ${engine.url}.`
      : `Local engine running at ${engine.url}. Requests from this window go there (no API key or credits needed) until you stop it. Scrape a URL to get a job.`,
  );
}

export async function stopLocalEngine(svc: Services): Promise<void> {
  const stopped = await svc.engine.stop();
  if (!stopped) svc.notifier.info('The local engine is not running.');
}
