/** A view's items as plain data, for ExtensionApi.views() (tests read what the user sees). */
import type * as vscode from 'vscode';

export interface TreeSnapshot {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  children?: TreeSnapshot[];
}

export async function snapshotTree<T>(provider: vscode.TreeDataProvider<T>, parent?: T): Promise<TreeSnapshot[]> {
  const nodes = (await provider.getChildren(parent)) ?? [];
  const out: TreeSnapshot[] = [];
  for (const node of nodes) {
    const item = await provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value;
    const snap: TreeSnapshot = { label, ...(typeof item.description === 'string' ? { description: item.description } : {}), ...(tooltip ? { tooltip } : {}), ...(item.contextValue ? { contextValue: item.contextValue } : {}) };
    if (item.collapsibleState !== undefined && item.collapsibleState !== 0) snap.children = await snapshotTree(provider, node);
    out.push(snap);
  }
  return out;
}
