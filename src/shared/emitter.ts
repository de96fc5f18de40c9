/**
 * The one event style of the extension: `event(listener)` subscribes and returns a disposable
 * (VS Code's `Event` shape, so an emitter's event goes to a tree view or a CodeLens provider as
 * is), `fire(value)` calls every listener, `fireAsync(value)` also waits for those that return
 * a promise. One failing listener does not stop the others; its error goes to `onListenerError`.
 */
export class Emitter<T = void> {
  private readonly listeners = new Set<(value: T) => unknown>();

  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  readonly event = (listener: (value: T) => unknown, thisArg?: unknown, disposables?: { dispose(): unknown }[]): { dispose(): void } => {
    const bound = thisArg === undefined ? listener : (value: T) => listener.call(thisArg, value);
    this.listeners.add(bound);
    const subscription = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  async fireAsync(value: T): Promise<void> {
    await Promise.all([...this.listeners].map(async (l) => l(value)).map((p) => p.catch((err: unknown) => this.onListenerError(err))));
  }

  dispose(): void {
    this.listeners.clear();
  }
}
