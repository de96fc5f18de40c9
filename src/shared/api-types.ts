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
}

export interface StopResponse {
  success: boolean;
  sessionDurationMs?: number;
  creditsBilled?: number;
  error?: string;
}

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
