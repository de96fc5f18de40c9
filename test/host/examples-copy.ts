// A fresh copy of examples/ in a temp folder, for the demo and the UI suite: whatever the
// workbench writes (a notebook's job and outputs, exported scripts) lands in the copy, never in
// the repository, and the next start begins from the files as committed. The copy is removed by
// remove(), and when the process exits (Ctrl+C included, once the caller's handler exits).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ExamplesCopy {
  folder: string;
  remove(): void;
}

export function copyExamples(root: string, prefix = 'firecrawl-examples-'): ExamplesCopy {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(root, 'examples'), folder, { recursive: true });
  const remove = (): void => {
    process.removeListener('exit', remove);
    rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', remove);
  return { folder, remove };
}
