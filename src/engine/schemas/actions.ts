/** The scrape's `actions` array: one strict schema per action type, as in the SDK's types. */
import { z } from 'zod';
import { oneOf, shortValue } from './validate';

const viewport = z.strictObject({
  width: z.number().int().min(1).max(7680),
  height: z.number().int().min(1).max(4320),
});

/** Screenshot options shared by the screenshot action and the screenshot format. */
export const screenshotOptions = {
  fullPage: z.boolean().optional(),
  /** JPEG quality 1–100; without it the screenshot is a PNG. */
  quality: z.number().int().min(1).max(100).optional(),
  viewport: viewport.optional(),
};

const ACTIONS = [
  z
    .strictObject({ type: z.literal('wait'), milliseconds: z.number().min(0, 'wait milliseconds must be 0–60000.').max(60_000, 'wait milliseconds must be 0–60000.').optional(), selector: z.string().optional() })
    .refine((a) => a.milliseconds !== undefined || a.selector !== undefined, "A wait action needs 'milliseconds' or 'selector'."),
  z.strictObject({ type: z.literal('click'), selector: z.string(), all: z.boolean().optional() }),
  z.strictObject({ type: z.literal('write'), text: z.string() }),
  z.strictObject({ type: z.literal('press'), key: z.string() }),
  z.strictObject({ type: z.literal('scroll'), direction: z.enum(['up', 'down'], "direction must be 'up' or 'down'.").optional(), selector: z.string().optional() }),
  z.strictObject({ type: z.literal('screenshot'), ...screenshotOptions }),
  z.strictObject({ type: z.literal('scrape') }),
  z.strictObject({ type: z.literal('executeJavascript'), script: z.string() }),
  z.strictObject({ type: z.literal('pdf'), format: z.string().optional(), landscape: z.boolean().optional(), scale: z.number().optional() }),
] as const;

const SUPPORTED = ['wait', 'click', 'write', 'press', 'scroll', 'screenshot', 'scrape', 'executeJavascript'];

export const actionsSchema = z
  .array(
    z.discriminatedUnion('type', ACTIONS, {
      error: (iss) =>
        iss.code === 'invalid_union' && iss.note === 'No matching discriminator'
          ? `Unsupported action type ${shortValue((iss.input as { type?: unknown } | undefined)?.type)}: use ${oneOf(SUPPORTED)}.`
          : undefined,
    }),
  )
  .superRefine((actions, ctx) => {
    actions.forEach((a, i) => {
      if (a.type === 'pdf') {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'type'],
          message: 'The pdf action is not supported by the local engine: scrapes answer HTML, markdown, links and screenshots. Use a screenshot action, or run `await page.pdf()` in an interact (node) run.',
        });
      }
    });
  });

export type PageAction = Exclude<z.output<typeof actionsSchema>[number], { type: 'pdf' }>;
