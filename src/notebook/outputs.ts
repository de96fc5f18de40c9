/**
 * What a notebook cell shows for a finished run, as mime-typed items (the controller wraps
 * them in NotebookCellOutputItems): stdout and stderr as streams, a screenshot result as a
 * picture, a JSON result as a collapsible tree (with JSON and text alternatives), any other result as text, the agent's answer as Markdown
 * with its turns, actions and tokens,
 * and a failure as a notebook error. Pure: no vscode.
 */
import { decodeScreenshot } from '../run/screenshot';
import { l10n, translator } from '../shared/l10n';
import { promptCounts } from '../shared/api-types';
import type { PageFormat, PageNow } from '../run/page-now';
import type { RunRecord } from '../run/types';
import { LABELS_KEY, type TreeLabels } from './json-tree';

export const MIME = {
  stdout: 'application/vnd.code.notebook.stdout',
  stderr: 'application/vnd.code.notebook.stderr',
  error: 'application/vnd.code.notebook.error',
  json: 'application/json',
  /** Our notebook renderer's (media/json-renderer.ts): the JSON as a collapsible tree. */
  jsonTree: 'application/vnd.firecrawl.json-tree+json',
  text: 'text/plain',
  markdown: 'text/markdown',
} as const;

export interface Item {
  mime: string;
  data: Uint8Array;
}

/** Above this size a result is not parsed in the extension host to check that it is JSON (it would block it); it is shown as text. */
export const JSON_CHECK_LIMIT = 512 * 1024;

const enc = new TextEncoder();
const text = (mime: string, s: string): Item => ({ mime, data: enc.encode(s) });

/** Outputs, each a list of alternative items (VS Code shows the richest it can render). */
export async function runOutputs(record: RunRecord): Promise<Item[][]> {
  const res = record.response;
  const outputs: Item[][] = [];
  if (!res) {
    if (record.status === 'error') outputs.push([errorItem(l10n.t('Request failed'), record.errorMessage ?? l10n.t('The request failed.'))]);
    return outputs;
  }
  if (record.input.kind === 'prompt' && res.output) outputs.push([text(MIME.markdown, res.output), text(MIME.text, res.output)]);
  const counts = record.input.kind === 'prompt' ? promptCounts(res) : undefined;
  if (counts) outputs.push([text(MIME.text, counts)]);
  if (res.stdout) outputs.push([text(MIME.stdout, res.stdout)]);
  if (res.stderr) outputs.push([text(MIME.stderr, res.stderr)]);
  // A result that only repeats stdout (bash, value-less Python: the cloud's alias) is not shown twice.
  if (res.result && res.result !== res.stdout) outputs.push(await resultItems(res.result));
  if (!res.success) {
    const why = res.killed ? l10n.t('The run was killed by its time limit.') : (res.error ?? (res.exitCode ? l10n.t('The run exited with code {0}.', res.exitCode) : l10n.t('The run did not succeed.')));
    outputs.push([errorItem(res.killed ? l10n.t('Killed') : l10n.t('Run failed'), why)]);
  }
  return outputs;
}

/** Scrape the page as it is now, in a notebook: where the page is, then one output per format asked. */
export async function pageOutputs(page: PageNow, formats: readonly PageFormat[]): Promise<Item[][]> {
  const where = page.title ? l10n.t('The page as it is now: "{0}" ({1})', page.title, page.url) : l10n.t('The page as it is now: {0}', page.url);
  const outputs: Item[][] = [[text(MIME.text, where)]];
  for (const f of formats) {
    if (f === 'markdown') outputs.push([text(MIME.markdown, page.markdown ?? ''), text(MIME.text, page.markdown ?? '')]);
    // The page's HTML as text: rendered, its scripts would run in the output.
    if (f === 'html') outputs.push([text(MIME.text, page.html ?? '')]);
    if (f === 'links') outputs.push([text(MIME.text, (page.links ?? []).join('\n'))]);
    if (f === 'screenshot') {
      const shot = await decodeScreenshot(page.screenshot);
      if (shot) outputs.push([{ mime: shot.mime, data: shot.bytes }]);
    }
  }
  return outputs;
}

async function resultItems(result: string): Promise<Item[]> {
  const shot = await decodeScreenshot(result);
  if (shot) return [{ mime: shot.mime, data: shot.bytes }];
  if (result.length <= JSON_CHECK_LIMIT && /^\s*[[{]/.test(result)) {
    try {
      JSON.parse(result);
      // The tree first (VS Code shows the first item it has a renderer for); plain JSON and text
      // stay as alternatives for "Change Presentation" and for copying.
      return [text(MIME.jsonTree, result), text(MIME.json, result), text(MIME.text, result)];
    } catch {
      // Not JSON after all: plain text below.
    }
  }
  return [text(MIME.text, result)];
}

/**
 * The JSON tree's words in the display language, for its renderer. Each keeps `{0}` (no argument
 * given, so l10n.t leaves it): the renderer puts each count in.
 */
export function treeLabels(): TreeLabels {
  return {
    language: translator().language,
    array: l10n.t('Array({0})'),
    key: l10n.t('{0} key'),
    keys: l10n.t('{0} keys'),
    showAll: l10n.t('show all ({0} characters)'),
    showMore: l10n.t('show more ({0} left)'),
  };
}

/** The metadata of an output made of `items`: the tree's words when it holds a tree (the renderer reads them as the item's metadata). */
export function outputMetadata(items: readonly Item[]): Record<string, unknown> | undefined {
  return items.some((i) => i.mime === MIME.jsonTree) ? { [LABELS_KEY]: treeLabels() } : undefined;
}

function errorItem(name: string, message: string): Item {
  return text(MIME.error, JSON.stringify({ name, message, stack: '' }));
}
