/**
 * Recognises a run result that is a picture: `page.screenshot()` returns a Buffer, which the
 * node REPL prints as `{"type":"Buffer","data":[137,80,…]}`, or the code turned it into base64
 * (optionally as a `data:image/…;base64,` URL). Recognising looks at the first characters
 * only; decoding works in slices and yields between them, so a multi-megabyte result never
 * holds the extension host for long. Pure: no vscode.
 */

export type ImageMime = 'image/png' | 'image/jpeg';

export interface Screenshot {
  mime: ImageMime;
  bytes: Uint8Array;
}

type Encoding = 'buffer-json' | 'base64';

const BUFFER_PREFIX = /^\s*\{\s*"type"\s*:\s*"Buffer"\s*,\s*"data"\s*:\s*\[\s*/;
const DATA_URL_PREFIX = /^\s*data:image\/(?:png|jpeg);base64,/;
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
/** Characters handled per slice: well under a millisecond-scale budget each on a slow machine. */
const SLICE = 64 * 1024;

/** The image type and encoding of a result, from its first characters; undefined when it is not a picture. */
export function screenshotKind(result: string | null | undefined): { mime: ImageMime; encoding: Encoding } | undefined {
  if (!result) return undefined;
  const head = result.slice(0, 200);
  const buffer = BUFFER_PREFIX.exec(head);
  if (buffer) {
    const bytes = head.slice(buffer[0].length).split(',', 8).map((s) => Number(s.trim()));
    const mime = magic(bytes);
    return mime && { mime, encoding: 'buffer-json' };
  }
  const b64 = head.replace(DATA_URL_PREFIX, '').trimStart();
  if (b64.startsWith('iVBORw0KGgo')) return { mime: 'image/png', encoding: 'base64' };
  if (b64.startsWith('/9j/')) return { mime: 'image/jpeg', encoding: 'base64' };
  return undefined;
}

function magic(bytes: number[]): ImageMime | undefined {
  if (PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'image/png';
  if (JPEG_MAGIC.every((b, i) => bytes[i] === b)) return 'image/jpeg';
  return undefined;
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The picture in a result, or undefined when it is none or is malformed (it is then shown as text). */
export async function decodeScreenshot(result: string | null | undefined): Promise<Screenshot | undefined> {
  const kind = screenshotKind(result);
  if (!kind || !result) return undefined;
  const bytes = kind.encoding === 'base64' ? await decodeBase64(result) : await decodeBufferJson(result);
  if (!bytes || magic(Array.from(bytes.subarray(0, 8))) !== kind.mime) return undefined;
  return { mime: kind.mime, bytes };
}

async function decodeBase64(result: string): Promise<Uint8Array | undefined> {
  const text = result.replace(DATA_URL_PREFIX, '').trim();
  if (!/^[A-Za-z0-9+/=\s]*$/.test(text.slice(0, SLICE))) return undefined;
  const parts: Buffer[] = [];
  // Slices of a multiple of 4 characters decode independently.
  const step = SLICE - (SLICE % 4);
  for (let at = 0; at < text.length; at += step) {
    parts.push(Buffer.from(text.slice(at, at + step), 'base64'));
    if (at + step < text.length) await nextTick();
  }
  return Buffer.concat(parts);
}

async function decodeBufferJson(result: string): Promise<Uint8Array | undefined> {
  const start = BUFFER_PREFIX.exec(result)?.[0].length ?? 0;
  const end = result.lastIndexOf(']');
  if (end < start) return undefined;
  // At most one byte per two characters ("0,"), so this bound always fits.
  const out = new Uint8Array(Math.ceil((end - start) / 2) + 1);
  let n = 0;
  let value = -1;
  for (let at = start; at < end; at += SLICE) {
    // Bytes of a Latin-1 slice: a tight loop over a small Buffer, not over the huge string.
    const chunk = Buffer.from(result.slice(at, Math.min(end, at + SLICE)), 'latin1');
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c >= 48 && c <= 57) value = (value < 0 ? 0 : value * 10) + (c - 48);
      else if (c === 44) {
        if (value < 0 || value > 255) return undefined;
        out[n++] = value;
        value = -1;
      } else if (c !== 32 && c !== 10 && c !== 13) return undefined;
    }
    if (at + SLICE < end) await nextTick();
  }
  if (value > 255) return undefined;
  if (value >= 0) out[n++] = value;
  return out.subarray(0, n);
}
