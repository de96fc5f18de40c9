/**
 * Keeps what a channel was sent, so `ExtensionApi.outputText()/logText()` can return it
 * (VS Code offers no way to read an output channel back). Bounded: the oldest text goes first.
 */
const MAX_CHARS = 2_000_000;

export class TextCapture {
  private chunks: string[] = [];
  private size = 0;

  append(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > MAX_CHARS && this.chunks.length > 1) this.size -= (this.chunks.shift() as string).length;
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }

  text(): string {
    return this.chunks.join('');
  }
}
