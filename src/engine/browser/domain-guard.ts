/**
 * allowedDomains in force: once a session is restricted, every request of its pages (top-level
 * navigations, frames, subresources, fetch/XHR, WebSockets; pages opened later too) to a host
 * outside the list is refused in the browser, through Playwright routing on the engine's own
 * connection to the session's default context. Each run's answer names the hosts it was refused.
 */
import type { BrowserContext, Request, Route, WebSocketRoute } from 'playwright-core';
import { hostAllowed } from '../schemas/allowed-domains';

/** Blocked hosts named per run; more are counted, not listed. */
const MAX_NAMED = 10;

export class DomainGuard {
  private allowed: Set<string> | undefined;
  private installing: Promise<void> | undefined;
  private readonly blocked = new Map<string, string>();
  private more = 0;

  constructor(private readonly context: BrowserContext) {}

  /** Limits the session to `hosts` (and their subdomains) from now on. */
  async restrict(hosts: Iterable<string>): Promise<void> {
    this.allowed = new Set(hosts);
    this.installing ??= Promise.all([
      this.context.route((url) => !this.allows(url), (route) => this.refuse(route)),
      this.context.routeWebSocket((url) => !this.allows(url), (ws) => this.refuseSocket(ws)),
    ]).then(() => undefined);
    await this.installing;
  }

  get hosts(): string[] | undefined {
    return this.allowed && [...this.allowed];
  }

  /** What was refused since the last call, as a sentence for the run's stderr (undefined: nothing). */
  takeReport(): string | undefined {
    if (this.blocked.size === 0) return undefined;
    const list = [...this.blocked].map(([host, kind]) => `${host} (${kind})`).join(', ');
    const more = this.more > 0 ? ` and ${this.more} more` : '';
    this.blocked.clear();
    this.more = 0;
    return (
      `allowedDomains: blocked requests to ${list}${more}. This session may reach only ${[...(this.allowed ?? [])].join(', ')} ` +
      '(and their subdomains). Add the host to allowedDomains if the page needs it.'
    );
  }

  private allows(url: URL): boolean {
    // Only network hosts are limited; data:, blob: and about: stay in the page (file: has its own rule).
    if (!this.allowed || !/^(https?|wss?):$/.test(url.protocol)) return true;
    return hostAllowed(url.hostname.replace(/^\[|\]$/g, ''), this.allowed);
  }

  private note(url: string, kind: string): void {
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return;
    }
    if (this.blocked.has(host)) return;
    if (this.blocked.size >= MAX_NAMED) this.more++;
    else this.blocked.set(host, kind);
  }

  private async refuse(route: Route): Promise<void> {
    const request = route.request();
    this.note(request.url(), kindOf(request));
    await route.abort('blockedbyclient').catch(() => undefined);
  }

  private refuseSocket(ws: WebSocketRoute): void {
    this.note(ws.url(), 'websocket');
    void ws.close({ code: 1008, reason: 'Blocked by allowedDomains' }).catch(() => undefined);
  }
}

function kindOf(request: Request): string {
  if (!request.isNavigationRequest()) return request.resourceType();
  try {
    return request.frame().parentFrame() ? 'frame' : 'navigation';
  } catch {
    return 'navigation';
  }
}
