/**
 * The run history of a workspace: what ran (code or prompt, file and lines), where (job and
 * server), how it ended and its report, most recent first. Kept in workspaceState so it
 * survives reloads, bounded by `firecrawlInteract.history.limit`. Nothing secret is stored:
 * the code passes through `maskCode` (known keys and capability URLs), the report through
 * `maskText`, and only the server's URL, kind and label are kept (never a key).
 */
import { promptCounts } from '../shared/api-types';
import { Emitter } from '../shared/emitter';
import type { KeyValueStore } from '../sessions/job-history';
import type { RunInput, RunRecord, RunSource } from './types';

/** A finished run as the history keeps it: the record's identity and outcome, without the server's answer, and its report. */
export interface HistoryEntry extends Pick<RunRecord, 'id' | 'input' | 'jobId' | 'server' | 'startedAt' | 'status'> {
  durationMs: number;
  exitCode?: number;
  /** Prompt runs: "3 turns · 2 actions · 4,400 input + 67 output tokens". */
  counts?: string;
  /** One line about the outcome (error or result), for lists. */
  summary: string;
  /** The run's report as the output showed it, cut at REPORT_MAX. */
  report: string;
  /** Secrets were masked in the stored code: running it again sends the masked text. */
  masked?: boolean;
  /** The session the run went to, and its number there (Open trace scrolls to it). */
  sessionId?: string;
  sessionRun?: number;
}

export interface Maskers {
  maskCode(code: string): string;
  maskText(text: string): string;
}

const KEY = 'firecrawlInteract.runHistory.v1';
export const REPORT_MAX = 16_000;
const SUMMARY_MAX = 160;

export class RunHistory {
  private readonly changed = new Emitter();
  /** Parsed once; the store is only written. */
  private entries: HistoryEntry[];

  constructor(
    private readonly store: KeyValueStore,
    private readonly limit: () => number,
    private readonly masks: Maskers,
  ) {
    const raw = store.get<unknown>(KEY);
    this.entries = Array.isArray(raw) ? raw.filter(isEntry) : [];
  }

  list(): HistoryEntry[] {
    return this.entries.slice();
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  async add(record: RunRecord, report: string): Promise<HistoryEntry> {
    const input = this.maskInput(record.input);
    const entry: HistoryEntry = {
      id: record.id,
      input: input.value,
      jobId: record.jobId,
      server: { apiUrl: record.server.apiUrl, kind: record.server.kind, label: record.server.label },
      startedAt: record.startedAt,
      durationMs: record.durationMs ?? 0,
      status: record.status,
      ...(typeof record.response?.exitCode === 'number' ? { exitCode: record.response.exitCode } : {}),
      ...(record.response && promptCounts(record.response) ? { counts: promptCounts(record.response) } : {}),
      summary: this.masks.maskText(summaryOf(record)),
      report: this.masks.maskText(report.length > REPORT_MAX ? `${report.slice(0, REPORT_MAX)}\n… (report cut at ${REPORT_MAX} characters)` : report),
      ...(input.masked ? { masked: true } : {}),
      ...(record.response?.sessionId ? { sessionId: record.response.sessionId } : {}),
      ...(record.sessionRun !== undefined ? { sessionRun: record.sessionRun } : {}),
    };
    this.entries = [entry, ...this.entries.filter((e) => e.id !== entry.id)].slice(0, Math.max(0, this.limit()));
    await this.save();
    return entry;
  }

  async clear(): Promise<void> {
    this.entries = [];
    await this.save();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

  private async save(): Promise<void> {
    await this.store.update(KEY, this.entries);
    this.changed.fire();
  }

  private maskInput(input: RunInput): { value: RunInput; masked: boolean } {
    const source: RunSource | undefined = input.source ? { ...input.source } : undefined;
    if (input.kind === 'code') {
      const code = this.masks.maskCode(input.code);
      return { value: { kind: 'code', language: input.language, code, ...(source ? { source } : {}) }, masked: code !== input.code };
    }
    const prompt = this.masks.maskCode(input.prompt);
    return { value: { kind: 'prompt', prompt, ...(source ? { source } : {}) }, masked: prompt !== input.prompt };
  }
}

function summaryOf(record: RunRecord): string {
  const res = record.response;
  const text =
    record.errorMessage ??
    (res ? (res.success ? (record.input.kind === 'prompt' ? res.output : res.result) || res.stdout || 'done' : res.error || res.stderr || 'failed') : '') ??
    '';
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

function isEntry(v: unknown): v is HistoryEntry {
  const e = v as HistoryEntry;
  return typeof v === 'object' && v !== null && typeof e.id === 'string' && typeof e.jobId === 'string' && typeof e.input === 'object' && e.input !== null && typeof e.startedAt === 'number';
}
