/** The cloud's exact error strings the engine answers with (read from Firecrawl's controllers). */
export const MESSAGES = {
  jobNotFound: 'Job not found.',
  destroyed: 'Browser session has been destroyed.',
  replay: 'Replay context is unavailable for this scrape job. Please rerun the scrape.',
  noSession: 'Browser session not found.',
} as const;
