/**
 * One owner for every listener, item and panel (the pattern of vscode-pull-request-github):
 * a component registers what it creates and frees it all in `dispose()`.
 */
export interface DisposableLike {
  dispose(): unknown;
}

export class Disposable implements DisposableLike {
  private _disposables: DisposableLike[] = [];
  private _isDisposed = false;

  protected get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Takes ownership of `value`; disposes it at once if this owner is already gone. */
  protected _register<T extends DisposableLike>(value: T): T {
    if (this._isDisposed) value.dispose();
    else this._disposables.push(value);
    return value;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    // Last created, first freed: later things may depend on earlier ones.
    for (const d of this._disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // One failing disposal must not keep the rest alive.
      }
    }
  }
}

/** Wraps a plain function as a disposable (timers, ad-hoc cleanups). */
export function toDisposable(fn: () => void): DisposableLike {
  return { dispose: fn };
}
