/**
 * The one event style below the UI: `on(listener)` returns a disposable, `fire(value)` calls
 * every listener, and one failing listener does not stop the others. (UI code uses VS Code's
 * own EventEmitter where VS Code needs it, e.g. for tree views.)
 */
export class Emitter<T = void> {
  private readonly listeners = new Set<(value: T) => unknown>();

  on(listener: (value: T) => unknown): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch {
        // One failing listener must not stop the others.
      }
    }
  }
}
