/**
 * The collapsible tree of a JSON result, as plain data: the notebook renderer
 * (media/json-renderer.ts) turns a branch into <details>/<summary> and a leaf into a line.
 * Top levels start open; children are listed a page at a time and long strings are cut, so a
 * large result stays quick to show (the rest is one click away). Pure: no DOM, no vscode.
 * The words it shows come from the extension in the display language (TreeLabels).
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
  return { kind: 'branch', key, array, count, open: depth < OPEN_DEPTH && count > 0, value, depth };
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

/**
 * The tree's fixed words, each with `{0}` for a count. The renderer has no l10n of its own: the
 * extension writes them in the display language into the output's metadata (notebook/outputs.ts),
 * and an output without them (a notebook saved by an older version) gets the English ones.
 */
export interface TreeLabels {
  /** The display language, for writing the counts (`ja`, `zh-cn`). */
  language: string;
  /** An array's summary: `Array({0})`. */
  array: string;
  /** An object's summary, in braces: `{0} key` and `{0} keys`. */
  key: string;
  keys: string;
  /** The button under a cut string: `show all ({0} characters)`. */
  showAll: string;
  /** The button under a page of children: `show more ({0} left)`. */
  showMore: string;
}

export const ENGLISH_LABELS: TreeLabels = {
  language: 'en',
  array: 'Array({0})',
  key: '{0} key',
  keys: '{0} keys',
  showAll: 'show all ({0} characters)',
  showMore: 'show more ({0} left)',
};

/** Where the labels sit in a tree output's metadata. */
export const LABELS_KEY = 'firecrawlJsonTreeLabels';

/** The labels in an output's metadata; English for each one missing or not text. */
export function labelsFrom(metadata: unknown): TreeLabels {
  const given = (metadata as Record<string, unknown> | undefined)?.[LABELS_KEY];
  if (!given || typeof given !== 'object') return ENGLISH_LABELS;
  const labels = { ...ENGLISH_LABELS };
  for (const name of Object.keys(labels) as (keyof TreeLabels)[]) {
    const text = (given as Record<string, unknown>)[name];
    if (typeof text === 'string' && text !== '') labels[name] = text;
  }
  return labels;
}

const formats = new Map<string, Intl.NumberFormat>();

function count(template: string, n: number, language: string): string {
  let format = formats.get(language);
  if (!format) {
    try {
      format = new Intl.NumberFormat(language);
    } catch {
      // Not a language tag Intl knows: English digits rather than no tree.
      format = new Intl.NumberFormat('en');
    }
    formats.set(language, format);
  }
  return template.replace('{0}', format.format(n));
}

/** A branch's summary line: `Array(3)`, `{3 keys}`. */
export function branchLabel(b: Branch, labels: TreeLabels): string {
  if (b.array) return count(labels.array, b.count, labels.language);
  return `{${count(b.count === 1 ? labels.key : labels.keys, b.count, labels.language)}}`;
}

/** The button that shows the rest of a cut string of `length` characters. */
export function showAllLabel(length: number, labels: TreeLabels): string {
  return count(labels.showAll, length, labels.language);
}

/** The button that lists the next page, `rest` children being left. */
export function showMoreLabel(rest: number, labels: TreeLabels): string {
  return count(labels.showMore, rest, labels.language);
}
