/**
 * The two zip libraries playwright-core bundles and exports (`playwright-core/lib/utilsBundle`):
 * yazl writes and yauzl reads the trace zips. Only what the engine calls is typed here.
 */
declare module 'playwright-core/lib/utilsBundle' {
  import type { Readable } from 'node:stream';

  interface YauzlEntry {
    fileName: string;
    uncompressedSize: number;
  }
  interface YauzlZip {
    on(event: 'entry', fn: (entry: YauzlEntry) => void): void;
    on(event: 'end' | 'close', fn: () => void): void;
    on(event: 'error', fn: (err: Error) => void): void;
    readEntry(): void;
    openReadStream(entry: YauzlEntry, cb: (err: Error | null, stream?: Readable) => void): void;
    close(): void;
  }
  export const yauzl: {
    fromBuffer(buffer: Buffer, options: { lazyEntries: boolean }, cb: (err: Error | null, zip?: YauzlZip) => void): void;
  };

  class YazlZipFile {
    outputStream: Readable;
    addFile(realPath: string, metadataPath: string): void;
    end(): void;
  }
  export const yazl: { ZipFile: typeof YazlZipFile };
}
