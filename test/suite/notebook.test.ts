// The Firecrawl notebook (.fcnb) through real VS Code and the real local engine: Run All over
// mixed cells (node, TypeScript, bash, prompt with the scripted model, a screenshot), rich
// outputs (a real PNG of the page, JSON, streams, errors), interrupting a running cell,
// saving without secrets, and export as script.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { chooseScrapedJob, closeEditors, extensionApi, resetSettings, secretsSeen, settleWebviews, stopAllSessions, useBackend, waitFor } from './support/extension';
import { Stubs } from './support/stubs';
import { atEnd, getWorld, type World } from './support/world';
import type { RecordedRequest } from '../support/scripted-llm';

const EXTENSION = 'firecrawl-interact.firecrawl-interact';
const CONTROLLER = 'firecrawl-notebook-session';

type Cell = [kind: 'code' | 'markdown', language: string, source: string];

function notebookFile(dir: string, name: string, cells: Cell[], job?: { id: string; url?: string }): vscode.Uri {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ format: 'firecrawl-interact-notebook', version: 1, ...(job ? { job } : {}), cells: cells.map(([kind, language, source]) => ({ kind, language, source: source.split('\n') })) }));
  return vscode.Uri.file(path);
}

async function openNotebook(uri: vscode.Uri): Promise<vscode.NotebookEditor> {
  const nb = await vscode.workspace.openNotebookDocument(uri);
  const editor = await vscode.window.showNotebookDocument(nb);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: CONTROLLER, extension: EXTENSION });
  return editor;
}

const items = (cell: vscode.NotebookCell): vscode.NotebookCellOutputItem[] => cell.outputs.flatMap((o) => o.items);
const textOf = (cell: vscode.NotebookCell, mime: string): string => new TextDecoder().decode(items(cell).find((i) => i.mime === mime)?.data ?? new Uint8Array());

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(bytes: Uint8Array): [number, number] {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(new TextDecoder().decode(bytes.subarray(12, 16)), 'IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe('Firecrawl notebook (.fcnb)', function () {
  let api: ExtensionApi;
  let world: World;
  let job: string;
  let dir: string;
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    api = await extensionApi();
    await useBackend(api, world.engine);
    job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    dir = mkdtempSync(join(tmpdir(), 'interact-notebooks-'));
    atEnd(() => rmSync(dir, { recursive: true, force: true }));
  });

  beforeEach(() => stubs.notifications());

  afterEach(async () => {
    stubs.restore();
    await settleWebviews();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await closeEditors();
  });

  after(async function () {
    this.timeout(60_000);
    await stopAllSessions(api);
    await resetSettings();
  });

  it('Run All runs mixed cells in the job with rich outputs: a screenshot as a PNG of the page, JSON, streams, the answer as Markdown', async function () {
    this.timeout(120_000);
    world.llmScript.push({ toolCalls: [{ name: 'extract', arguments: {} }] }, (req: RecordedRequest) => {
      const tool = [...req.body.messages].reverse().find((m) => m.role === 'tool');
      const heading = (tool?.content ?? '').split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => /^Hello/.test(l));
      return heading ? { toolCalls: [{ name: 'finish', arguments: { answer: `**${heading}**` } }] } : { content: 'none' };
    });
    const uri = notebookFile(dir, 'mixed.fcnb', [
      ['markdown', 'markdown', '# Mixed'],
      ['code', 'javascript', "console.log('to stdout');\n({ size: [innerWidth, innerHeight] = await page.evaluate(() => [window.innerWidth, window.innerHeight]), title: await page.title() })"],
      ['code', 'typescript', "const n: number = await page.$$eval('li', (els) => els.length);\n`items=${n}`"],
      ['code', 'shellscript', "agent-browser get text 'h1'"],
      ['code', 'javascript', 'await page.screenshot()'],
      ['code', 'prompt', 'What does the main heading of this page say?'],
    ]);
    const editor = await openNotebook(uri);
    await vscode.commands.executeCommand('notebook.execute');
    const cells = editor.notebook.getCells();
    await waitFor(() => cells.slice(1).every((c) => c.executionSummary?.success !== undefined), 90_000, 'every code cell to finish');
    assert.deepEqual(cells.slice(1).map((c) => c.executionSummary?.success), [true, true, true, true, true], cells.map((c) => JSON.stringify(c.outputs.map((o) => o.items.map((i) => [i.mime, new TextDecoder().decode(i.data).slice(0, 200)])))).join('\n'));
    const orders = cells.slice(1).map((c) => c.executionSummary?.executionOrder ?? 0);
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b), 'execution order follows the cells');
    assert.equal(new Set(orders).size, orders.length);

    assert.equal(textOf(cells[1], 'application/vnd.code.notebook.stdout'), 'to stdout\n');
    const json = JSON.parse(textOf(cells[1], 'application/json')) as { size: [number, number]; title: string };
    assert.equal(json.title, 'Fixture Home');
    // The JSON result is shown by the extension's collapsible tree renderer first; plain JSON
    // and text stay as alternatives, all three the same value.
    const resultItems = cells[1].outputs.find((o) => o.items.some((i) => i.mime === 'application/json'))?.items ?? [];
    assert.deepEqual(resultItems.map((i) => i.mime), ['application/vnd.firecrawl.json-tree+json', 'application/json', 'text/plain']);
    assert.deepEqual(JSON.parse(textOf(cells[1], 'application/vnd.firecrawl.json-tree+json')), json);
    const renderers = (vscode.extensions.getExtension(EXTENSION)?.packageJSON as { contributes: { notebookRenderer: { mimeTypes: string[]; entrypoint: string }[] } }).contributes.notebookRenderer;
    const tree = renderers.find((r) => r.mimeTypes.includes('application/vnd.firecrawl.json-tree+json'));
    assert.ok(tree && existsSync(join(vscode.extensions.getExtension(EXTENSION)?.extensionPath ?? '', tree.entrypoint)), 'the renderer of that mime is contributed and built');
    assert.match(textOf(cells[2], 'text/plain'), /items=2/);
    // bash's result is stdout's alias: the cell shows it once, as its stdout stream.
    assert.match(textOf(cells[3], 'application/vnd.code.notebook.stdout'), /Hello fixture/);
    assert.deepEqual(cells[3].outputs.map((o) => o.items.map((i) => i.mime)), [['application/vnd.code.notebook.stdout']]);

    const image = items(cells[4]).find((i) => i.mime === 'image/png');
    assert.ok(image, `the screenshot cell shows an image (mimes: ${items(cells[4]).map((i) => i.mime).join(', ')})`);
    assert.deepEqual(pngSize(image.data), json.size, 'a PNG of the page at its viewport size');
    assert.ok(image.data.length > 2000, 'a real picture, not a few bytes');

    assert.match(textOf(cells[5], 'text/markdown'), /\*\*Hello fixture\*\*/);
    assert.equal((editor.notebook.metadata.job as { id?: string } | undefined)?.id, job, 'the job is kept in the notebook');

    await editor.notebook.save();
    const saved = readFileSync(uri.fsPath, 'utf8');
    const file = JSON.parse(saved) as { job: { id: string }; cells: { outputs?: { items: { mime: string; base64?: string }[] }[] }[] };
    assert.equal(file.job.id, job);
    assert.ok(file.cells[4].outputs?.[0].items.some((i) => i.mime === 'image/png' && (i.base64?.length ?? 0) > 2000), 'the picture is saved');
    for (const s of api.sessions.list()) for (const secret of [s.cdpUrl, s.liveViewUrl, s.interactiveLiveViewUrl]) if (secret) secretsSeen.add(secret);
    for (const secret of secretsSeen) assert.equal(saved.includes(secret), false, 'no key or capability URL in the file');
    assert.doesNotMatch(saved, /token=/);
  });

  it('Scrape the page as it is now, in a notebook, adds the markdown of the page a cell changed as an output under the selected cell', async function () {
    this.timeout(120_000);
    const uri = notebookFile(dir, 'page-now.fcnb', [
      ['code', 'javascript', "await page.click('#btn');\nawait page.textContent('#btn')"],
      ['markdown', 'markdown', 'The page after the click:'],
    ], { id: job });
    const editor = await openNotebook(uri);
    await vscode.commands.executeCommand('notebook.execute');
    const [clicked] = editor.notebook.getCells();
    await waitFor(() => clicked.executionSummary?.success !== undefined, 60_000, 'the clicking cell to finish');
    assert.equal(clicked.executionSummary?.success, true, JSON.stringify(clicked.outputs.map((o) => o.items.map((i) => [i.mime, new TextDecoder().decode(i.data).slice(0, 200)]))));
    const changed = textOf(clicked, 'text/plain');
    assert.match(changed, /^Clicked \d+ times$/, 'the run changed the button');
    const order = clicked.executionSummary?.executionOrder;
    const before = clicked.outputs.length;
    // The Markdown cell is selected: the page goes under the code cell above it.
    editor.selection = new vscode.NotebookRange(1, 2);
    const tabsBefore = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
    const page = await vscode.commands.executeCommand<{ markdown?: string } | undefined>('firecrawlInteract.scrapeNow', { formats: ['markdown'] });
    assert.ok(page?.markdown?.includes(changed), 'the command answered the page as the run left it');
    const added = clicked.outputs.slice(before);
    assert.ok(before > 0, 'the cell shows its run');
    assert.equal(clicked.outputs.length, before + 2, 'the earlier outputs stay; where the page is and its markdown are added');
    assert.match(new TextDecoder().decode(added[0].items[0].data), /^The page as it is now: "Fixture Home" \(http/);
    const md = added[1].items.find((i) => i.mime === 'text/markdown');
    assert.ok(md, `a Markdown output (mimes: ${added[1].items.map((i) => i.mime).join(', ')})`);
    assert.ok(new TextDecoder().decode(md.data).includes(changed), 'the markdown shows what the run changed');
    assert.equal(clicked.executionSummary?.executionOrder, order, 'the cell keeps its execution order');
    assert.equal(editor.notebook.cellAt(1).outputs.length, 0);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, tabsBefore, 'nothing opens beside the notebook');
  });

  it('a failing cell is a notebook error and Run All stops there; interrupt ends a running cell', async function () {
    this.timeout(90_000);
    const uri = notebookFile(
      dir,
      'fail.fcnb',
      [
        ['code', 'javascript', "throw new TypeError('cell-broke')"],
        ['code', 'javascript', "'not-reached'"],
        ['code', 'javascript', "await new Promise((r) => setTimeout(r, 25000));\n'too-late'"],
      ],
      { id: job },
    );
    const editor = await openNotebook(uri);
    const [bad, skipped, slow] = editor.notebook.getCells();
    await vscode.commands.executeCommand('notebook.execute');
    await waitFor(() => bad.executionSummary?.success === false, 30_000, 'the failing cell');
    const error = JSON.parse(textOf(bad, 'application/vnd.code.notebook.error')) as { name: string; message: string };
    assert.equal(error.name, 'Run failed');
    assert.match(textOf(bad, 'application/vnd.code.notebook.stderr'), /TypeError: cell-broke/);
    assert.equal(skipped.executionSummary?.executionOrder, undefined, 'the next cell did not run');
    assert.equal(skipped.outputs.length, 0);

    const started = Date.now();
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 2, end: 3 }], document: editor.notebook.uri });
    // Long enough for the request to be in flight: the interrupt then aborts it.
    await new Promise((r) => setTimeout(r, 2000));
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', { ranges: [{ start: 2, end: 3 }], document: editor.notebook.uri });
    await waitFor(() => slow.executionSummary?.timing?.endTime !== undefined, 15_000, 'the interrupted cell to end');
    assert.ok(Date.now() - started < 20_000, 'the cell ended before its code would have');
    assert.notEqual(slow.executionSummary?.success, true);
    assert.equal(textOf(slow, 'text/plain').includes('too-late'), false);
  });

  it('exports the cells as one script per language, with %% markers', async () => {
    const uri = notebookFile(dir, 'export.fcnb', [
      ['markdown', 'markdown', '# notes'],
      ['code', 'javascript', 'await page.title()'],
      ['code', 'shellscript', 'agent-browser get title'],
      ['code', 'javascript', "await page.click('#btn')"],
    ]);
    await openNotebook(uri);
    await vscode.commands.executeCommand('firecrawlInteract.notebook.exportScript');
    const js = readFileSync(uri.fsPath.replace(/\.fcnb$/, '.js'), 'utf8');
    assert.equal(js, "// %% Cell 1\nawait page.title()\n\n// %% Cell 2\nawait page.click('#btn')\n");
    assert.match(readFileSync(uri.fsPath.replace(/\.fcnb$/, '.sh'), 'utf8'), /# %% Cell 1\nagent-browser get title\n/);
  });

  it('a notebook whose job this window does not know says so and offers the current job first, then to choose or scrape', async () => {
    const shown = stubs.notifications((m) => (/elsewhere\.fcnb/.test(m.message) ? 'Use the current job' : undefined));
    const uri = notebookFile(dir, 'elsewhere.fcnb', [['code', 'javascript', '1']], { id: '9f0e8d7c-6b5a-4c3d-8e1f-0a1b2c3d4e5f', url: 'https://example.org/made-elsewhere' });
    await openNotebook(uri);
    await waitFor(() => shown.some((m) => /elsewhere\.fcnb/.test(m.message)), 5_000, 'the warning about the unknown job');
    const m = shown.find((x) => /elsewhere\.fcnb/.test(x.message));
    assert.equal(m?.severity, 'warning');
    assert.match(m?.message ?? '', /9f0e8d7c.*made elsewhere and may be gone/);
    assert.match(m?.message ?? '', new RegExp(`Use the current job \\(Fixture Home, ${job.slice(0, 8)}\\)`));
    assert.deepEqual(m?.buttons, ['Use the current job', 'Choose job', 'Scrape the URL again']);
    // The click makes the current job the notebook's.
    const nb = vscode.window.activeNotebookEditor?.notebook;
    await waitFor(() => (nb?.metadata.job as { id?: string } | undefined)?.id === job, 10_000, "the current job to become the notebook's");
  });
});
