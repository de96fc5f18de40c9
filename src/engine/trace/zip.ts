/** Reading a trace chunk's zip and writing a session's whole trace, with playwright-core's own zip libraries. */
import { yauzl, yazl } from 'playwright-core/lib/utilsBundle';

/** The entries of a zip held in memory, as name → bytes (at most `maxBytes` unpacked, else an error). */
export function unzip(buffer: Buffer, maxBytes: number): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const entries = new Map<string, Buffer>();
      let total = 0;
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        total += entry.uncompressedSize;
        if (total > maxBytes) {
          zip.close();
          return reject(new Error(`the trace part unpacks to more than ${Math.round(maxBytes / 1048576)} MB`));
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** A zip of the given files (name inside the zip → path on disk). */
export function zipFiles(files: [name: string, path: string][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, path] of files) zip.addFile(path, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
