/**
 * The `.fcnb` file: plain JSON, one cell per entry, sources and text outputs as arrays of
 * lines so a diff shows the lines that changed. It keeps the notebook's job (id and scraped
 * URL) and never a key, a CDP URL or a live-view URL: text outputs are scrubbed on save.
 * Opening keeps only the output types the extension writes itself: a file from a repository
 * could carry `text/html` with scripts, or a type some other renderer acts on.
 * Pure: no vscode (src/ui/notebook-serializer.ts converts to and from NotebookData).
 */
import { redactKeepingLinks } from '../api/redact';
import { MIME } from './outputs';
import { l10n } from '../shared/l10n';

export const FCNB_FORMAT = 'firecrawl-interact-notebook';
export const FCNB_VERSION = 1;

/** Cell languages: VS Code language ids, and `prompt` for a cell sent as a prompt. */
export const NOTEBOOK_LANGUAGES = ['javascript', 'typescript', 'python', 'shellscript', 'prompt'] as const;

export interface NotebookJob {
  id: string;
  /** The scraped page, for the toolbar and for "scrape again" when the job is gone. */
  url?: string;
  /** Runs of this notebook may reach only these hosts (and the scrape's own): sent as allowedDomains. */
  allowedDomains?: string[];
}

export interface OutputItem {
  mime: string;
  /** Text mimes (text/*, application/json and *+json, stdout/stderr/error) are kept as text, others as base64. */
  data: Uint8Array;
}

export interface CellOutput {
  items: OutputItem[];
}

export interface NotebookCell {
  kind: 'code' | 'markup';
  language: string;
  source: string;
  outputs: CellOutput[];
  executionOrder?: number;
  success?: boolean;
  durationMs?: number;
}

export interface Notebook {
  job?: NotebookJob;
  cells: NotebookCell[];
}

interface FileItem {
  mime: string;
  text?: string[];
  base64?: string;
}
interface FileCell {
  kind: 'code' | 'markdown';
  language: string;
  source: string[];
  outputs?: { items: FileItem[] }[];
  execution?: { order?: number; success?: boolean; durationMs?: number };
}
interface FileNotebook {
  format: string;
  version: number;
  job?: NotebookJob;
  cells: FileCell[];
}

export class NotebookFormatError extends Error {
  constructor(what: string) {
    super(l10n.t('This is not a Firecrawl notebook (.fcnb) this version can read: {0}. Open it as text to fix it, or create a new notebook.', what));
    this.name = 'NotebookFormatError';
  }
}

const isTextMime = (mime: string): boolean => mime.startsWith('text/') || mime === 'application/json' || mime.endsWith('+json') || mime.startsWith('application/vnd.code.notebook.');

/** What the extension's runs put in cells (notebook/outputs.ts, screenshots): all a file may bring back. */
const WRITTEN_MIMES: ReadonlySet<string> = new Set([...Object.values(MIME), 'image/png', 'image/jpeg']);

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function serializeNotebook(nb: Notebook): string {
  const file: FileNotebook = {
    format: FCNB_FORMAT,
    version: FCNB_VERSION,
    ...(nb.job ? { job: { id: nb.job.id, ...(nb.job.url ? { url: redactKeepingLinks(nb.job.url) } : {}), ...(nb.job.allowedDomains ? { allowedDomains: nb.job.allowedDomains } : {}) } } : {}),
    cells: nb.cells.map((c) => {
      const cell: FileCell = { kind: c.kind === 'markup' ? 'markdown' : 'code', language: c.language, source: lines(c.source) };
      if (c.outputs.length > 0) cell.outputs = c.outputs.map((o) => ({ items: o.items.map(fileItem) }));
      if (c.executionOrder !== undefined || c.success !== undefined || c.durationMs !== undefined) {
        cell.execution = { order: c.executionOrder, success: c.success, durationMs: c.durationMs };
      }
      return cell;
    }),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

function fileItem(item: OutputItem): FileItem {
  if (isTextMime(item.mime)) return { mime: item.mime, text: lines(redactKeepingLinks(decoder.decode(item.data))) };
  return { mime: item.mime, base64: Buffer.from(item.data).toString('base64') };
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** Empty text is a new, empty notebook. `dropped` hears of each output item left out (its type is not one the extension writes). */
export function parseNotebook(text: string, dropped: (note: string) => void = () => undefined): Notebook {
  if (text.trim() === '') return { cells: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new NotebookFormatError(l10n.t('the file is not valid JSON ({0})', (err as Error).message));
  }
  const file = raw as Partial<FileNotebook>;
  if (typeof raw !== 'object' || raw === null || file.format !== FCNB_FORMAT) throw new NotebookFormatError(l10n.t('"format" is not "{0}"', FCNB_FORMAT));
  if (typeof file.version !== 'number' || file.version > FCNB_VERSION) throw new NotebookFormatError(l10n.t('version {0} is newer than {1}', String(file.version).slice(0, 40), String(FCNB_VERSION)));
  if (!Array.isArray(file.cells)) throw new NotebookFormatError(l10n.t('"cells" is not a list'));
  const hosts = file.job?.allowedDomains;
  const allowedDomains = Array.isArray(hosts) && hosts.every((h) => typeof h === 'string') ? (hosts as string[]) : undefined;
  const job = file.job && typeof file.job.id === 'string' ? { id: file.job.id, ...(typeof file.job.url === 'string' ? { url: file.job.url } : {}), ...(allowedDomains ? { allowedDomains } : {}) } : undefined;
  return { job, cells: file.cells.map((c, i) => readCell(c, i, dropped)) };
}

function readCell(c: FileCell, i: number, dropped: (note: string) => void): NotebookCell {
  if (typeof c !== 'object' || c === null || !Array.isArray(c.source)) throw new NotebookFormatError(l10n.t('cell {0} has no "source" list of lines', String(i + 1)));
  const outputs = (c.outputs ?? [])
    .map((o) => ({
      items: (o.items ?? [])
        .filter((it) => {
          const known = WRITTEN_MIMES.has(String(it.mime));
          if (!known) dropped(`cell ${i + 1}: an output of type "${String(it.mime).slice(0, 100)}" was left out (the extension writes no such output)`);
          return known;
        })
        .map((it) => ({ mime: String(it.mime), data: it.base64 !== undefined ? Buffer.from(it.base64, 'base64') : encoder.encode((it.text ?? []).join('\n')) })),
    }))
    .filter((o) => o.items.length > 0);
  return {
    kind: c.kind === 'markdown' ? 'markup' : 'code',
    language: typeof c.language === 'string' ? c.language : 'javascript',
    source: c.source.join('\n'),
    outputs,
    executionOrder: c.execution?.order,
    success: c.execution?.success,
    durationMs: c.execution?.durationMs,
  };
}
