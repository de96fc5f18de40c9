/**
 * Watches open sessions once a second while there are any:
 * - a session past its documented lifetime is marked overdue, and its own server's session
 *   list is asked (at most every RECHECK_MS) whether it still has it; only that answer ends it;
 * - the optional per-session credit budget warns at 80 % and stops the session at 100 %.
 * Free (local engine) sessions have no budget. `tick` is what the status bar redraws on.
 */
import { ApiError } from '../api/errors';
import type { CreditRates } from '../shared/billing';
import { estimate } from '../sessions/cost-meter';
import { sessionKey, type SessionState, type SessionStore } from '../sessions/session-store';
import type { Requests } from './requests';
import { l10n } from '../shared/l10n';

export interface SessionWatchPorts {
  sessions: SessionStore;
  requests: Requests;
  rates(): CreditRates;
  /** Credits per session at which it is stopped; 0: no budget. */
  budget(): number;
  /** Each tick (redraw the cost item). */
  tick(states: SessionState[]): void;
  /** The server no longer lists the session. */
  expired(state: SessionState): void;
  budgetWarning(state: SessionState, credits: number, budget: number): void;
  budgetStop(state: SessionState, credits: number, budget: number): Promise<unknown>;
}

const RECHECK_MS = 15_000;

export class SessionWatch {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly checkedAt = new Map<string, number>();
  private readonly warned = new Set<string>();
  private readonly stopping = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly p: SessionWatchPorts) {
    this.subscription = p.sessions.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const states = this.p.sessions.list();
    this.p.tick(states);
    if (states.length > 0 && !this.timer) this.timer = setInterval(() => this.onTick(), 1000);
    if (states.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    this.subscription.dispose();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private onTick(): void {
    const overdue = this.p.sessions.markOverdue();
    const servers = new Set(overdue.map((s) => s.server.apiUrl));
    for (const apiUrl of servers) void this.reconcile(apiUrl);
    this.checkBudget();
    this.update();
  }

  /** Asks the server whether it still has the overdue sessions; ends those it does not list. */
  async reconcile(apiUrl: string, now = Date.now()): Promise<void> {
    if (now - (this.checkedAt.get(apiUrl) ?? 0) < RECHECK_MS) return;
    this.checkedAt.set(apiUrl, now);
    const mine = this.p.sessions.onServer(apiUrl).filter((s) => s.overdue);
    if (mine.length === 0) return;
    try {
      const { value: listed } = await this.p.requests.send({
        label: l10n.t('Checking sessions…'),
        title: l10n.t('Checking the sessions on {0}', mine[0].server.label),
        location: 'window',
        server: mine[0].server,
        send: (client, target, signal) => client.listSessions(target, 'active', signal),
      });
      const ids = new Set(listed.map((s) => s.id));
      for (const s of mine) {
        if (s.sessionId && ids.has(s.sessionId)) continue;
        this.p.sessions.end(apiUrl, s.jobId, 'expired');
        this.p.expired(s);
      }
    } catch (err) {
      // Unreachable or no list endpoint: the session stays listed (overdue) until a server answer.
      if (!(err instanceof ApiError)) throw err;
    }
  }

  private checkBudget(): void {
    const budget = this.p.budget();
    if (budget <= 0) return;
    const now = Date.now();
    for (const s of this.p.sessions.list()) {
      if (s.server.free || s.overdue) continue;
      const key = sessionKey(s.server.apiUrl, s.jobId) + s.startedAt;
      const { credits } = estimate(s, now, this.p.rates());
      if (credits >= budget && !this.stopping.has(key)) {
        this.stopping.add(key);
        void this.p.budgetStop(s, credits, budget);
      } else if (credits >= 0.8 * budget && !this.warned.has(key)) {
        this.warned.add(key);
        this.p.budgetWarning(s, credits, budget);
      }
    }
  }
}
