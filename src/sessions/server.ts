/**
 * The server a request went to, and so the server a session and a job belong to. Resolved
 * once per request by the backend; everything that later addresses the same session (stop,
 * live view, CDP URL, cost) uses this object instead of asking the backend again.
 *
 * The key it was used with travels along in a private field: it is never enumerated, so
 * JSON.stringify, logs and history never see it.
 */
export type BackendKind = 'cloud' | 'local' | 'custom';

export class Server {
  readonly #apiKey: string | undefined;

  constructor(
    /** Base URL without a trailing slash. */
    readonly apiUrl: string,
    readonly kind: BackendKind,
    /** Short name for people: "cloud", "local engine", "api.example.com". */
    readonly label: string,
    apiKey?: string,
  ) {
    this.#apiKey = apiKey?.trim() || undefined;
  }

  get apiKey(): string | undefined {
    return this.#apiKey;
  }

  /** The local engine bills nothing: its sessions are free. */
  get free(): boolean {
    return this.kind === 'local';
  }

  toJSON(): ServerInfo {
    return { apiUrl: this.apiUrl, kind: this.kind, label: this.label };
  }
}

/** What may be stored or shown of a server (never its key). */
export interface ServerInfo {
  apiUrl: string;
  kind: BackendKind;
  label: string;
}

export function sameServer(a: { apiUrl: string }, b: { apiUrl: string }): boolean {
  return a.apiUrl === b.apiUrl;
}
