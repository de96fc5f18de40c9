/**
 * Bounded run output: each stream (stdout, stderr) and the result keep at most OUTPUT_CAP
 * characters while the run streams, so a run printing gigabytes costs the engine one cap per
 * stream, never the whole output. Whatever was cut ends with a line saying where and how much.
 */

/** Characters kept per stream and for the result (about 1 MB of ASCII each). */
export const OUTPUT_CAP = 1_000_000;

/** One stream's text, cut at `cap` characters; counts what it dropped. */
export class CappedText {
  private text = '';
  private dropped = 0;

  constructor(
    private readonly name: string,
    private readonly cap = OUTPUT_CAP,
  ) {}

  append(s: string): void {
    if (s.length === 0) return;
    const room = this.cap - this.text.length;
    if (room >= s.length) {
      this.text += s;
      return;
    }
    if (room > 0) this.text += s.slice(0, room);
    this.dropped += s.length - Math.max(room, 0);
  }

  /** Counts `n` characters cut before they reached this process (the REPL worker caps too). */
  skip(n: number): void {
    this.dropped += n;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** The kept text, with a closing note when something was cut. */
  toString(): string {
    if (!this.truncated) return this.text;
    return `${this.text}\n[${this.name} cut by the engine after ${this.cap.toLocaleString('en-US')} characters; ${this.dropped.toLocaleString('en-US')} more were not kept]\n`;
  }
}

/** A result value cut like a stream (undefined stays undefined); `skipped`: characters already cut. */
export function capResult(result: string | undefined, skipped = 0): { result?: string; truncated: boolean } {
  if (result === undefined) return { truncated: false };
  const text = new CappedText('result');
  text.append(result);
  text.skip(skipped);
  return { result: text.toString(), truncated: text.truncated };
}
