/**
 * A view's tree provider registered at activation for a provider that is built on first use
 * (src/features.ts). While the real one is not built and the view would be empty anyway, it
 * answers "nothing" itself, so the view's welcome content shows without loading anything;
 * otherwise it builds the real provider and passes every call and change event through.
 */
import type * as vscode from 'vscode';
import { Emitter } from '../../shared/emitter';

export class LazyTree<T> implements vscode.TreeDataProvider<T> {
  private readonly changed = new Emitter<T | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private real: vscode.TreeDataProvider<T> | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(
    /** Whether the view is empty while the real provider is not built. */
    private readonly emptyUnbuilt: () => boolean,
    private readonly build: () => vscode.TreeDataProvider<T>,
  ) {}

  /** Redraws the whole view. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: T): vscode.ProviderResult<T[]> {
    if (!node && !this.real && this.emptyUnbuilt()) return [];
    return this.provider().getChildren(node);
  }

  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(node);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }

  private provider(): vscode.TreeDataProvider<T> {
    if (!this.real) {
      const real = this.build();
      this.real = real;
      this.subscription = real.onDidChangeTreeData?.((e) => this.changed.fire(Array.isArray(e) ? undefined : (e ?? undefined)));
    }
    return this.real;
  }
}
