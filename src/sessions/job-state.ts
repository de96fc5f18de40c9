/** What a known job's state becomes when its session ends, by what its server said. */
import type { JobState } from './job-history';
import type { EndReason } from './session-store';

const STATE_AFTER: Record<EndReason, JobState | undefined> = { stopped: 'stopped', expired: 'expired', gone: 'gone', 'not-found': undefined, 'server-stopped': 'stopped' };

/** Undefined: the job keeps its state (a 404 from another server says nothing of it). */
export function jobStateAfter(reason: EndReason): JobState | undefined {
  return STATE_AFTER[reason];
}
