/**
 * Length-prefixed JSON frames for the engine's pipes to its REPL workers: a 4-byte big-endian
 * length, then that many bytes of JSON. User code in a worker can write to the same descriptor,
 * so the reader treats what arrives as untrusted: a frame over the cap, or one that is not a JSON
 * object with a string `type`, is an error (the engine then stops that worker), never a crash.
 */

/** The largest frame: a run's final message carries up to three capped texts, JSON-escaped. */
export const MAX_FRAME = 64 * 1024 * 1024;

export class FrameError extends Error {}

export function encodeFrame(msg: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(msg), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Turns a byte stream back into messages; keeps at most one frame's bytes. */
export class FrameReader<T extends { type: string }> {
  private chunks: Buffer[] = [];
  private size = 0;
  /** The length of the frame being received, once its header is in. */
  private need: number | undefined;

  constructor(private readonly max = MAX_FRAME) {}

  /** The messages completed by `chunk`; throws FrameError on anything that is not a frame. */
  push(chunk: Buffer): T[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const out: T[] = [];
    for (;;) {
      if (this.need === undefined) {
        if (this.size < 4) return out;
        const length = this.take(4).readUInt32BE(0);
        if (length > this.max) throw new FrameError(`a message of ${length} bytes, over the ${this.max / 1024 / 1024} MB cap`);
        this.need = length;
      }
      // Chunks are joined once per frame, when all of it is in.
      if (this.size < this.need) return out;
      const body = this.take(this.need);
      this.need = undefined;
      out.push(parse<T>(body));
    }
  }

  /** Removes and returns the first `n` buffered bytes (n <= size). */
  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.size -= n;
    return all.subarray(0, n);
  }
}

function parse<T extends { type: string }>(bytes: Buffer): T {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new FrameError('a message that is not JSON');
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') throw new FrameError('a message without a type');
  return value as T;
}

/** JSON lines (the python REPL's fd 3), read as untrusted like frames: bounded, checked. */
export class JsonLineReader<T extends { type: string }> {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly max = MAX_FRAME) {}

  /** The messages completed by `chunk`; throws FrameError on a line over the cap or not a message. */
  push(chunk: Buffer): T[] {
    const out: T[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      this.parts.push(chunk.subarray(start, nl));
      this.size += nl - start;
      if (this.size > this.max) throw new FrameError(`a line over the ${this.max / 1024 / 1024} MB cap`);
      const line = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
      this.parts = [];
      this.size = 0;
      start = nl + 1;
      if (line.length > 0) out.push(parse<T>(line));
    }
    this.parts.push(chunk.subarray(start));
    this.size += chunk.length - start;
    if (this.size > this.max) throw new FrameError(`a line over the ${this.max / 1024 / 1024} MB cap`);
    return out;
  }
}
