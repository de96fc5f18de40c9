/** Wire types of the Firecrawl v2 interact API, shared by the extension and the local engine. */

export type InteractLanguage = 'node' | 'python' | 'bash';
export const INTERACT_LANGUAGES: readonly InteractLanguage[] = ['node', 'python', 'bash'];

/** A prompt runs an agent loop of at most this many steps, `timeout` each (source). */
export const PROMPT_MAX_STEPS = 25;

export interface InteractRequest {
  code?: string;
  prompt?: string;
  language?: InteractLanguage;
  /** Seconds, 1–300, default 30. */
  timeout?: number;
  origin?: string;
  /** At most 8 lower-case host names the session's pages may reach (with the scrape's own host). */
  allowedDomains?: string[];
}

export interface InteractResponse {
  success: boolean;
  sessionId?: string;
  cdpUrl?: string | null;
  liveViewUrl?: string | null;
  interactiveLiveViewUrl?: string | null;
  output?: string | null;
  stdout?: string | null;
  result?: string | null;
  stderr?: string | null;
  exitCode?: number | null;
  killed?: boolean;
  /** The server cut stdout, stderr or the result (each says where). */
  truncated?: boolean;
  error?: string | null;
  /** Prompt runs: model turns, browser actions and the model's token counts. */
  turnCount?: number;
  actionCount?: number;
  usage?: { inputTokens?: number; outputTokens?: number };
  /** The local engine, when it records the session's trace: the run's number there ("Run N · …"). Not a cloud field. */
  traceRun?: number;
}

/** "3 turns · 2 actions · 4,400 input + 67 output tokens" for a prompt answer that has the counts, else undefined. */
export function promptCounts(res: Pick<InteractResponse, 'turnCount' | 'actionCount' | 'usage'>): string | undefined {
  const n = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined);
  const turns = n(res.turnCount);
  const actions = n(res.actionCount);
  const input = n(res.usage?.inputTokens);
  const output = n(res.usage?.outputTokens);
  const parts: string[] = [];
  if (turns !== undefined) parts.push(`${turns.toLocaleString('en-US')} turn${turns === 1 ? '' : 's'}`);
  if (actions !== undefined) parts.push(`${actions.toLocaleString('en-US')} action${actions === 1 ? '' : 's'}`);
  if (input !== undefined || output !== undefined) parts.push(`${(input ?? 0).toLocaleString('en-US')} input + ${(output ?? 0).toLocaleString('en-US')} output tokens`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

export interface StopResponse {
  success: boolean;
  sessionDurationMs?: number;
  creditsBilled?: number;
  error?: string;
}

/** The local engine's code for a prompt it cannot run: it has no model (its 501; the cloud's 501 means no interact). */
export const NO_PROMPT_MODEL = 'NO_PROMPT_MODEL';

export interface ErrorBody {
  success: false;
  error: string;
  code?: string;
  details?: unknown;
}

export interface ScrapeRequest {
  url: string;
  formats?: unknown[];
  actions?: unknown[];
  waitFor?: number;
  timeout?: number;
  headers?: Record<string, string>;
  mobile?: boolean;
  onlyMainContent?: boolean;
  origin?: string;
}

export interface ScrapeMetadata {
  scrapeId: string;
  sourceURL: string;
  url?: string;
  statusCode?: number;
  title?: string;
  description?: string;
  [key: string]: unknown;
}

export interface ScrapeResponse {
  success: boolean;
  data?: {
    markdown?: string;
    html?: string;
    rawHtml?: string;
    links?: string[];
    screenshot?: string;
    metadata: ScrapeMetadata;
    [key: string]: unknown;
  };
  error?: string;
}

export interface BrowserSessionInfo {
  id: string;
  status: 'active' | 'destroyed';
  cdpUrl?: string;
  liveViewUrl?: string;
  interactiveLiveViewUrl?: string;
  createdAt: string;
  lastActivity: string;
}

export interface BrowserListResponse {
  success: boolean;
  sessions: BrowserSessionInfo[];
}
