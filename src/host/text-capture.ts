/**
 * Keeps what a channel was sent, so `ExtensionApi.outputText()/logText()` can return it
 * (VS Code offers no way to read an output channel back). Bounded: the oldest text goes first.
 *
 * Recent appends are joined into one string every JOIN_COUNT appends or JOIN_CHARS characters:
 * a log line kept as it was made (a template of a few parts) is a tree of string pieces of
 * three to four times its length, and the capture keeps a great many short lines.
 */
const MAX_CHARS = 2_000_000;
const JOIN_COUNT = 64;
const JOIN_CHARS = 16_384;

export class TextCapture {
  /** Older text, oldest first, each chunk the join of several appends. */
  private chunks: string[] = [];
  private recent: string[] = [];
  private recentChars = 0;
  private size = 0;

  append(text: string): void {
    this.recent.push(text);
    this.recentChars += text.length;
    this.size += text.length;
    if (this.recent.length >= JOIN_COUNT || this.recentChars >= JOIN_CHARS) {
      this.chunks.push(this.recent.join(''));
      this.recent = [];
      this.recentChars = 0;
    }
    // The newest text stays, however long.
    while (this.size > MAX_CHARS && this.chunks.length > (this.recent.length > 0 ? 0 : 1)) this.size -= (this.chunks.shift() as string).length;
  }

  clear(): void {
    this.chunks = [];
    this.recent = [];
    this.recentChars = 0;
    this.size = 0;
  }

  text(): string {
    return this.chunks.join('') + this.recent.join('');
  }
}
