// Walks through the workbench (the e2e and vsix layers): each step is one counted test, run in
// order in the same window; a failed step blocks the ones after it (they build on it). One
// screenshot per step. A Tally keeps the counts and each failure for test-results/<layer>.json.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { failure, type Failure, type SuiteCounts } from './suite-result';

export interface WalkStep<C> {
  name: string;
  run(ctx: C): Promise<void>;
}

/** Counts a layer's steps as they end, printing each as `✔ label (N s)` or `✗ label` and its error. */
export class Tally {
  private passed = 0;
  private readonly failures: Failure[] = [];

  /** Runs `work` as the step `label` within `timeoutMs`; true when it passed. */
  async step(label: string, work: () => Promise<void>, timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    try {
      await withTimeout(work(), timeoutMs, label);
      this.passed++;
      console.log(`  ✔ ${label} (${Math.round((Date.now() - started) / 1000)} s)`);
      return true;
    } catch (err) {
      this.failures.push(failure(label, err));
      console.log(`  ✗ ${label}\n    ${(err instanceof Error ? err.message : String(err)).split('\n').join('\n    ')}`);
      return false;
    }
  }

  /** Counts `label` as failed without running it, because the step `cause` failed before it. */
  blocked(label: string, cause: string): void {
    this.failures.push(failure(label, `not run: step "${cause}" failed`));
    console.log(`  ✗ ${label} (not run: step "${cause}" failed)`);
  }

  get counts(): SuiteCounts {
    return { passed: this.passed, failed: this.failures.length, failures: [...this.failures] };
  }
}

export interface WalkOptions {
  page: Page;
  shots: string;
  timeoutMs: number;
  /** Runs only the steps whose names match (a local run of a few steps; they may need earlier ones). */
  only?: RegExp;
}

/** Runs `steps` in order into `tally`, numbering them from 01; a screenshot after each one run. */
export async function walk<C>(steps: readonly WalkStep<C>[], ctx: C, tally: Tally, opts: WalkOptions): Promise<void> {
  let blocked: string | undefined;
  for (const [i, step] of steps.entries()) {
    const label = `${String(i + 1).padStart(2, '0')} ${step.name}`;
    if (opts.only && !opts.only.test(step.name)) continue;
    if (blocked) {
      tally.blocked(label, blocked);
      continue;
    }
    if (!(await tally.step(label, () => step.run(ctx), opts.timeoutMs))) blocked = step.name;
    await opts.page.screenshot({ path: join(opts.shots, `${slug(label)}.png`) }).catch(() => undefined);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`"${what}" timed out after ${ms / 1000} s`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}
