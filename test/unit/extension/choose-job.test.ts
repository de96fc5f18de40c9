// Choose job through its quick pick as a person would answer it, on the fake `vscode`: "Scrape a
// URL…" scrapes a fixture page on the real engine and makes the new job current; known jobs are
// listed most recent first with their URL; "Enter a job ID…" validates a UUID as you type.
import * as assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { CMD } from '../../../src/ids';
import type { ShownMessage } from '../../support/fake-vscode/index';
import { FakeWindow, unknownJobId } from '../../support/fake-vscode/window';
import { startServers, type Servers } from '../../support/servers';

const label = (item: vscode.QuickPickItem | undefined) => item?.label ?? '';

describe('choose job (fake vscode, real engine)', () => {
  let servers: Servers;
  let w: FakeWindow;
  let shown: ShownMessage[];

  before(async () => {
    servers = await startServers();
    w = await FakeWindow.open();
    await w.useBackend(servers.engine);
  });

  beforeEach(() => {
    w.resetAnswers();
    shown = w.notifications();
    w.closeEditors();
  });

  after(async () => {
    await w?.close();
    await servers?.close();
  });

  async function scrapeThroughQuickPick(page: string): Promise<string> {
    const picks = w.quickPick((items) => items.find((i) => /Scrape a URL/.test(i.label)));
    const inputs = w.inputBox(() => `${servers.fixtures.url}${page}`);
    const mark = w.outputMark();
    const result = await w.command<string | undefined>(CMD.chooseJob);
    assert.equal(picks.length, 1, 'the quick pick was not shown once');
    assert.equal(inputs.length, 1, 'the URL input box was not shown once');
    const job = w.api.currentJob();
    assert.ok(job, `no current job after scraping; output:\n${w.outputSince(mark)}`);
    if (result !== undefined) assert.equal(result, job);
    assert.match(w.outputSince(mark), new RegExp(`Scraped ${servers.fixtures.url}${page.replace(/[.?]/g, '\\$&')}.* → job ${job}`));
    return job;
  }

  it('scrapes a URL from the quick pick and makes its job current', async () => {
    const job = await scrapeThroughQuickPick('/two.html');
    assert.match(job, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const known = w.api.jobs()[0];
    assert.equal(known.jobId, job, 'the new job is not the most recent');
    assert.equal(known.url, `${servers.fixtures.url}/two.html`);
    assert.equal(known.title, 'Second Page');
    assert.ok(shown.some((m) => m.severity === 'info' && m.message.includes(job)), 'no notification names the new job');

    // The new job is the one runs go to: the page is the scraped one.
    await w.openFile('title.js', 'await page.title()');
    const mark = w.outputMark();
    await w.command(CMD.runSelection);
    assert.match(w.outputSince(mark), new RegExp(`job ${job}[\\s\\S]*result:\\nSecond Page\\n`));
  });

  it('lists known jobs most recent first with URL and age, and switches to a picked one', async () => {
    const older = await scrapeThroughQuickPick('/index.html');
    shown = w.notifications();
    const newer = await scrapeThroughQuickPick('/article.html');
    shown = w.notifications();

    const picks = w.quickPick((items) => items.find((i) => (i.detail ?? '').includes(older)));
    await w.command(CMD.chooseJob);
    const items = picks[0].items.filter((i) => i.kind !== w.vscode.QuickPickItemKind.Separator);
    const newerIndex = items.findIndex((i) => (i.detail ?? '').includes(newer));
    const olderIndex = items.findIndex((i) => (i.detail ?? '').includes(older));
    assert.ok(newerIndex >= 0 && olderIndex > newerIndex, `not most recent first: ${items.map(label).join(' | ')}`);
    assert.equal(items[newerIndex].label, 'Article Page');
    assert.ok(items[newerIndex].detail?.includes(`${servers.fixtures.url}/article.html`), `detail: ${items[newerIndex].detail}`);
    assert.match(items[newerIndex].description ?? '', /just now|min ago/);
    assert.match(items[newerIndex].description ?? '', /current/);
    assert.ok(items.some((i) => /Enter a job ID/.test(i.label)) && items.some((i) => /Scrape a URL/.test(i.label)), 'entry items missing');
    assert.equal(w.api.currentJob(), older, 'picking a known job did not make it current');
  });

  it('validates a typed job ID as you type and remembers the entered job', async () => {
    const typed = unknownJobId();
    let validate: ((value: string) => unknown) | undefined;
    w.quickPick((items) => items.find((i) => /Enter a job ID/.test(i.label)));
    w.inputBox((options) => {
      validate = options?.validateInput as typeof validate;
      return typed;
    });
    await w.command(CMD.chooseJob);
    assert.ok(validate, 'the job ID input box has no validateInput');
    assert.match(String(await validate('not-a-job')), /not a UUID/);
    assert.match(String(await validate('')), /empty/);
    assert.equal(await validate(typed), undefined);
    // A typed ID is only pending: its server confirms it on the first run (never listed before).
    assert.equal(w.api.pendingJob(), typed);
    assert.notEqual(w.api.currentJob(), typed);
    assert.ok(!w.api.jobs().some((j) => j.jobId === typed), 'an unconfirmed job was listed');
  });

  it('keeps the current job when the pick is cancelled', async () => {
    // Escape on the quick pick: the current job stays, and no notification claims a change.
    const before = w.api.currentJob();
    w.quickPick(() => undefined);
    const mark = w.outputMark();
    await w.command(CMD.chooseJob);
    assert.equal(w.api.currentJob(), before);
    assert.equal(w.outputSince(mark), '');
    assert.equal(shown.length, 0, `unexpected notifications: ${JSON.stringify(shown)}`);
  });
});

