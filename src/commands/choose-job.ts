/**
 * Choose job: which scrape job's browser the runs go to. A quick pick of known jobs (most
 * recent first, with URL and age), a job ID typed in (validated as a UUID as you type; one on
 * the clipboard is offered), or a URL scraped now. The current job is kept per workspace.
 */
import type * as vscode from 'vscode';
import { parseApiUrl } from '../api/url';
import type { CommandArgs } from '../extension-api';
import { formatAge, type KnownJob } from '../sessions/job-history';
import { checkJobId, isUuid } from '../shared/validation';
import { reportError } from './report-error';
import type { Services } from './services';

interface JobItem extends vscode.QuickPickItem {
  pick: { kind: 'job'; jobId: string } | { kind: 'enter' } | { kind: 'scrape' };
}

/** The command. Returns the job made current, or undefined when cancelled. */
export async function chooseJob(svc: Services, args?: CommandArgs['chooseJob']): Promise<string | undefined> {
  if (args?.jobId !== undefined) {
    const problem = checkJobId(args.jobId);
    if (problem) {
      svc.notifier.error(problem);
      return undefined;
    }
    return useJob(svc, { jobId: args.jobId.trim(), title: args.title, createdAt: Date.now(), apiUrl: await svc.backend.apiUrl() });
  }
  if (args?.url !== undefined) return scrapeAndUse(svc, args.url);
  return pickJob(svc);
}

/** The current job, asking for one when there is none. */
export async function ensureJob(svc: Services): Promise<string | undefined> {
  return svc.jobs.current() ?? pickJob(svc, 'No job is chosen yet for this workspace: choose the scrape job to run in');
}

async function pickJob(svc: Services, placeHolder = 'Choose the scrape job whose browser session runs your code'): Promise<string | undefined> {
  const clip = await clipboardUuid(svc);
  const known = svc.jobs.list();
  const current = svc.jobs.current();
  const now = Date.now();
  const items: JobItem[] = [];
  if (clip && !known.some((j) => j.jobId === clip)) {
    items.push({ label: '$(clippy) Job ID from the clipboard', description: clip, pick: { kind: 'job', jobId: clip } });
  }
  for (const job of known) {
    items.push({
      label: job.title?.trim() || job.url || job.jobId,
      description: `${formatAge(now - job.createdAt)}${job.jobId === current ? ' · current' : ''}`,
      detail: `${job.url ?? 'URL unknown'} · ${job.jobId}`,
      pick: { kind: 'job', jobId: job.jobId },
    });
  }
  items.push(
    { label: '', kind: svc.vscode.QuickPickItemKind.Separator, pick: { kind: 'enter' } },
    { label: '$(edit) Enter a job ID…', detail: 'The UUID of a scrape you ran elsewhere (data.metadata.scrapeId)', pick: { kind: 'enter' } },
    { label: '$(globe) Scrape a URL…', detail: 'Runs POST /v2/scrape now and makes the new job current', pick: { kind: 'scrape' } },
  );
  const picked = await svc.vscode.window.showQuickPick(items, { title: 'Firecrawl: Choose job', placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  switch (picked.pick.kind) {
    case 'job': {
      const known = svc.jobs.get(picked.pick.jobId);
      return useJob(svc, known ?? { jobId: picked.pick.jobId, createdAt: Date.now(), apiUrl: await svc.backend.apiUrl() });
    }
    case 'enter':
      return enterJobId(svc, clip);
    case 'scrape':
      return scrapeAndUse(svc);
  }
}

async function enterJobId(svc: Services, clip: string | undefined): Promise<string | undefined> {
  const value = await svc.vscode.window.showInputBox({
    title: 'Firecrawl: Enter a job ID',
    prompt: 'The job ID of a scrape (a UUID, found at data.metadata.scrapeId of the scrape response)',
    placeHolder: '550e8400-e29b-41d4-a716-446655440000',
    value: clip ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => checkJobId(v),
  });
  if (value === undefined) return undefined;
  return useJob(svc, { jobId: value.trim(), createdAt: Date.now(), apiUrl: await svc.backend.apiUrl() });
}

async function useJob(svc: Services, job: KnownJob): Promise<string> {
  await svc.jobs.add(job);
  await svc.jobs.setCurrent(job.jobId);
  svc.log.for('jobs').info(`current job: ${job.jobId}`);
  return job.jobId;
}

/** Asks for a URL (unless given), scrapes it, and makes the new job current. */
export async function scrapeAndUse(svc: Services, url?: string, replacing?: string): Promise<string | undefined> {
  const target =
    url ??
    (await svc.vscode.window.showInputBox({
      title: 'Firecrawl: Scrape a URL',
      prompt: replacing ? `Job ${replacing}'s URL is not known here: enter the URL to scrape again` : 'The page to scrape; its job becomes the current job',
      placeHolder: 'https://example.com',
      ignoreFocusOut: true,
      validateInput: (v) => checkUrl(v),
    }));
  if (target === undefined) return undefined;
  const problem = checkUrl(target);
  if (problem) {
    svc.notifier.error(problem);
    return undefined;
  }
  const log = svc.log.for('scrape');
  const apiUrl = await svc.backend.apiUrl();
  const controller = svc.requests.start();
  const end = svc.activity.begin('Scraping…');
  try {
    const res = await svc.vscode.window.withProgress(
      { location: svc.vscode.ProgressLocation.Notification, title: `Firecrawl: scraping ${target.trim()}…`, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return svc.client.scrape({ url: target.trim() }, controller.signal);
      },
    );
    const meta = res.data?.metadata;
    if (!res.success || !meta) {
      const why = res.error ?? 'the server gave no reason';
      log.warn(`scrape failed: ${why}`);
      svc.output.appendLine(`✗ Scraping ${target.trim()} failed: ${why}`);
      svc.notifier.error(`Scraping ${target.trim()} failed: ${why}. Check the URL and try again.`);
      return undefined;
    }
    const jobId = meta.scrapeId;
    const title = typeof meta.title === 'string' ? meta.title : undefined;
    await useJob(svc, { jobId, url: meta.sourceURL || target.trim(), title, createdAt: Date.now(), apiUrl });
    if (replacing) svc.sessions.end(replacing);
    svc.output.appendLine(`● Scraped ${meta.sourceURL || target.trim()}${title ? ` ("${title}")` : ''} → job ${jobId}${replacing ? ` (replaces job ${replacing})` : ''}`);
    svc.output.show();
    svc.notifier.info(`Job ${jobId} is now the current job${title ? ` ("${title}")` : ''}.${replacing ? ' Run your code again.' : ''}`);
    return jobId;
  } catch (err) {
    reportError(svc, err, { what: 'scrape', retry: () => scrapeAndUse(svc, target, replacing) });
    return undefined;
  } finally {
    end();
    svc.requests.finish(controller);
  }
}

/** "Scrape the URL again": a job whose session cannot be (re)created gets a fresh scrape. */
export function rescrape(svc: Services, jobId: string): Promise<string | undefined> {
  return scrapeAndUse(svc, svc.jobs.get(jobId)?.url, jobId);
}

function checkUrl(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter a URL, e.g. https://example.com.';
  if (parseApiUrl(v)) return undefined;
  return `"${v.slice(0, 80)}" is not an http(s) URL: enter a full address such as https://example.com.`;
}

/**
 * A job id on the clipboard, offered as the first pick. In a browser-hosted VS Code
 * (code-server, vscode.dev) reading the clipboard asks the browser for permission and can stall
 * behind a notification, so it is skipped there; elsewhere a slow read is abandoned quickly
 * rather than holding up the picker.
 */
async function clipboardUuid(svc: Services): Promise<string | undefined> {
  if (svc.vscode.env.uiKind === svc.vscode.UIKind.Web) return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const text = await Promise.race([
      svc.vscode.env.clipboard.readText(),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS))),
    ]);
    return isUuid(text.trim()) ? text.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

const CLIPBOARD_WAIT_MS = 500;
