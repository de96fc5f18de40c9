/** Remove a job from the list of known jobs (the view's job items). Its session, if any, is not touched. */
import type { Services } from '../wiring/services';
import { l10n } from '../shared/l10n';

export async function removeJob(svc: Services, args?: { jobId?: string; apiUrl?: string }): Promise<void> {
  if (!args?.jobId) {
    svc.notifier.info(l10n.t('Remove a job from the Firecrawl view: right-click it under "Jobs".'));
    return;
  }
  const apiUrl = args.apiUrl ?? svc.backend.snapshot().apiUrl;
  await svc.jobs.remove(apiUrl, args.jobId);
  svc.log.for('jobs').info(`removed job ${args.jobId} (${apiUrl}) from the list`);
}
