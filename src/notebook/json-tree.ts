/**
 * The collapsible tree of a JSON result, as plain data: the notebook renderer
 * (media/json-renderer.ts) turns a branch into <details>/<summary> and a leaf into a line.
 * Top levels start open; children are listed a page at a time and long strings are cut, so a
 * large result stays quick to show (the rest is one click away). Pure: no DOM, no vscode.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Branches at depth 0 and 1 start open. */
export const OPEN_DEPTH = 2;
/** Strings longer than this are cut, with a button to show the rest. */
export const STRING_CUT = 200;
/** Children listed at once; "show more" lists the next page. */
export const CHILD_PAGE = 100;

export interface Branch {
  kind: 'branch';
  key?: string;
  array: boolean;
  /** Items of an array, keys of an object. */
  count: number;
  /** The summary line: `Array(3)`, `{3 keys}`. */
  label: string;
  open: boolean;
  value: Json[] | { [key: string]: Json };
  depth: number;
}

export interface Leaf {
  kind: 'leaf';
  key?: string;
  type: 'string' | 'number' | 'boolean' | 'null';
  /** As JSON shows it (strings quoted), cut to STRING_CUT characters of the string. */
  text: string;
  /** The whole text when `text` is cut. */
  full?: string;
}

export type TreeNode = Branch | Leaf;

export function treeNode(value: Json, depth = 0, key?: string): TreeNode {
  if (Array.isArray(value)) return branch(value, true, value.length, depth, key);
  if (value !== null && typeof value === 'object') return branch(value, false, Object.keys(value).length, depth, key);
  if (typeof value === 'string') {
    const full = JSON.stringify(value);
    if (value.length <= STRING_CUT) return { kind: 'leaf', key, type: 'string', text: full };
    return { kind: 'leaf', key, type: 'string', text: `${JSON.stringify(value.slice(0, STRING_CUT))}…`, full };
  }
  const type = value === null ? 'null' : typeof value === 'number' ? 'number' : 'boolean';
  return { kind: 'leaf', key, type, text: String(value) };
}

function branch(value: Branch['value'], array: boolean, count: number, depth: number, key?: string): Branch {
  const label = array ? `Array(${count})` : `{${count} ${count === 1 ? 'key' : 'keys'}}`;
  return { kind: 'branch', key, array, count, label, open: depth < OPEN_DEPTH && count > 0, value, depth };
}

/** One page of a branch's children from `from`, and how many come after it. */
export function childPage(b: Branch, from = 0): { nodes: TreeNode[]; rest: number } {
  const depth = b.depth + 1;
  const nodes: TreeNode[] = [];
  const end = Math.min(b.count, from + CHILD_PAGE);
  if (Array.isArray(b.value)) {
    for (let i = from; i < end; i++) nodes.push(treeNode(b.value[i], depth, String(i)));
  } else {
    const obj = b.value;
    const keys = Object.keys(obj).slice(from, end);
    for (const k of keys) nodes.push(treeNode(obj[k], depth, k));
  }
  return { nodes, rest: b.count - end };
}
