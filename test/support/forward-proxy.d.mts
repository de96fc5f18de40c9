export interface ProxyLogEntry {
  method: string;
  target: string;
}

export interface ForwardProxy {
  url: string;
  port: number;
  log: ProxyLogEntry[];
  /** Requests seen inside CONNECT tunnels to plain-http servers: `target` is host:port/path. */
  tunnelled: ProxyLogEntry[];
  close(): Promise<void>;
}

export function startForwardProxy(options?: { hosts?: Record<string, string>; credentials?: string; onRequest?: (entry: ProxyLogEntry) => void }): Promise<ForwardProxy>;
