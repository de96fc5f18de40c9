// Runs that know the code, through real VS Code and the real local engine: `%%` cells and
// their lenses in each language, Shift+Enter, Markdown blocks (a prompt block answered by the
// scripted model), and errors put back on the document lines they came from.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { LIVE_VIEW_TYPE } from '../../src/ids';
import { chooseScrapedJob, closeEditors, extensionApi, openFile, outputMark, outputSince, resetSettings, selectLines, CMD, stopAllSessions, useBackend, waitFor } from './support/extension';
import { Stubs } from './support/stubs';
import { getWorld, type World } from './support/world';
import type { RecordedRequest } from '../support/scripted-llm';

const RUN_CELL = 'firecrawlInteract.runCell';
const RUN_BELOW = 'firecrawlInteract.runCellAndBelow';
const RUN_ABOVE = 'firecrawlInteract.runAbove';
const RUN_ADVANCE = 'firecrawlInteract.runCellAndAdvance';
const RUN_BLOCK = 'firecrawlInteract.runBlock';

async function lenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  const list = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
  return list.filter((l) => l.command?.command.startsWith('firecrawlInteract.'));
}

const lensTable = (list: vscode.CodeLens[]): string[] => list.map((l) => `${l.range.start.line}:${l.command?.title}`);

describe('runs that know the code: cells, Markdown blocks, errors on their lines', function () {
  let api: ExtensionApi;
  let world: World;
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    api = await extensionApi();
    await useBackend(api, world.engine);
    await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
  });

  beforeEach(() => stubs.notifications());

  afterEach(async () => {
    stubs.restore();
    await closeEditors();
    await vscode.workspace.getConfiguration('firecrawlInteract').update('codeLens.cells', undefined, vscode.ConfigurationTarget.Global);
  });

  after(async function () {
    this.timeout(60_000);
    await stopAllSessions(api);
    await resetSettings();
  });

  it('gives each %% cell its lenses in JavaScript, TypeScript, Python and shell files, none without markers or when turned off', async () => {
    const files: [string, string][] = [
      ['cells.js', '// setup\n// %% one\n1\n// %% two\n2\n'],
      ['cells.ts', '// %%\nconst a: number = 1;\n// %% two\na\n'],
      ['cells.py', 'import os\n# %% one\nprint(1)\n# %%\nprint(2)\n'],
      ['cells.sh', '#!/bin/bash\n# %% one\necho 1\n# %% two\necho 2\n'],
    ];
    for (const [name, text] of files) {
      const { document } = await openFile(name, text);
      const markers = text.split('\n').flatMap((l, i) => (/%%/.test(l) ? [i] : []));
      const expected = markers.flatMap((line, i) => [`${line}:$(play) Run cell`, `${line}:Run cell and below`, ...(i > 0 ? [`${line}:Run above`] : [])]);
      assert.deepEqual(lensTable(await lenses(document)), expected, name);
    }
    const plain = await openFile('plain.js', 'await page.title()\n// 100%% sure\n');
    assert.deepEqual(await lenses(plain.document), [], 'a file without markers has no lenses');
    const ts = await openFile('off.ts', '// %%\n1\n');
    await vscode.workspace.getConfiguration('firecrawlInteract').update('codeLens.cells', false, vscode.ConfigurationTarget.Global);
    assert.deepEqual(await lenses(ts.document), [], 'the setting turns the lenses off');
  });

  it('runs a cell from its lens, the cells below and the cells above, in the same session', async () => {
    const editor = await openFile(
      'steps.ts',
      ["throw new Error('above the first marker: never a cell');", '// %% set', "const tag: string = 'cells-' + 'A';", 'tag', '// %% read', "tag + '-then-B'", '// %% fail', "throw new Error('stop-here')", '// %% never', "'after-failure'"].join('\n'),
    );
    const list = await lenses(editor.document);
    const runSecond = list.find((l) => l.range.start.line === 4 && l.command?.command === RUN_CELL);
    assert.ok(runSecond?.command, 'the second cell has a Run cell lens');

    let mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_CELL, ...(list.find((l) => l.range.start.line === 1 && l.command?.command === RUN_CELL)?.command?.arguments ?? []));
    let out = outputSince(api, mark);
    assert.match(out, /cells-A/);
    assert.doesNotMatch(out, /above the first marker/);

    mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_BELOW, ...(runSecond.command.arguments ?? []));
    out = outputSince(api, mark);
    assert.match(out, /cells-A-then-B/, 'a variable of the first cell is there: same session');
    assert.match(out, /stop-here/);
    assert.doesNotMatch(out, /after-failure/, 'Run cell and below stops at the failing cell');

    mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_ABOVE, { uri: editor.document.uri.toString(), cell: 2 });
    out = outputSince(api, mark);
    assert.ok(out.indexOf('cells-A') >= 0 && out.indexOf('cells-A-then-B') > out.indexOf('cells-A'), 'cells 1 and 2 run, in order');
    assert.doesNotMatch(out, /stop-here/);
  });

  it('Shift+Enter runs the cell at the cursor and moves to the next', async () => {
    const editor = await openFile('advance.js', ['// %% a', "'advance-' + 'one'", '// %% b', "'advance-' + 'two'"].join('\n'));
    editor.selection = new vscode.Selection(1, 3, 1, 3);
    const mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_ADVANCE);
    assert.match(outputSince(api, mark), /advance-one/);
    assert.doesNotMatch(outputSince(api, mark), /advance-two/);
    assert.equal(editor.selection.active.line, 3, 'the cursor moved into the next cell');
    const keys = (vscode.extensions.getExtension('firecrawl-interact.firecrawl-interact')?.packageJSON as { contributes: { keybindings: { command: string; key: string }[] } }).contributes.keybindings;
    assert.ok(keys.some((k) => k.command === RUN_ADVANCE && k.key === 'shift+enter'), 'Shift+Enter is bound to it');
  });

  it('runs the fenced blocks of a Markdown file, a prompt block as a prompt to the agent', async () => {
    const md = await openFile(
      'runbook.md',
      ['# Runbook', '', '```json', '{"not": "runnable"}', '```', '', '```ts', "const where: string = await page.title();", "'md-' + where", '```', '', '```prompt', 'What does the main heading of this page say?', '```'].join('\n'),
    );
    const list = await lenses(md.document);
    assert.deepEqual(lensTable(list), ['6:$(play) Run in session', '11:$(play) Run in session']);

    let mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_BLOCK, ...(list[0].command?.arguments ?? []));
    assert.match(outputSince(api, mark), /md-Fixture Home/);

    const firstRequest = world.llm.requests.length;
    world.llmScript.push({ toolCalls: [{ name: 'extract', arguments: {} }] }, (req: RecordedRequest) => {
      const tool = [...req.body.messages].reverse().find((m) => m.role === 'tool');
      const heading = (tool?.content ?? '').split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => /^Hello/.test(l));
      return heading ? { toolCalls: [{ name: 'finish', arguments: { answer: `The heading is "${heading}".` } }] } : { content: 'No heading found.' };
    });
    mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_BLOCK, ...(list[1].command?.arguments ?? []));
    assert.match(outputSince(api, mark), /The heading is "Hello fixture"\./);
    const sent = world.llm.requests.slice(firstRequest).map((r) => JSON.stringify(r.body.messages));
    assert.ok(sent.some((m) => m.includes('What does the main heading of this page say?')), 'the block text reached the model as the prompt');
  });

  it('marks the document line of an error in the third line of a selected block, and clears it on the next run', async () => {
    const editor = await openFile('errors.js', ['// header', '// more', 'const x = 1;', 'const y = x + 1;', 'y.notAFunction();', 'y'].join('\n'));
    selectLines(editor, 2, 5);
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runSelection);
    await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).length > 0, 10_000, 'a diagnostic on errors.js');
    const [d] = vscode.languages.getDiagnostics(editor.document.uri);
    assert.equal(d.range.start.line, 4, 'the third line of the selection is document line 5 (0-based 4)');
    assert.match(d.message, /TypeError: y\.notAFunction is not a function/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(outputSince(api, mark), new RegExp(`${editor.document.uri.fsPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5(:\\d+)?`), 'the output names file:line');

    selectLines(editor, 2, 3);
    await vscode.commands.executeCommand(CMD.runSelection);
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri), [], 'the next run of the document clears its marks');
  });

  it("marks the document line of a python traceback; a function defined by an earlier run is not mapped onto the running code", async function () {
    this.timeout(120_000);
    const text = ['# setup', 'import math', '# %% helper', 'def ratio(a, b):', '    return a / b', '# %% use', 'x = math.floor(1.5)', 'ratio(x, 0)'].join('\n');
    const editor = await openFile('ratio.py', text);
    const esc = editor.document.uri.fsPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A selection holding both the function and its call: the raise (document line 5) and the call (line 8).
    selectLines(editor, 1, 7);
    let mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runSelection);
    await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).length > 0, 10_000, 'a diagnostic on ratio.py');
    let marks = vscode.languages.getDiagnostics(editor.document.uri);
    assert.deepEqual(marks.map((d) => [d.range.start.line, d.severity]), [
      [4, vscode.DiagnosticSeverity.Error],
      [7, vscode.DiagnosticSeverity.Information],
    ]);
    assert.match(marks[0].message, /^ZeroDivisionError: division by zero$/);
    assert.match(outputSince(api, mark), new RegExp(`ZeroDivisionError: division by zero at ${esc}:5\\b`), 'the output names file:line');

    // Cell "helper" defines ratio in one run; cell "use" calls it in the next. The raise is in the
    // earlier run's code (its line 2 would be the call's line 2 by number): only the call is marked.
    await vscode.commands.executeCommand(RUN_CELL, { uri: editor.document.uri.toString(), cell: 0 });
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri), [], 'the run of the helper cell cleared the marks');
    mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_CELL, { uri: editor.document.uri.toString(), cell: 1 });
    await waitFor(() => vscode.languages.getDiagnostics(editor.document.uri).length > 0, 10_000, 'a diagnostic of the use cell');
    marks = vscode.languages.getDiagnostics(editor.document.uri);
    assert.deepEqual(marks.map((d) => [d.range.start.line, d.severity]), [[7, vscode.DiagnosticSeverity.Error]]);
    assert.match(outputSince(api, mark), new RegExp(`ZeroDivisionError: division by zero at ${esc}:8\\b`));
    assert.match(outputSince(api, mark), /File "<interact-\d+>", line 2, in ratio/, 'the traceback names the earlier run');
  });

  it('marks a TypeScript syntax error in a cell before sending anything', async () => {
    const editor = await openFile('broken.ts', ['// %% ok', '1', '// %% broken', 'const a: number = 1;', 'const b: = 2;'].join('\n'));
    const mark = outputMark(api);
    await vscode.commands.executeCommand(RUN_CELL, { uri: editor.document.uri.toString(), cell: 1 });
    const marks = vscode.languages.getDiagnostics(editor.document.uri);
    assert.equal(marks.length, 1);
    assert.equal(marks[0].range.start.line, 4);
    assert.match(marks[0].message, /TypeScript syntax error/);
    assert.equal(outputSince(api, mark).includes('const a'), false, 'nothing was sent');
  });

  it('marks a TypeScript syntax error of a selection on its document line', async () => {
    const editor = await openFile('selection-broken.ts', ['const ok: number = 1;', '', 'const a: number = 1;', 'const b: = 2;'].join('\n'));
    selectLines(editor, 2, 3);
    await vscode.commands.executeCommand(CMD.runSelection);
    const marks = vscode.languages.getDiagnostics(editor.document.uri);
    assert.deepEqual(marks.map((m) => m.range.start.line), [3]);
    assert.match(marks[0].message, /TypeScript syntax error/);
  });

  it('Screenshot the page opens a PNG of the page beside the editor; a run whose result is a screenshot links the image in the output', async function () {
    this.timeout(120_000);
    const file = await vscode.commands.executeCommand<string>('firecrawlInteract.screenshot');
    assert.ok(file && /\.png$/.test(file), `the command saved a picture (got ${String(file)})`);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 2000);
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath === file), 10_000, 'the picture open in a tab');

    const editor = await openFile('shot.js', 'await page.screenshot()');
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runSelection);
    await waitFor(() => /Open image: \S+\.png/.test(outputSince(api, mark)), 15_000, 'the Open image link in the output');
    const linked = /Open image: (\S+\.png)/.exec(outputSince(api, mark))?.[1] ?? '';
    // No emoji on the picture's line: without an emoji font it shows as a box.
    const line = outputSince(api, mark).split('\n').find((l) => l.includes('Open image:')) ?? '';
    assert.doesNotMatch(line, /[\u{10000}-\u{10FFFF}]/u, `the picture line holds a character outside the basic plane: ${line}`);
    assert.deepEqual([...readFileSync(linked).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'the link is a PNG file');
    assert.equal(editor.document.getText(), 'await page.screenshot()');
  });
  it('Scrape the page as it is now opens the markdown of the page after a run changed it, read-only beside the editor', async function () {
    this.timeout(120_000);
    const editor = await openFile('click.js', "await page.click('#btn'); await page.textContent('#btn')");
    await vscode.commands.executeCommand(CMD.runSelection);
    const page = await vscode.commands.executeCommand<{ markdown?: string; url: string } | undefined>('firecrawlInteract.scrapeNow', { formats: ['markdown', 'links'] });
    assert.ok(page, 'the command answered the page');
    assert.match(page.markdown ?? '', /Clicked 1 times/, 'the markdown shows what the run changed');
    assert.equal(page.url, `${world.fixtures.url}/index.html`);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ uri: (t.input as { uri?: vscode.Uri } | undefined)?.uri, column: g.viewColumn })));
    await waitFor(() => tabs().some((t) => t.uri?.scheme === 'firecrawl-result' && t.uri.path.endsWith('-markdown.md')), 10_000, 'the markdown open in a tab');
    const md = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'firecrawl-result' && d.uri.path.endsWith('-markdown.md'));
    assert.match(md?.getText() ?? '', /Clicked 1 times/);
    assert.notEqual(tabs().find((t) => t.uri?.path.endsWith('-markdown.md'))?.column, vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => (t.input as { uri?: vscode.Uri })?.uri?.toString() === editor.document.uri.toString()))?.viewColumn, 'beside the editor');
    assert.ok(tabs().some((t) => t.uri?.path.endsWith('-links.txt')), 'the links too');
  });

  it("the live view's Screenshot button takes a picture of that session's page and opens it beside", async function () {
    this.timeout(120_000);
    // A run makes sure the job has a session (this test may run alone).
    await openFile('session.js', 'await page.title()');
    await vscode.commands.executeCommand(CMD.runSelection);
    await vscode.commands.executeCommand(CMD.openLiveView);
    await waitFor(() => api.liveView()?.iframeSrc !== undefined, 15_000, 'the live view of the session');
    const view = api.liveView();
    assert.match(view?.html ?? '', /<button id="screenshot" type="button"[^>]*aria-label="Screenshot the page">/, 'the toolbar has an enabled Screenshot button');
    const sessionJob = view?.jobId;
    // The button is clicked in the live view: its group is the active one then.
    const findLiveGroup = () => vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => String((t.input as { viewType?: unknown } | undefined)?.viewType ?? '').includes(LIVE_VIEW_TYPE)));
    await waitFor(() => findLiveGroup() !== undefined, 15_000, 'the live view as a tab').catch(() => undefined);
    const liveGroup = findLiveGroup();
    assert.ok(liveGroup, `no group holds the live view: ${JSON.stringify(vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => [t.label, t.input])))}`);
    await vscode.commands.executeCommand(liveGroup.viewColumn === vscode.ViewColumn.Two ? 'workbench.action.focusSecondEditorGroup' : 'workbench.action.focusFirstEditorGroup');
    const groups = vscode.window.tabGroups.all.length;
    const file = await api.liveViewMessage({ type: 'screenshot' });
    assert.ok(typeof file === 'string' && /\.png$/.test(file), `the button saved a picture (got ${String(file)})`);
    assert.ok(file.includes(`-${sessionJob?.slice(0, 8)}.png`), "the picture is of the panel's job");
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(bytes.length > 2000);
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath === file), 10_000, 'the picture open in a tab');
    // In the live view's own group: no third group that squeezes the next file into the middle.
    assert.equal(vscode.window.tabGroups.all.length, groups, 'the picture opened a new editor group');
    const pictureGroup = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath === file));
    assert.equal(pictureGroup?.viewColumn, liveGroup.viewColumn, "the picture is not in the live view's group");
  });
});
