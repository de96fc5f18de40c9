// Every error the real local engine can produce, as the extension shows it, on the fake
// `vscode`: the notification's text says what happened and what to do, with the right buttons;
// the output channel gets a line; nothing crashes and the next run still works. Validation
// happens before sending. (Moved from the extension-host suite: a real VS Code adds nothing here.)
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CMD } from '../../../src/ids';
import { scrapeDirect } from '../../support/engine-http';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow, unknownJobId, waitFor } from '../../support/fake-vscode/window';
import { startServers, type Servers } from '../../support/servers';

describe('errors from the real engine (fake vscode)', () => {
  let servers: Servers;
  let w: FakeWindow;
  let shown: ShownMessage[];

  const errors = () => shown.filter((m) => m.severity === 'error');
  const warnings = () => shown.filter((m) => m.severity === 'warning');

  before(async () => {
    servers = await startServers();
    w = await FakeWindow.open();
  });

  beforeEach(async () => {
    w.resetAnswers();
    shown = w.notifications();
    await w.useBackend(servers.engine);
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

  async function run(code: string): Promise<string> {
    await w.openFile('run.js', code);
    const mark = w.outputMark();
    await w.command(CMD.runSelection);
    return w.outputSince(mark);
  }

  function onlyError(): ShownMessage {
    const list = errors();
    assert.equal(list.length, 1, `expected one error notification, saw ${JSON.stringify(shown)}`);
    return list[0];
  }

  describe('validation before sending (the rule in the message)', () => {
    it('blocks code over 100,000 characters', async () => {
      await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
      const out = await run(`//${'x'.repeat(99_999)}`);
      assert.match(onlyError().message, /Code is 100,001 characters; the limit is 1–100,000 characters/);
      assert.doesNotMatch(out, /▶/, 'a run was reported although validation failed');
      assert.equal(w.api.sessions.list().length, 0, 'a session started although nothing should have been sent');
    });

    it('blocks a timeout setting outside 1–300 seconds', async () => {
      await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
      await w.setSetting('defaultTimeout', 301);
      const out = await run('1 + 1');
      assert.match(onlyError().message, /Timeout 301 is not allowed: it must be a whole number of seconds from 1 to 300/);
      assert.doesNotMatch(out, /▶/);
      assert.equal(w.api.sessions.list().length, 0);
    });

    it('rejects a job ID that is not a UUID', async () => {
      const current = w.api.currentJob();
      await w.command(CMD.chooseJob, { jobId: 'job-123' });
      assert.match(onlyError().message, /Job ID "job-123" is not a UUID/);
      assert.equal(w.api.currentJob(), current);
    });
  });

  it('404: an unknown job says to choose another job', async () => {
    const job = unknownJobId();
    await w.command(CMD.chooseJob, { jobId: job });
    const out = await run('1 + 1');
    const err = onlyError();
    assert.match(err.message, new RegExp(`Job ${job} was not found on ${servers.engine.url.replace(/[.]/g, '\\.')} \\(404\\)`));
    assert.deepEqual(err.buttons, ['Choose job']);
    assert.ok(out.includes(`✗ ${err.message}`), `the output lacks the error line:\n${out}`);
    assert.equal(w.api.sessions.get(job), undefined);
  });

  it('409: a scrape whose actions cannot be replayed offers to scrape again', async () => {
    // The page's button exists on its first load only, so replaying the click fails.
    const job = await scrapeDirect(servers.engine, { url: `${servers.fixtures.url}/once.html?first=${randomUUID()}`, actions: [{ type: 'click', selector: '#once' }] });
    await w.command(CMD.chooseJob, { jobId: job });
    await run('await page.title()');
    const err = onlyError();
    assert.match(err.message, /could not be created \(409 Conflict\)/);
    assert.match(err.message, /Scrape the URL again/);
    assert.deepEqual(err.buttons, ['Scrape the URL again']);
    assert.equal(w.api.sessions.get(job), undefined);
  });

  it('410: running in a stopped session offers to scrape again', async () => {
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    assert.match(await run('await page.title()'), /Fixture Home/);
    await w.command(CMD.stopSession, { jobId: job });
    shown.length = 0;
    const out = await run('await page.title()');
    const err = onlyError();
    assert.match(err.message, /has been destroyed \(410 Gone\)/);
    assert.deepEqual(err.buttons, ['Scrape the URL again']);
    assert.ok(out.includes('410 Gone'));
    assert.equal(w.api.sessions.get(job), undefined, 'a destroyed session is still shown as active');

    // Clicking "Scrape the URL again" scrapes the job's page anew; the fresh job then runs.
    shown = w.notifications((m) => (m.buttons.includes('Scrape the URL again') ? 'Scrape the URL again' : undefined));
    await run('await page.title()');
    await waitFor(() => /\(replaces job /.test(w.api.outputText()), 60_000, 'the job to be scraped again');
    const fresh = w.api.currentJob() as string;
    assert.notEqual(fresh, job);
    assert.match(w.api.outputText(), new RegExp(`→ job ${fresh} \\(replaces job ${job}\\)`));
    assert.match(await run('await page.title()'), new RegExp(`job ${fresh}[\\s\\S]*result:\\nFixture Home\\n`));
  });

  it('Cancel aborts the request and says the server may still finish the run', async () => {
    await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    await w.openFile('slow.js', "await new Promise((r) => setTimeout(r, 8000)); 'finished'");
    const mark = w.outputMark();
    const running = w.command(CMD.runSelection);
    const spinner = () => w.api.statusBar().find((i) => i.id === 'firecrawlInteract.activity');
    await waitFor(() => spinner()?.visible === true, 15_000, 'the running spinner');
    assert.match(spinner()?.text ?? '', /\$\(sync~spin\)/);
    await w.command('firecrawlInteract.cancelRun');
    await running;
    const note = shown.find((m) => /^Cancelled the request/.test(m.message));
    assert.ok(note, `no cancel notification; saw ${JSON.stringify(shown)}`);
    assert.match(note.message, /The server may still finish the run/);
    assert.equal(errors().length, 0, `cancelling showed an error: ${JSON.stringify(errors())}`);
    assert.doesNotMatch(w.outputSince(mark), /finished/);
    await waitFor(() => spinner()?.visible === false, 5_000, 'the spinner to stop');
    // The window never heard back, so it knows no session: stop the one the server started.
    await w.command(CMD.stopSession, { jobId: w.api.currentJob() });
  });

  it('a run that throws is a failed run (HTTP 200, success:false): warning, stderr and exit code', async () => {
    await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    const out = await run("throw new Error('boom-' + (40 + 2))");
    assert.equal(errors().length, 0, `unexpected error notifications: ${JSON.stringify(errors())}`);
    const warn = warnings();
    assert.equal(warn.length, 1, `saw ${JSON.stringify(shown)}; log:\n${w.api.logText().slice(-2000)}`);
    assert.match(warn[0].message, /failed \(exit code [1-9]\d*\)/);
    assert.match(out, /stderr:\n[\s\S]*boom-42/);
    assert.match(out, /exit code: [1-9]/);
    assert.match(out, /✗ Failed/);
    // The session survives a failed run.
    assert.match(await run('await page.title()'), /result:\nFixture Home\n/);
  });

  it('a run killed by its timeout is reported as killed, and the session still works', async () => {
    await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    await w.setSetting('defaultTimeout', 2);
    const out = await run("await new Promise((r) => setTimeout(r, 30000)); 'too late'");
    const warn = warnings();
    assert.equal(warn.length, 1, `saw ${JSON.stringify(shown)}`);
    assert.match(warn[0].message, /killed by its 2 s time limit/);
    assert.match(out, /Killed: the run hit its time limit/);
    assert.doesNotMatch(out, /too late/);
    // The killed REPL is replaced; with the default time limit the next run works in the same page.
    await w.setSetting('defaultTimeout', undefined);
    assert.match(await run('await page.title()'), /result:\nFixture Home\n/);
  });

  it('401: a wrong API key says to set a valid one, without showing the key', async () => {
    await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    const wrong = `wrong-${randomUUID()}`;
    await w.useBackend({ url: servers.engine.url, apiKey: wrong });
    await run('1 + 1');
    const err = onlyError();
    assert.match(err.message, /rejected the API key \(401 Unauthorized\)/);
    assert.deepEqual(err.buttons, ['Set API key']);
    assert.ok(!err.message.includes(wrong) && !w.api.outputText().includes(wrong) && !w.api.logText().includes(wrong), 'the key was shown');
  });

  it('401: no API key at all says one is needed', async () => {
    await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    await w.useBackend({ url: servers.engine.url });
    await run('1 + 1');
    const err = onlyError();
    assert.match(err.message, /requires an API key \(401 Unauthorized\) and none is set/);
    assert.deepEqual(err.buttons, ['Set API key']);
  });

  it('an unreachable server is named in the message', async () => {
    const job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
    const url = await closedPortUrl();
    await w.useBackend({ url });
    // Jobs belong to their server: on the new backend the job is a typed-in (pending) one.
    await w.command(CMD.chooseJob, { jobId: job });
    await run('1 + 1');
    const err = onlyError();
    assert.match(err.message, new RegExp(`Could not reach ${url.replace(/[.]/g, '\\.')}/v2/scrape/[0-9a-f-]+/interact: connection refused`));
    assert.ok(err.buttons.includes('Start local engine'), `buttons: ${err.buttons.join(', ')}`);
    // The server may be back a moment later: a network error offers Retry.
    assert.ok(err.buttons.includes('Retry'), `no Retry for a network error: ${err.buttons.join(', ')}`);
  });

  it('a scrape whose page does not load says the page could not be loaded, with Check the URL and Retry', async () => {
    const target = `${await closedPortUrl()}/gone.html`;
    await w.command(CMD.scrapeUrl, { url: target });
    const err = onlyError();
    assert.match(err.message, /^The page could not be loaded: .*net::ERR_CONNECTION_REFUSED.*Check the URL/);
    assert.doesNotMatch(err.message, /HTTP 500|server has a problem/);
    assert.deepEqual(err.buttons, ['Check the URL', 'Retry']);

    // "Check the URL" asks again with the URL filled in, to correct it.
    shown = w.notifications((m) => (m.buttons.includes('Check the URL') ? 'Check the URL' : undefined));
    const asked = w.inputBox(() => undefined);
    await w.command(CMD.scrapeUrl, { url: target });
    await waitFor(() => asked.length > 0, 30_000, 'the URL to be offered for correction');
    assert.equal(asked[0].options?.value, target);
  });
});

/** A loopback URL on which nothing listens (a port that was just free). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
