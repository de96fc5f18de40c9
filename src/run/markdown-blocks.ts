/**
 * Fenced code blocks of a Markdown file that can run in a session: their tag says what they
 * are sent as (`prompt` blocks are sent as a prompt). CommonMark fences (``` or ~~~, three or
 * more, closed by the same character at least as long; indented ones inside list items too,
 * with that indentation removed from their lines). Pure: no vscode.
 */

export type BlockKind = { kind: 'code'; languageId: string } | { kind: 'prompt' };

/** Info-string tags that run, mapped to the editor language whose rules apply (TypeScript is stripped). */
const TAGS: Record<string, BlockKind> = {
  js: { kind: 'code', languageId: 'javascript' },
  javascript: { kind: 'code', languageId: 'javascript' },
  ts: { kind: 'code', languageId: 'typescript' },
  typescript: { kind: 'code', languageId: 'typescript' },
  python: { kind: 'code', languageId: 'python' },
  py: { kind: 'code', languageId: 'python' },
  bash: { kind: 'code', languageId: 'shellscript' },
  sh: { kind: 'code', languageId: 'shellscript' },
  prompt: { kind: 'prompt' },
};

export interface MarkdownBlock {
  /** 0-based position among the runnable blocks. */
  index: number;
  tag: string;
  what: BlockKind;
  /** 0-based line of the opening fence. */
  fenceLine: number;
  /** 0-based lines of the content, inclusive; endLine < startLine when empty. */
  startLine: number;
  endLine: number;
  /** The content with the fence's indentation removed. */
  text: string;
}

// Any indentation: fences inside list items are indented by the item's width.
const OPEN_RE = /^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)/;
const MAY_BE_FENCE = /^\s*(```|~~~)/m;

/** A cheap first look at a whole text: false means runnableBlocks finds no block in it. */
export function mayHaveBlocks(text: string): boolean {
  return MAY_BE_FENCE.test(text);
}

export function runnableBlocks(lines: readonly string[]): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = OPEN_RE.exec(lines[i]);
    // A backtick fence's info string may not contain backticks (CommonMark).
    if (!open || (open[2][0] === '`' && lines[i].slice(open[0].length).includes('`'))) {
      i++;
      continue;
    }
    const indent = open[1].length;
    const fence = open[2];
    const tag = open[3].toLowerCase();
    let end = i + 1;
    while (end < lines.length && !isClose(lines[end], fence)) end++;
    // An unclosed fence runs to the end of the document.
    const what = Object.hasOwn(TAGS, tag) ? TAGS[tag] : undefined;
    if (what) {
      const content = lines.slice(i + 1, end).map((l) => dedent(l, indent));
      blocks.push({ index: blocks.length, tag, what, fenceLine: i, startLine: i + 1, endLine: end - 1, text: content.join('\n') });
    }
    i = end + 1;
  }
  return blocks;
}

function isClose(line: string, fence: string): boolean {
  const t = line.trim();
  return t.length >= fence.length && /^(`+|~+)$/.test(t) && t[0] === fence[0];
}

/** Removes up to `n` leading spaces, as CommonMark does for the content of an indented fence. */
function dedent(line: string, n: number): string {
  let k = 0;
  while (k < n && line[k] === ' ') k++;
  return line.slice(k);
}
