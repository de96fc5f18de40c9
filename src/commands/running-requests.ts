/** The requests in flight, so "Cancel running request" (and the spinner's click) can abort them. */
export class RunningRequests {
  private readonly controllers = new Set<AbortController>();

  start(): AbortController {
    const c = new AbortController();
    this.controllers.add(c);
    return c;
  }

  finish(c: AbortController): void {
    this.controllers.delete(c);
  }

  /** Aborts every running request; returns how many there were. */
  cancelAll(): number {
    const n = this.controllers.size;
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
    return n;
  }
}
