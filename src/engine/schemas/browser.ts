/** The body of POST /v2/browser (a standalone browser session), with the cloud's options. */
import { z } from 'zod';
import { lifetimes } from './interact';

/** Profile names become folder names: a safe alphabet only. */
export const PROFILE_NAME_RULE = "Profile names are 1–64 characters: letters A–Z and a–z, digits, '-' and '_'.";
export const PROFILE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export const profileSchema = z.strictObject({
  name: z.string().regex(PROFILE_NAME, PROFILE_NAME_RULE),
  saveChanges: z.boolean().default(true),
});

export const browserBody = z.strictObject({
  ...lifetimes,
  streamWebView: z.boolean().default(true),
  recordSession: z
    .boolean()
    .optional()
    .refine((v) => v !== true, 'recordSession is not supported by the local engine: it records no session replays. Leave it out (or false).'),
  profile: profileSchema.optional(),
  // Accepted for compatibility; no local effect.
  integration: z.string().optional(),
  origin: z.string().optional(),
});

export type BrowserBody = z.output<typeof browserBody>;
