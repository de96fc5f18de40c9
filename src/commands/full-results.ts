/**
 * Results too long for the output channel, kept so "Open full result" can show them in an
 * editor tab (JSON language when the text parses). Only the last few are kept. Each is kept
 * as the function that makes its text, run when it is first opened: most are never opened,
 * and pretty-printing a multi-megabyte result would block the extension host on every run.
 */
import type { Services } from './services';

const KEEP = 5;

export class FullResults {
  private readonly results: { id: number; jobId: string; make: () => string; text?: string }[] = [];
  private nextId = 1;

  put(jobId: string, make: () => string): number {
    const id = this.nextId++;
    this.results.push({ id, jobId, make });
    if (this.results.length > KEEP) this.results.shift();
    return id;
  }

  get(id?: number): { jobId: string; text: string } | undefined {
    const found = id === undefined ? this.results[this.results.length - 1] : this.results.find((r) => r.id === id);
    if (!found) return undefined;
    found.text ??= found.make();
    return { jobId: found.jobId, text: found.text };
  }
}

export async function openFullResult(svc: Services, id?: number): Promise<void> {
  const found = svc.results.get(typeof id === 'number' ? id : undefined);
  if (!found) {
    svc.notifier.info('There is no cut result to open: results that fit in the output channel are shown there in full.');
    return;
  }
  const doc = await svc.vscode.workspace.openTextDocument({ content: found.text, language: isJson(found.text) ? 'json' : 'plaintext' });
  await svc.vscode.window.showTextDocument(doc, { preview: false });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
