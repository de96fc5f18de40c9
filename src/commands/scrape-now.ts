/**
 * Firecrawl: Scrape the page as it is now: the markdown (or HTML, links, screenshot) of a
 * session's page after what its runs did, opened read-only beside the editor with Save as….
 * The local engine answers a scrape with the session's id; elsewhere (the cloud) a node run
 * reads the page and the extension converts it (src/run/page-now.ts).
 */
import { ApiError } from '../api/errors';
import { saveScreenshot } from '../host/screenshot-files';
import { pageFromRun, pageReadingCode, PAGE_FORMATS, type PageFormat, type PageNow } from '../run/page-now';
import { decodeScreenshot } from '../run/screenshot';
import type { Server } from '../sessions/server';
import type { CodeServices } from '../wiring/code-services';
import { openImage } from './screenshot';
import { serverFor, unreachable } from '../host/servers';
import { l10n } from '../shared/l10n';

const EXT: Record<Exclude<PageFormat, 'screenshot'>, string> = { markdown: 'md', html: 'html', links: 'txt' };

/**
 * `jobId` and `apiUrl`: a session's or a run's; without them, the current job. `show`: where the
 * page goes instead of beside the editor (a notebook's cell output); false when it could not.
 */
export async function scrapePageNow(
  svc: CodeServices,
  args?: { jobId?: string; apiUrl?: string; formats?: PageFormat[]; show?: (page: PageNow, formats: PageFormat[]) => Promise<boolean> },
): Promise<PageNow | undefined> {
  const server = args?.apiUrl ? await serverFor(svc, args.apiUrl) : await svc.backend.server();
  if (!server) {
    unreachable(svc, args?.apiUrl ?? '', l10n.t('Job {0}', args?.jobId?.slice(0, 8) ?? ''));
    return undefined;
  }
  const jobId = args?.jobId ?? svc.jobs.target(server.apiUrl)?.jobId;
  if (!jobId) {
    svc.notifier.error(l10n.t('No job is chosen on {0}: choose a job (Firecrawl: Choose job) and run something in it, then scrape its page.', server.label));
    return undefined;
  }
  const formats = args?.formats ?? (await pickFormats(svc));
  if (!formats) return undefined;
  let page: PageNow | undefined;
  try {
    page = await readPage(svc, server, jobId, formats);
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'cancelled') return undefined;
    svc.notifier.error(l10n.t('Scraping the page of job {0} failed: {1}', jobId.slice(0, 8), (err as Error).message));
    return undefined;
  }
  if (!page) return undefined;
  if (!(await args?.show?.(page, formats))) await showPage(svc, jobId, page, formats);
  return page;
}

async function pickFormats(svc: CodeServices): Promise<PageFormat[] | undefined> {
  const picked = await svc.vscode.window.showQuickPick(
    PAGE_FORMATS.map((f) => ({ label: f, picked: f === 'markdown' })),
    { canPickMany: true, title: l10n.t('Scrape the page as it is now'), placeHolder: l10n.t('Formats to open beside the editor') },
  );
  return picked && picked.length > 0 ? picked.map((p) => p.label) : undefined;
}

async function readPage(svc: CodeServices, server: Server, jobId: string, formats: PageFormat[]): Promise<PageNow | undefined> {
  const sessionId = svc.sessions.get(jobId, server.apiUrl)?.sessionId;
  if (server.kind === 'local' && sessionId) {
    const { value: res } = await svc.requests.send({
      label: l10n.t('Scraping the page…'),
      title: l10n.t('Firecrawl: scraping the page of job {0} as it is now…', jobId.slice(0, 8)),
      location: 'notification',
      server,
      send: (client, target, signal) => client.scrapeSession(target, sessionId, formats, signal),
    });
    if (!res.success || !res.data) throw new Error(l10n.t('{0}. Run something in the job first (its session may have ended), then try again.', res.error ?? l10n.t('the server gave no reason')));
    const d = res.data;
    return { url: String(d.metadata.url ?? d.metadata.sourceURL ?? ''), ...(d.metadata.title ? { title: String(d.metadata.title) } : {}), markdown: d.markdown, html: d.html, links: d.links, screenshot: d.screenshot };
  }
  const record = await svc.executor.run({ kind: 'code', language: 'node', code: pageReadingCode(formats) }, { jobId, server, quiet: true });
  if (!record || record.status === 'cancelled') return undefined;
  const page = record.status === 'ok' ? pageFromRun(record.response?.result, formats) : undefined;
  if (!page) {
    const why = record.errorMessage ?? record.response?.error ?? record.response?.stderr?.trim().split('\n')[0] ?? l10n.t('the page could not be read');
    throw new Error(l10n.t('{0}. Check the session in the "Firecrawl Interact" output, then try again.', why));
  }
  return page;
}

async function showPage(svc: CodeServices, jobId: string, page: PageNow, formats: PageFormat[]): Promise<void> {
  const stamp = new Date().toISOString().slice(11, 19).replace(/:/g, '');
  const base = `page-${jobId.slice(0, 8)}-${stamp}`;
  const texts: { ext: string; text: string }[] = [];
  for (const f of formats) {
    if (f === 'screenshot') {
      const shot = await decodeScreenshot(page.screenshot);
      if (shot) await openImage(svc, await saveScreenshot(svc.screenshotDir, jobId, shot));
      continue;
    }
    const text = f === 'links' ? (page.links ?? []).join('\n') : (page[f] ?? '');
    texts.push({ ext: EXT[f], text });
    await svc.results.openBeside(`${base}-${f}`, EXT[f], text);
  }
  const first = texts[0];
  const where = page.title ? `"${page.title}" (${page.url})` : page.url;
  svc.notifier.info(
    l10n.t('The page of job {0} as it is now: {1}.', jobId.slice(0, 8), where),
    ...(first ? [{ label: l10n.t('Save as…'), run: () => saveAs(svc, `${base}.${first.ext}`, first.text) }] : []),
  );
}

async function saveAs(svc: CodeServices, name: string, text: string): Promise<void> {
  const { Uri, workspace, window } = svc.vscode;
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const target = await window.showSaveDialog({ defaultUri: folder ? Uri.joinPath(folder, name) : undefined, saveLabel: l10n.t('Save') });
  if (!target) return;
  await workspace.fs.writeFile(target, new TextEncoder().encode(text));
}
