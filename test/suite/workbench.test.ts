// The workbench (issue 7): one visible model of backend, job, session and runs, bound together.
// Real VS Code, two real engines (A and B): a session stays bound to the server that created
// it, a settings edit does not move the backend, a 404 job never becomes current, every run is
// recorded and can run again, the view shows it all, and each run has one notification.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { SCHEME } from '../../src/ids';
import type { EngineHandle } from '../support/engine';
import { engineRequest } from './support/engine-http';
import { chooseScrapedJob, closeEditors, CMD, extensionApi, openFile, outputMark, outputSince, resetSettings, selectLines, setSetting, stopAllSessions, unknownJobId, useBackend, waitFor } from './support/extension';
import { Stubs, type ShownMessage } from './support/stubs';
import { getWorld, startOwnedEngine, type World } from './support/world';

async function activeSessionIds(engine: EngineHandle): Promise<string[]> {
  const answer = await engineRequest(engine, 'GET', '/v2/browser?status=active');
  assert.equal(answer.status, 200);
  return (answer.json as { sessions: { id: string }[] }).sessions.map((s) => s.id);
}

describe('workbench: backend, job, sessions and runs bound together', function () {
  let api: ExtensionApi;
  let world: World;
  let engineB: EngineHandle;
  let shown: ShownMessage[];
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    engineB = await startOwnedEngine();
    api = await extensionApi();
    await useBackend(api, world.engine);
    await stopAllSessions(api);
  });

  beforeEach(() => {
    shown = stubs.notifications();
  });

  afterEach(async function () {
    this.timeout(60_000);
    stubs.restore();
    await stopAllSessions(api);
    await useBackend(api, world.engine);
    await closeEditors();
  });

  after(async function () {
    this.timeout(60_000);
    await resetSettings();
    await engineB.stop();
  });

  async function runFile(name: string, code: string): Promise<string> {
    await openFile(name, code);
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runSelection);
    return outputSince(api, mark);
  }

  it('stops a session on the server that created it after the window switched to another engine', async function () {
    this.timeout(240_000);
    const job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    assert.match(await runFile('on-a.js', 'await page.title()'), /Fixture Home/);
    const session = api.sessions.get(job);
    assert.ok(session?.sessionId, 'the run started a session with an id');
    assert.equal(session.server.apiUrl, world.engine.url.replace(/\/$/, ''));
    assert.ok((await activeSessionIds(world.engine)).includes(session.sessionId), "engine A lists the session");

    // Switch to engine B (URL and key): the session stays on A, listed under A.
    await useBackend(api, engineB);
    assert.equal(api.backend().apiUrl, engineB.url.replace(/\/$/, ''));
    assert.equal(api.sessions.get(job)?.server.apiUrl, world.engine.url.replace(/\/$/, ''), 'the session moved to the new backend');
    await waitFor(() => shown.some((m) => m.severity === 'warning' && /still open on/.test(m.message)), 10_000, 'the offer to stop the sessions left on A');

    await vscode.commands.executeCommand(CMD.stopSession, { jobId: job });
    assert.equal(api.sessions.get(job), undefined, 'the session is still listed after its server stopped it');
    assert.ok(!(await activeSessionIds(world.engine)).includes(session.sessionId), "A's own list still has the session: the stop went elsewhere");
    assert.deepEqual(await activeSessionIds(engineB), [], 'B has no session');
    assert.ok(shown.some((m) => m.severity === 'info' && /stopped.*billed/.test(m.message)), `no stop report; saw ${JSON.stringify(shown)}`);
  });

  it('a 404 from another server never ends a session; a settings edit does not move the backend', async function () {
    this.timeout(180_000);
    const job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    await runFile('on-a-again.js', '1 + 1');
    const backend = api.backend();
    await setSetting('defaultTimeout', 45);
    await setSetting('outputLimit', 5000);
    assert.deepEqual(api.backend(), backend, 'editing other settings changed the backend');
    assert.equal(await api.effectiveApiUrl(), backend.apiUrl);

    // B has never heard of the job: its 404 must not end A's session.
    await useBackend(api, engineB);
    await vscode.commands.executeCommand(CMD.runSelection, { jobId: job });
    assert.ok(shown.some((m) => m.severity === 'error' && /not found/.test(m.message)), `B's 404 was not reported; saw ${JSON.stringify(shown)}`);
    assert.ok(api.sessions.get(job, world.engine.url.replace(/\/$/, '')), "B's 404 ended the session on A");
  });

  it('a job ID that answers 404 never becomes current or listed', async function () {
    this.timeout(120_000);
    const good = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    const bad = unknownJobId();
    await vscode.commands.executeCommand(CMD.chooseJob, { jobId: bad });
    assert.equal(api.pendingJob(), bad);
    assert.equal(api.currentJob(), good, 'a typed job became current before its server confirmed it');
    await runFile('404.js', '1');
    const err = shown.find((m) => m.severity === 'error');
    assert.ok(err && /was not found/.test(err.message), `no 404 error; saw ${JSON.stringify(shown)}`);
    assert.ok(err.buttons.includes('Choose job'));
    // The typed job has no URL to scrape again, and the person is told where the next run goes.
    assert.doesNotMatch(err.message, /scrape the URL again/i);
    assert.match(err.message, new RegExp(`Your next run goes to the current job, Fixture Home \\(${good.slice(0, 8)}\\)`));
    assert.ok(!err.buttons.includes('Retry'), 'a 404 offers Retry, which cannot fix it');
    assert.equal(api.currentJob(), good);
    assert.equal(api.pendingJob(), undefined, 'the 404 job is still pending');
    assert.ok(!api.jobs().some((j) => j.jobId === bad), 'the 404 job was listed');
  });

  it('records every run with its file and lines, runs it again, and shows one notification per run', async function () {
    this.timeout(180_000);
    await setSetting('history.limit', 50);
    const job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    const editor = await openFile('history.js', "const a = 1;\nawait page.title()\nconst b = 2;\n");
    selectLines(editor, 1, 1);
    await vscode.commands.executeCommand(CMD.runSelection);
    const first = api.runs()[0];
    assert.equal(first.input.kind, 'code');
    assert.equal(first.jobId, job);
    assert.equal(first.status, 'ok');
    assert.equal(first.input.source?.startLine, 1);
    assert.match(first.input.source?.label ?? '', /history\.js$/);
    assert.match(first.report, /Fixture Home/);
    assert.equal(first.server.apiUrl, world.engine.url.replace(/\/$/, ''));
    assert.doesNotMatch(JSON.stringify(api.runs()), /apiKey|cdpUrl|token=/, 'the history holds a key or capability URL');

    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runAgain);
    assert.match(outputSince(api, mark), /Fixture Home/);
    assert.equal(api.runs().length >= 2, true);
    assert.deepEqual(api.runs()[0].input, first.input, 'Run again sent something else');
    await vscode.commands.executeCommand(CMD.historyRerunInCurrentJob, { id: first.id });
    assert.equal(api.runs()[0].jobId, job);

    const runNotes = api.notifications().filter((n) => n.runId !== undefined);
    const ids = runNotes.map((n) => n.runId);
    assert.equal(new Set(ids).size, ids.length, 'a run had more than one notification');
    // Each outcome is a real message of its severity (an information message here), shown
    // once its progress notification (with Cancel) is gone: nothing of the run stays running.
    const outcomes = shown.filter((m) => m.severity === 'info' && /ran in job/.test(m.message));
    assert.equal(outcomes.length, 3, `not one information message per run: ${JSON.stringify(shown)}`);
    assert.equal(api.statusBar().find((i) => i.id === 'firecrawlInteract.activity')?.visible, false, 'a request still shows as running');

    // The report of a past run opens read-only.
    await vscode.commands.executeCommand(CMD.historyOpenOutput, { id: first.id });
    const doc = vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, SCHEME.report);
    assert.match(doc?.getText() ?? '', /Fixture Home/);
    assert.equal(doc?.isDirty, false);
  });

  it('shows backend, job, sessions and runs in the Firecrawl view', async function () {
    this.timeout(120_000);
    const job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    await runFile('view.js', 'await page.title()');
    const { workbench, runs } = await api.views();
    const labels = workbench.map((n) => n.label);
    assert.ok(labels.some((l) => /^Backend: /.test(l)), `no backend row: ${labels.join(' | ')}`);
    assert.ok(labels.includes('Job: Fixture Home'), `no current job row: ${labels.join(' | ')}`);
    const sessions = workbench.find((n) => /^Sessions \(\d+\)$/.test(n.label));
    assert.ok(sessions?.children?.some((c) => c.contextValue?.startsWith('session') && /\d:\d\d/.test(c.description ?? '')), `no session row: ${JSON.stringify(sessions)}`);
    assert.ok(runs.length > 0 && /^node · await page\.title\(\)/.test(runs[0].label), `runs: ${JSON.stringify(runs.slice(0, 2))}`);
    assert.match(runs[0].description ?? '', /view\.js:1 · done/);
    const jobs = workbench.find((n) => /^Jobs on /.test(n.label));
    assert.ok(jobs?.children?.some((c) => c.tooltip?.includes(job)), 'the job list does not hold the job');
  });

  it('the live view follows a job replaced by a new scrape and keeps its mode when reopened', async function () {
    this.timeout(180_000);
    const job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    await runFile('live.js', '1');
    await vscode.commands.executeCommand(CMD.openLiveView, { interactive: true });
    await waitFor(() => api.liveView()?.interactive === true, 15_000, 'the interactive live view');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => api.liveView() === undefined, 10_000, 'the panel to close');
    await vscode.commands.executeCommand(CMD.openLiveView);
    await waitFor(() => api.liveView() !== undefined, 15_000, 'the reopened panel');
    assert.equal(api.liveView()?.interactive, true, 'reopening reset the live view to read-only');

    await vscode.commands.executeCommand(CMD.scrapeUrl, { replacing: job, apiUrl: world.engine.url.replace(/\/$/, '') });
    const fresh = api.currentJob();
    assert.ok(fresh && fresh !== job, 'scraping again made no new current job');
    assert.equal(api.liveView()?.jobId, fresh, 'the live view still shows the replaced job');
  });

  it('stops a session at its credit budget and says so in the output', async function () {
    this.timeout(120_000);
    const job = await chooseScrapedJob(api, `${world.fixtures.url}/index.html`);
    const out = outputMark(api);
    await setSetting('sessionCreditBudget', 2);
    await runFile('budget.js', '1');
    const sessionId = api.sessions.get(job)?.sessionId as string;
    await waitFor(() => api.sessions.get(job) === undefined, 15_000, 'the budget to stop the session');
    assert.match(outputSince(api, out), /reached the budget of 2/);
    assert.ok(!(await activeSessionIds(world.engine)).includes(sessionId), 'the engine still has the session');
  });
});
