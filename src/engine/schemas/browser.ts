/** The body of POST /v2/browser (a standalone browser session), with the cloud's options. */
import { z } from 'zod';
import { lifetimes } from './interact';

export const browserBody = z.strictObject({
  ...lifetimes,
  streamWebView: z.boolean().default(true),
  recordSession: z
    .boolean()
    .optional()
    .refine((v) => v !== true, 'recordSession is not supported by the local engine: it records no session replays. Leave it out (or false).'),
  // Accepted for compatibility; no local effect.
  integration: z.string().optional(),
  origin: z.string().optional(),
});

export type BrowserBody = z.output<typeof browserBody>;
