// A walk through the workbench (the vsix layer's journey; the e2e runner has the same loop
// inline): each step is one counted test, run in order in the same window; a failed step blocks
// the ones after it (they build on it). One screenshot per step.
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export interface WalkStep<C> {
  name: string;
  run(ctx: C): Promise<void>;
}

export async function walk<C>(steps: readonly WalkStep<C>[], ctx: C, opts: { page: Page; shots: string; timeoutMs: number }): Promise<{ passed: number; failed: number }> {
  let passed = 0;
  let failed = 0;
  let blocked: string | undefined;
  for (const [i, step] of steps.entries()) {
    const label = `${String(i + 1).padStart(2, '0')} ${step.name}`;
    if (blocked) {
      failed++;
      console.log(`  ✗ ${label} (not run: step "${blocked}" failed)`);
      continue;
    }
    const started = Date.now();
    try {
      await withTimeout(step.run(ctx), opts.timeoutMs, step.name);
      passed++;
      console.log(`  ✔ ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
    } catch (err) {
      failed++;
      blocked = step.name;
      console.log(`  ✗ ${label}\n    ${(err instanceof Error ? err.message : String(err)).split('\n').join('\n    ')}`);
    }
    await opts.page.screenshot({ path: join(opts.shots, `${slug(label)}.png`) }).catch(() => undefined);
  }
  return { passed, failed };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`"${what}" timed out after ${ms / 1000} s`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}
