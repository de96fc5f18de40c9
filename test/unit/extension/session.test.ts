// A session on the fake `vscode`, against the real engine: the status bar's ticking cost
// estimate and stop button, the live view panel's HTML (iframe and strict CSP), stopping with
// the billed duration and credits, two sessions and which to stop.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { StatusBarSnapshot } from '../../../src/extension-api';
import { CMD, STATUS } from '../../../src/ids';
import { creditsFor } from '../../../src/shared/billing';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow, waitFor } from '../../support/fake-vscode/window';
import { startServers, type Servers } from '../../support/servers';

const COST_ID = STATUS.cost;
const STOP_ID = STATUS.stop;

describe('session: cost, live view, stop (fake vscode, real engine)', () => {
  let servers: Servers;
  let w: FakeWindow;
  let job: string;
  let shown: ShownMessage[];

  const item = (id: string): StatusBarSnapshot | undefined => w.api.statusBar().find((i) => i.id === id);

  before(async () => {
    servers = await startServers();
    w = await FakeWindow.open();
    await w.useBackend(servers.engine);
  });

  beforeEach(async () => {
    w.resetAnswers();
    // Stopping asks first (a modal): the person confirms.
    shown = w.notifications((m) => m.buttons.find((b) => b === 'Stop session' || /^Stop \d+ sessions$/.test(b)));
    job = await w.chooseScrapedJob(`${servers.fixtures.url}/index.html`);
  });

  afterEach(async () => {
    await w.stopAllSessions();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await servers?.close();
  });

  async function runCode(code: string): Promise<string> {
    await w.openFile('run.js', code);
    const mark = w.outputMark();
    await w.command(CMD.runSelection);
    return w.outputSince(mark);
  }

  it('shows a ticking cost estimate and a stop button after the first run, and offers the live view', async () => {
    assert.equal(item(COST_ID)?.visible ?? false, false, 'cost item visible before any session');
    const out = await runCode('await page.title()');
    assert.match(out, /result:\nFixture Home\n/);

    const started = shown.find((m) => m.severity === 'info' && /browser session started/i.test(m.message));
    assert.ok(started, `no "session started" notification; saw ${JSON.stringify(shown)}`);
    assert.ok(started.buttons.includes('Open live view'), `buttons: ${started.buttons.join(', ')}`);

    const cost = item(COST_ID);
    assert.ok(cost?.visible, 'cost item is not visible');
    assert.match(cost.tooltip ?? '', /estimate/i);
    assert.equal(cost.command, CMD.sessionMenu, 'the cost item opens the session menu (it does not stop at once)');
    const stop = item(STOP_ID);
    assert.ok(stop?.visible, 'stop item is not visible');
    assert.match(stop.text, /\$\(debug-stop\)/);
    assert.equal(stop.command, CMD.stopSession);

    // It ticks every second: within a few seconds its text (elapsed time) changes.
    const first = cost.text;
    await waitFor(() => item(COST_ID)?.text !== first, 8_000, `the cost item to change from "${first}"`);
    const later = item(COST_ID)?.text ?? '';
    assert.match(later, /\d/);
    // Within the same 2.1 s the host test slept, it changes again (it keeps ticking).
    await waitFor(() => item(COST_ID)?.text !== later, 2_100, 'the cost item to keep ticking');
  });

  it('opens the live view panel with the session URL in an iframe and a strict CSP', async () => {
    await runCode('await page.title()');
    const session = w.api.sessions.get(job);
    assert.ok(session?.liveViewUrl, 'the session has no live view URL');
    await w.command(CMD.openLiveView);
    await waitFor(() => w.api.liveView() !== undefined, 15_000, 'the live view panel');
    const view = w.api.liveView();
    assert.ok(view);
    assert.equal(view.jobId, job);
    assert.ok(view.title.includes(job.slice(0, 8)), `panel title "${view.title}" does not name the job`);
    assert.equal(view.interactive, false);
    assert.equal(view.iframeSrc, session.liveViewUrl, 'iframe does not show the session live view URL');

    const html = view.html;
    const iframe = /<iframe[^>]*\ssrc="([^"]+)"/.exec(html);
    assert.ok(iframe, 'no iframe in the panel');
    assert.equal(iframe[1].replace(/&amp;/g, '&'), session.liveViewUrl);

    const cspMeta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    assert.ok(cspMeta, 'no CSP meta tag');
    const csp = cspMeta[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values] as const));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    const liveOrigin = new URL(session.liveViewUrl).origin;
    const interactiveOrigin = session.interactiveLiveViewUrl ? new URL(session.interactiveLiveViewUrl).origin : liveOrigin;
    assert.deepEqual([...new Set(directives.get('frame-src'))].sort(), [...new Set([liveOrigin, interactiveOrigin])].sort(), `frame-src is ${directives.get('frame-src')?.join(' ')}`);
    const scriptSrc = directives.get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1, `script-src allows more than a nonce: ${scriptSrc.join(' ')}`);
    const nonce = /^'nonce-([A-Za-z0-9+/=_-]{16,})'$/.exec(scriptSrc[0])?.[1];
    assert.ok(nonce, `script-src is not a nonce: ${scriptSrc[0]}`);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
    assert.ok(scripts.length > 0, 'no script tag');
    for (const s of scripts) assert.match(s[1], new RegExp(`nonce="${nonce.replace(/[+/=]/g, '\\$&')}"`), `script without the nonce: ${s[0]}`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    for (const name of ['default-src', 'frame-src', 'script-src']) assert.ok(!(directives.get(name) ?? []).some((v) => v.includes('*')), `${name} has a wildcard`);

    // The interactive toggle through the command: the iframe switches URL, same policy.
    if (session.interactiveLiveViewUrl) {
      await w.command(CMD.openLiveView, { jobId: job, interactive: true });
      await waitFor(() => w.api.liveView()?.interactive === true, 10_000, 'the interactive live view');
      assert.equal(w.api.liveView()?.iframeSrc, session.interactiveLiveViewUrl);
    }
  });

  it('stops the session and reports the duration and credits the server billed', async () => {
    await runCode('await page.title()');
    assert.ok(w.api.sessions.get(job), 'no session recorded after the run');
    const mark = w.outputMark();
    await w.command(CMD.stopSession);
    const out = w.outputSince(mark);

    const line = new RegExp(`■ Session stopped · job ${job} · duration ([^·]+) · (\\d+) credits? billed`).exec(out);
    assert.ok(line, `no stop report in the output:\n${out}`);
    const credits = Number(line[2]);
    const [lowMs, highMs] = durationRange(line[1].trim());
    // The server bills with the shared formula (code only: 2 per minute, minimum 2, rounded up).
    assert.ok(credits >= creditsFor(lowMs, false) && credits <= creditsFor(highMs, false), `${credits} credits for ${line[1]}`);

    const asked = shown.find((m) => m.severity === 'warning' && /Stop this browser session\?/.test(m.message));
    assert.ok(asked?.buttons.includes('Stop session'), `stop did not ask first; saw ${JSON.stringify(shown)}`);
    const note = shown.find((m) => m.severity === 'info' && /stopped/.test(m.message));
    assert.ok(note, `no stop notification; saw ${JSON.stringify(shown)}`);
    assert.match(note.message, new RegExp(`the server billed ${credits} credits?`));

    assert.equal(w.api.sessions.get(job), undefined, 'session still recorded after stop');
    await waitFor(() => !item(COST_ID)?.visible && !item(STOP_ID)?.visible, 5_000, 'the cost and stop items to hide');
  });

  it('with two sessions shows their count and total, and stop asks which (or all)', async () => {
    await runCode('await page.title()');
    const second = await w.chooseScrapedJob(`${servers.fixtures.url}/two.html`);
    await runCode('await page.title()');
    assert.ok(w.api.sessions.get(job) && w.api.sessions.get(second), 'both sessions should be recorded');
    await waitFor(() => /2 sessions/.test(item(COST_ID)?.text ?? ''), 5_000, 'the cost item to count two sessions');
    const text = item(COST_ID)?.text ?? '';
    const total = Number(/~(\d+) cr/.exec(text)?.[1]);
    assert.ok(total >= 4, `two sessions of at least 2 credits each, shown as "${text}"`);
    assert.match(item(COST_ID)?.tooltip ?? '', new RegExp(`Job ${job}[\\s\\S]*Job ${second}`));

    const picks = w.quickPick((items) => items.find((i) => /Stop all 2 sessions/.test(i.label)));
    const mark = w.outputMark();
    await w.command(CMD.stopSession);
    assert.equal(picks.length, 1, 'stop did not ask which session');
    const offered = picks[0].items.filter((i) => i.kind !== w.vscode.QuickPickItemKind.Separator);
    assert.ok(offered.some((i) => (i.detail ?? '').includes(job)) && offered.some((i) => (i.detail ?? '').includes(second)), 'both sessions should be offered');
    const out = w.outputSince(mark);
    const billed = [...out.matchAll(/■ Session stopped · job (\S+) · duration [^·]+ · (\d+) credits? billed/g)];
    assert.deepEqual(billed.map((m) => m[1]).sort(), [job, second].sort());
    const sum = billed.reduce((n, m) => n + Number(m[2]), 0);
    assert.ok(shown.some((m) => m.message === `Stopped 2 of 2 sessions; the server billed ${sum} credits in total.`), `saw ${JSON.stringify(shown)}`);
    assert.equal(w.api.sessions.list().length, 0);
  });
});

/** The range of milliseconds that `formatDuration` prints as `text` ("350 ms", "12.3 s", "2:05"). */
function durationRange(text: string): [number, number] {
  let m = /^(\d+) ms$/.exec(text);
  if (m) return [Number(m[1]), Number(m[1]) + 1];
  m = /^(\d+)\.(\d) s$/.exec(text);
  if (m) {
    const ms = Number(m[1]) * 1000 + Number(m[2]) * 100;
    return [ms, ms + 99];
  }
  m = /^(?:(\d+):)?(\d+):(\d\d)$/.exec(text);
  if (m) {
    const ms = ((Number(m[1] ?? 0) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
    return [ms, ms + 999];
  }
  throw new Error(`unexpected duration format "${text}"`);
}

