/**
 * Notebook renderer of JSON results (bundled to dist/media/json-renderer.js, an ES module the
 * notebook's output webview loads): the value as a collapsible tree, objects and arrays as
 * <details> with their counts, top levels open, long strings cut with a "show all" button,
 * coloured with the theme's debug-token colours. A closed branch builds its children on its
 * first opening. The shape comes from src/notebook/json-tree.ts; the words (counts, buttons) come
 * from the extension in the display language, in the output's metadata (English when absent).
 */
import type { ActivationFunction } from 'vscode-notebook-renderer';
import { branchLabel, childPage, labelsFrom, showAllLabel, showMoreLabel, treeNode, type Branch, type Json, type TreeLabels, type TreeNode } from '../src/notebook/json-tree';

const STYLE = `
.fc-json { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); line-height: 1.5; color: var(--vscode-foreground); }
.fc-json details { margin-left: 0; }
.fc-json .kids { margin-left: 1.2em; border-left: 1px solid var(--vscode-tree-indentGuidesStroke, rgba(128,128,128,.3)); padding-left: .5em; }
.fc-json summary { cursor: pointer; list-style-position: outside; }
.fc-json .key { color: var(--vscode-debugTokenExpression-name); }
.fc-json .count { color: var(--vscode-descriptionForeground); }
.fc-json .string { color: var(--vscode-debugTokenExpression-string); white-space: pre-wrap; word-break: break-all; }
.fc-json .number { color: var(--vscode-debugTokenExpression-number); }
.fc-json .boolean { color: var(--vscode-debugTokenExpression-boolean); }
.fc-json .null { color: var(--vscode-debugTokenExpression-value); font-style: italic; }
.fc-json .leaf { margin-left: 1.1em; }
.fc-json button { font: inherit; font-size: 90%; margin-left: .5em; padding: 0 .4em; cursor: pointer; color: var(--vscode-textLink-foreground); background: none; border: 1px solid var(--vscode-textLink-foreground); border-radius: 2px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function keyLabel(key: string | undefined, array: boolean): HTMLElement[] {
  if (key === undefined) return [];
  return [el('span', 'key', array ? key : JSON.stringify(key)), el('span', undefined, ': ')];
}

function render(node: TreeNode, inArray: boolean, labels: TreeLabels): HTMLElement {
  if (node.kind === 'leaf') {
    const line = el('div', 'leaf');
    line.append(...keyLabel(node.key, inArray));
    const value = el('span', node.type, node.text);
    line.append(value);
    if (node.full) {
      const full = node.full;
      const more = el('button', undefined, showAllLabel(full.length, labels));
      more.type = 'button';
      more.addEventListener('click', () => {
        value.textContent = full;
        more.remove();
      });
      line.append(more);
    }
    return line;
  }
  const details = el('details');
  details.dataset.path = node.key ?? '';
  const summary = el('summary');
  summary.append(...keyLabel(node.key, inArray), el('span', 'count', branchLabel(node, labels)));
  details.append(summary);
  let filled = false;
  const fill = () => {
    if (filled) return;
    filled = true;
    const kids = el('div', 'kids');
    appendPage(kids, node, 0, labels);
    details.append(kids);
  };
  details.addEventListener('toggle', () => {
    if (details.open) fill();
  });
  if (node.open) {
    details.open = true;
    fill();
  }
  return details;
}

function appendPage(kids: HTMLElement, node: Branch, from: number, labels: TreeLabels): void {
  const { nodes, rest } = childPage(node, from);
  for (const child of nodes) kids.append(render(child, node.array, labels));
  if (rest > 0) {
    const more = el('button', undefined, showMoreLabel(rest, labels));
    more.type = 'button';
    more.addEventListener('click', () => {
      more.remove();
      appendPage(kids, node, from + nodes.length, labels);
    });
    kids.append(more);
  }
}

export const activate: ActivationFunction = () => ({
  renderOutputItem(item, element) {
    const root = el('div', 'fc-json');
    const labels = labelsFrom(item.metadata);
    root.lang = labels.language;
    root.append(el('style', undefined, STYLE), render(treeNode(item.json() as Json), false, labels));
    element.replaceChildren(root);
  },
});
