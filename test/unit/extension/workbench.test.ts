// The workbench (issue 7) on the fake `vscode`, against two real engines (A and B): a session
// stays bound to the server that created it, a settings edit does not move the backend, a 404
// job never becomes current, every run is recorded and can run again (the run history), the
// Firecrawl view shows it all, and each run has one notification.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CMD, SCHEME } from '../../../src/ids';
import type { EngineHandle } from '../../support/engine';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow, unknownJobId, waitFor } from '../../support/fake-vscode/window';
import { startServers, type Servers } from '../../support/servers';

async function activeSessionIds(engine: EngineHandle): Promise<string[]> {
  const res = await fetch(`${engine.url}/v2/browser?status=active`, { headers: { authorization: `Bearer ${engine.apiKey}` } });
  assert.equal(res.status, 200);
  return ((await res.json()) as { sessions: { id: string }[] }).sessions.map((s) => s.id);
}

describe('workbench: backend, job, sessions and runs bound together (fake vscode, real engines)', () => {
  let servers: Servers;
  let engineB: EngineHandle;
  let w: FakeWindow;
  let shown: ShownMessage[];

  before(async () => {
    servers = await startServers();
    engineB = await servers.startEngine();
    w = await FakeWindow.open();
  });

  beforeEach(async () => {
    w.resetAnswers();
    await w.useBackend(servers.engine);
    shown = w.notifications();
  });

  afterEach(async () => {
    await w.stopAllSessions();
    await w.resetSettings();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await servers?.close();
  });

  it('stops a session on the server that created it after the window switched to another engine', async () => {
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    assert.match(await w.runFile('on-a.js', 'await page.title()'), /Fixture Home/);
    const session = w.api.sessions.get(job);
    assert.ok(session?.sessionId, 'the run started a session with an id');
    assert.equal(session.server.apiUrl, servers.engine.url.replace(/\/$/, ''));
    assert.ok((await activeSessionIds(servers.engine)).includes(session.sessionId), 'engine A lists the session');

    // Switch to engine B (URL and key): the session stays on A, listed under A.
    await w.useBackend(engineB);
    assert.equal(w.api.backend().apiUrl, engineB.url.replace(/\/$/, ''));
    assert.equal(w.api.sessions.get(job)?.server.apiUrl, servers.engine.url.replace(/\/$/, ''), 'the session moved to the new backend');
    await waitFor(() => shown.some((m) => m.severity === 'warning' && /still open on/.test(m.message)), 10_000, 'the offer to stop the sessions left on A');

    await w.command(CMD.stopSession, { jobId: job });
    assert.equal(w.api.sessions.get(job), undefined, 'the session is still listed after its server stopped it');
    assert.ok(!(await activeSessionIds(servers.engine)).includes(session.sessionId), "A's own list still has the session: the stop went elsewhere");
    assert.deepEqual(await activeSessionIds(engineB), [], 'B has no session');
    assert.ok(shown.some((m) => m.severity === 'info' && /stopped.*billed/.test(m.message)), `no stop report; saw\n${w.fake.recording.messageLines().join('\n')}`);
  });

  it('a 404 from another server never ends a session; a settings edit does not move the backend', async () => {
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    await w.runFile('on-a-again.js', '1 + 1');
    const backend = w.api.backend();
    await w.setSetting('defaultTimeout', 45);
    await w.setSetting('outputLimit', 5000);
    assert.deepEqual(w.api.backend(), backend, 'editing other settings changed the backend');
    assert.equal(await w.api.effectiveApiUrl(), backend.apiUrl);

    // B has never heard of the job: its 404 must not end A's session.
    await w.useBackend(engineB);
    await w.command(CMD.runSelection, { jobId: job });
    assert.ok(shown.some((m) => m.severity === 'error' && /not found/.test(m.message)), `B's 404 was not reported; saw\n${w.fake.recording.messageLines().join('\n')}`);
    assert.ok(w.api.sessions.get(job, servers.engine.url.replace(/\/$/, '')), "B's 404 ended the session on A");
  });

  it('a job ID that answers 404 never becomes current or listed', async () => {
    const good = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    const bad = unknownJobId();
    await w.command(CMD.chooseJob, { jobId: bad });
    assert.equal(w.api.pendingJob(), bad);
    assert.equal(w.api.currentJob(), good, 'a typed job became current before its server confirmed it');
    await w.runFile('404.js', '1');
    const err = shown.find((m) => m.severity === 'error');
    assert.ok(err && /was not found/.test(err.message), `no 404 error; saw\n${w.fake.recording.messageLines().join('\n')}`);
    assert.ok(err.buttons.includes('Choose job'));
    // The typed job has no URL to scrape again, and the person is told where the next run goes.
    assert.doesNotMatch(err.message, /scrape the URL again/i);
    assert.match(err.message, new RegExp(`Your next run goes to the current job, Fixture Home \\(${good.slice(0, 8)}\\)`));
    assert.ok(!err.buttons.includes('Retry'), 'a 404 offers Retry, which cannot fix it');
    assert.equal(w.api.currentJob(), good);
    assert.equal(w.api.pendingJob(), undefined, 'the 404 job is still pending');
    assert.ok(!w.api.jobs().some((j) => j.jobId === bad), 'the 404 job was listed');
  });

  it('records every run with its file and lines, runs it again, and shows one notification per run', async () => {
    await w.setSetting('history.limit', 50);
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    const editor = await w.openFile('history.js', 'const a = 1;\nawait page.title()\nconst b = 2;\n');
    w.selectLines(editor, 1, 1);
    await w.command(CMD.runSelection);
    const first = w.api.runs()[0];
    assert.equal(first.input.kind, 'code');
    assert.equal(first.jobId, job);
    assert.equal(first.status, 'ok');
    assert.equal(first.input.source?.startLine, 1);
    assert.match(first.input.source?.label ?? '', /history\.js$/);
    assert.match(first.report, /Fixture Home/);
    assert.equal(first.server.apiUrl, servers.engine.url.replace(/\/$/, ''));
    assert.doesNotMatch(JSON.stringify(w.api.runs()), /apiKey|cdpUrl|token=/, 'the history holds a key or capability URL');

    const mark = w.outputMark();
    await w.command(CMD.runAgain);
    assert.match(w.outputSince(mark), /Fixture Home/);
    assert.equal(w.api.runs().length >= 2, true);
    assert.deepEqual(w.api.runs()[0].input, first.input, 'Run again sent something else');
    await w.command(CMD.historyRerunInCurrentJob, { id: first.id });
    assert.equal(w.api.runs()[0].jobId, job);

    const runNotes = w.api.notifications().filter((n) => n.runId !== undefined);
    const ids = runNotes.map((n) => n.runId);
    assert.equal(new Set(ids).size, ids.length, 'a run had more than one notification');
    // Each outcome is a real message of its severity (an information message here), shown
    // once its progress notification (with Cancel) is gone: nothing of the run stays running.
    const outcomes = shown.filter((m) => m.severity === 'info' && /ran in job/.test(m.message));
    assert.equal(outcomes.length, 3, `not one information message per run:\n${w.fake.recording.messageLines().join('\n')}`);
    assert.ok(w.fake.recording.progress.every((p) => p.done), `a progress is still shown:\n${await w.fake.print()}`);
    assert.equal(w.api.statusBar().find((i) => i.id === 'firecrawlInteract.activity')?.visible, false, 'a request still shows as running');

    // The report of a past run opens (a virtual document of the report scheme).
    await w.command(CMD.historyOpenOutput, { id: first.id });
    const doc = w.vscode.window.activeTextEditor?.document;
    assert.equal(doc?.uri.scheme, SCHEME.report);
    assert.match(doc?.getText() ?? '', /Fixture Home/);
  });

  it('shows backend, job, sessions and runs in the Firecrawl view', async () => {
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    await w.runFile('view.js', 'await page.title()');
    const { workbench, runs } = await w.api.views();
    const labels = workbench.map((n) => n.label);
    assert.ok(labels.some((l) => /^Backend: /.test(l)), `no backend row: ${labels.join(' | ')}`);
    assert.ok(labels.includes('Job: Fixture Home'), `no current job row: ${labels.join(' | ')}`);
    const sessions = workbench.find((n) => /^Sessions \(\d+\)$/.test(n.label));
    assert.ok(sessions?.children?.some((c) => c.contextValue?.startsWith('session') && /\d:\d\d/.test(c.description ?? '')), `no session row: ${JSON.stringify(sessions)}`);
    assert.ok(runs.length > 0 && /^node · await page\.title\(\)/.test(runs[0].label), `runs: ${JSON.stringify(runs.slice(0, 2))}`);
    assert.match(runs[0].description ?? '', /view\.js:1 · done/);
    const jobs = workbench.find((n) => /^Jobs on /.test(n.label));
    assert.ok(jobs?.children?.some((c) => c.tooltip?.includes(job)), 'the job list does not hold the job');

    // The views VS Code was given (through their lazy providers) show the same rows.
    const tree = await w.fake.tree('firecrawlInteract.workbench');
    assert.deepEqual(tree.filter((t) => t.depth === 0).map((t) => t.label), labels);
    const runRows = await w.fake.tree('firecrawlInteract.runs');
    assert.equal(runRows[0]?.label, runs[0].label);
  });

  it('the live view follows a job replaced by a new scrape and keeps its mode when reopened', async () => {
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    await w.runFile('live.js', '1');
    await w.command(CMD.openLiveView, { interactive: true });
    await waitFor(() => w.api.liveView()?.interactive === true, 15_000, 'the interactive live view');
    w.closeEditors();
    await waitFor(() => w.api.liveView() === undefined, 10_000, 'the panel to close');
    await w.command(CMD.openLiveView);
    await waitFor(() => w.api.liveView() !== undefined, 15_000, 'the reopened panel');
    assert.equal(w.api.liveView()?.interactive, true, 'reopening reset the live view to read-only');

    await w.command(CMD.scrapeUrl, { replacing: job, apiUrl: servers.engine.url.replace(/\/$/, '') });
    const fresh = w.api.currentJob();
    assert.ok(fresh && fresh !== job, 'scraping again made no new current job');
    assert.equal(w.api.liveView()?.jobId, fresh, 'the live view still shows the replaced job');
  });

  it('stops a session at its credit budget and says so in the output', async () => {
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    const out = w.outputMark();
    await w.setSetting('sessionCreditBudget', 2);
    await w.runFile('budget.js', '1');
    const sessionId = w.api.sessions.get(job)?.sessionId as string;
    await waitFor(() => w.api.sessions.get(job) === undefined, 15_000, 'the budget to stop the session');
    assert.match(w.outputSince(out), /reached the budget of 2/);
    assert.ok(!(await activeSessionIds(servers.engine)).includes(sessionId), 'the engine still has the session');
  });
});
