/**
 * Choose job: which scrape job's browser the runs go to, on the current backend. A quick pick
 * of that server's known jobs (with URL, age and state), a job ID typed in (validated as a
 * UUID as you type; one on the clipboard is offered), or a URL scraped now. A typed ID stays
 * pending (not listed, not current) until its server confirms it on the first run. The
 * chosen job is shown in the status bar and the Firecrawl view.
 */
import type * as vscode from 'vscode';
import { isLoopbackHost, parseApiUrl } from '../api/url';
import type { CommandArgs } from '../extension-api';
import { CMD } from '../ids';
import { formatAge, jobLabel } from '../ui/labels';
import { type KnownJob } from '../sessions/job-history';
import type { Server } from '../sessions/server';
import { l10n } from '../shared/l10n';
import { checkJobId, isUuid } from '../shared/validation';
import { plainText } from '../ui/notifier';
import { reportError } from '../ui/report-error';
import { serverFor, unreachable } from '../host/servers';
import { stopSessions } from './stop-session';
import type { Services } from '../wiring/services';

interface JobItem extends vscode.QuickPickItem {
  pick: { kind: 'job'; jobId: string } | { kind: 'enter' } | { kind: 'scrape' };
}

/** A function, not a table: the texts must be read after the translator is in place. */
function stateText(state: NonNullable<KnownJob['state']>): string {
  const text: Record<NonNullable<KnownJob['state']>, string> = {
    ready: l10n.t('no session yet'),
    active: l10n.t('session active'),
    stopped: l10n.t('session stopped'),
    expired: l10n.t('session expired'),
    gone: l10n.t('session destroyed (410): scrape again'),
  };
  return text[state];
}

/** The command. Returns the job chosen, or undefined when cancelled. */
export async function chooseJob(svc: Services, args?: CommandArgs['chooseJob']): Promise<string | undefined> {
  const server = await svc.backend.server();
  if (args?.jobId !== undefined) {
    const problem = checkJobId(args.jobId);
    if (problem) {
      svc.notifier.error(problem);
      return undefined;
    }
    return useJobId(svc, server, args.jobId.trim().toLowerCase(), args.title);
  }
  if (args?.url !== undefined) return scrapeAndUse(svc, { url: args.url });
  return pickJob(svc, server);
}

/** Asks for a job on `server` (the executor's question when a run has none). */
export async function pickJob(svc: Services, server: Server, placeHolder = l10n.t('Choose the scrape job on {0} whose browser session runs your code', server.label)): Promise<string | undefined> {
  const clip = await clipboardUuid(svc);
  const known = svc.jobs.list(server.apiUrl);
  const current = svc.jobs.current(server.apiUrl)?.jobId;
  const now = Date.now();
  const items: JobItem[] = [];
  if (clip && !known.some((j) => j.jobId === clip)) {
    items.push({ label: `$(clippy) ${l10n.t('Job ID from the clipboard')}`, description: clip, pick: { kind: 'job', jobId: clip } });
  }
  for (const job of known) {
    items.push({
      label: jobLabel(job),
      description: `${formatAge(now - (job.lastUsedAt ?? job.createdAt))} · ${stateText(job.state ?? 'ready')}${job.jobId === current ? ` · ${l10n.t('current')}` : ''}`,
      detail: `${job.url ?? l10n.t('URL unknown')} · ${job.jobId}`,
      pick: { kind: 'job', jobId: job.jobId },
    });
  }
  items.push(
    { label: '', kind: svc.vscode.QuickPickItemKind.Separator, pick: { kind: 'enter' } },
    { label: `$(edit) ${l10n.t('Enter a job ID…')}`, detail: l10n.t('The UUID of a scrape you ran elsewhere (data.metadata.scrapeId)'), pick: { kind: 'enter' } },
    { label: `$(globe) ${l10n.t('Scrape a URL…')}`, detail: l10n.t('Runs POST /v2/scrape on {0} now and makes the new job current', server.label), pick: { kind: 'scrape' } },
  );
  const picked = await svc.vscode.window.showQuickPick(items, { title: l10n.t('Firecrawl: Choose job ({0})', server.label), placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  switch (picked.pick.kind) {
    case 'job':
      return useJobId(svc, server, picked.pick.jobId);
    case 'enter':
      return enterJobId(svc, server, clip);
    case 'scrape':
      return scrapeAndUse(svc, {});
  }
}

async function enterJobId(svc: Services, server: Server, clip: string | undefined): Promise<string | undefined> {
  const value = await svc.vscode.window.showInputBox({
    title: l10n.t('Firecrawl: Enter a job ID'),
    prompt: l10n.t('The job ID of a scrape on {0} (a UUID, found at data.metadata.scrapeId of the scrape response)', server.label),
    placeHolder: '550e8400-e29b-41d4-a716-446655440000',
    value: clip ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => checkJobId(v),
  });
  if (value === undefined) return undefined;
  return useJobId(svc, server, value.trim().toLowerCase());
}

/** A listed job becomes current; an unknown one is pending until its server confirms it. */
async function useJobId(svc: Services, server: Server, jobId: string, title?: string): Promise<string> {
  const listed = await svc.jobs.use(server.apiUrl, jobId);
  if (listed) {
    svc.log.for('jobs').info(`current job on ${server.label}: ${jobId}`);
    svc.vscode.window.setStatusBarMessage(l10n.t('Firecrawl: job {0} is current', plainText(jobLabel(listed))), 4000);
    return jobId;
  }
  svc.jobs.setPending({ jobId, apiUrl: server.apiUrl, serverLabel: server.label, title, createdAt: Date.now() });
  svc.log.for('jobs').info(`job ${jobId} on ${server.label}: pending until its first run`);
  svc.vscode.window.setStatusBarMessage(l10n.t('Firecrawl: job {0} chosen; it is confirmed by its first run', jobId.slice(0, 8)), 4000);
  return jobId;
}

/** An address without a scheme is taken as https (what browsers do), as http on this machine. */
export function normalizeUrl(value: string): string {
  const v = value.trim();
  if (!v || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return v;
  const host = v.split(/[/?#]/)[0].replace(/:\d+$/, '');
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${v}`;
}

/**
 * Asks for a URL (unless given), scrapes it on the current backend (or, replacing a job, on
 * that job's server), and makes the new job current. The live view follows a replaced job.
 */
export async function scrapeAndUse(svc: Services, args: CommandArgs['scrapeUrl']): Promise<string | undefined> {
  const old = args.replacing ? svc.jobs.get(args.replacing, args.apiUrl) : undefined;
  const server = args.apiUrl ? await serverFor(svc, args.apiUrl) : await svc.backend.server();
  if (!server) {
    unreachable(svc, args.apiUrl as string, l10n.t('Job {0}', args.replacing?.slice(0, 8) ?? ''));
    return undefined;
  }
  const given = args.url ?? old?.url;
  const target =
    given ??
    (await svc.vscode.window.showInputBox({
      title: l10n.t('Firecrawl: Scrape a URL'),
      prompt: args.replacing
        ? l10n.t("Job {0}'s URL is not known here: enter the URL to scrape again", args.replacing)
        : args.draft
          ? l10n.t('{0} could not load this page: correct the URL, then press Enter to scrape it', server.label)
          : l10n.t('The page to scrape on {0}; its job becomes the current job', server.label),
      placeHolder: l10n.t('example.com or https://example.com/page'),
      value: args.draft,
      ignoreFocusOut: true,
      validateInput: (v) => checkUrl(v),
    }));
  if (target === undefined) return undefined;
  const problem = checkUrl(target);
  if (problem) {
    svc.notifier.error(problem);
    return undefined;
  }
  const url = normalizeUrl(target);
  try {
    const { value: res } = await svc.requests.send({
      label: l10n.t('Scraping…'),
      title: l10n.t('Firecrawl: scraping {0} on {1}…', url, server.label),
      location: 'notification',
      server,
      send: (client, t, signal) => client.scrape(t, { url }, signal),
    });
    const meta = res.data?.metadata;
    if (!res.success || !meta) {
      const why = res.error ?? l10n.t('the server gave no reason');
      svc.log.for('scrape').warn(`scrape failed: ${why}`);
      svc.output.appendLine(`✗ ${l10n.t('Scraping {0} failed: {1}', url, why)}`);
      svc.notifier.error(l10n.t('Scraping {0} failed: {1}. Check the URL and try again.', url, why));
      return undefined;
    }
    const title = typeof meta.title === 'string' ? meta.title : undefined;
    const job = await svc.jobs.confirm({ jobId: meta.scrapeId, apiUrl: server.apiUrl, serverLabel: server.label, url: meta.sourceURL || url, title, createdAt: Date.now(), state: 'ready' });
    if (args.replacing) {
      svc.liveView.replaceJob(args.replacing, job.jobId);
      svc.executor.replaceJob(args.replacing, job.jobId);
      // The replaced job's session (if it still runs) would keep billing for nothing.
      const left = svc.sessions.get(args.replacing, server.apiUrl);
      if (left) {
        svc.output.appendLine(`■ ${l10n.t('Stopping the session of the replaced job {0}.', args.replacing)}`);
        await stopSessions(svc, [left]);
      }
    }
    const scraped = title ? l10n.t('Scraped {0} ("{1}") on {2}', job.url ?? url, title, server.label) : l10n.t('Scraped {0} on {1}', job.url ?? url, server.label);
    svc.output.appendLine(`● ${scraped} → ${l10n.t('job {0}', job.jobId)}${args.replacing ? ` ${l10n.t('(replaces job {0})', args.replacing)}` : ''}`);
    const now = title ? l10n.t('Job {0} is now the current job ("{1}") on {2}.', job.jobId, title, server.label) : l10n.t('Job {0} is now the current job on {1}.', job.jobId, server.label);
    svc.notifier.info(`${now}${args.replacing ? ` ${l10n.t('Run your code again.')}` : ''}`);
    return job.jobId;
  } catch (err) {
    reportError(svc, err, { what: 'scrape', apiUrl: server.apiUrl, url, retry: { command: CMD.scrapeUrl, arg: { url, replacing: args.replacing, apiUrl: args.apiUrl } } });
    return undefined;
  }
}

function checkUrl(value: string): string | undefined {
  const v = value.trim();
  if (!v) return l10n.t('Enter a URL, e.g. example.com or https://example.com.');
  if (parseApiUrl(normalizeUrl(v))?.hostname) return undefined;
  return l10n.t('"{0}" is not a web address: enter a host such as example.com, or a full http(s) URL.', v.slice(0, 80));
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
    const text = await Promise.race([svc.vscode.env.clipboard.readText(), new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS)))]);
    return isUuid(text.trim()) ? text.trim().toLowerCase() : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

const CLIPBOARD_WAIT_MS = 500;
