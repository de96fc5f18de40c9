// Choose job through its quick pick as a person would answer it: "Scrape a URL…" scrapes a
// fixture page on the real engine and makes the new job current; known jobs are listed most
// recent first with their URL; "Enter a job ID…" validates a UUID as you type.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension-api';
import { CMD, extensionApi, outputMark, outputSince, resetSettings, stopAllSessions, unknownJobId, useBackend, openFile } from './support/extension';
import { Stubs, type ShownMessage } from './support/stubs';
import { getWorld, type World } from './support/world';

const label = (item: vscode.QuickPickItem | undefined) => item?.label ?? '';

describe('choose job', function () {
  let api: ExtensionApi;
  let world: World;
  let shown: ShownMessage[];
  const stubs = new Stubs();

  before(async function () {
    this.timeout(180_000);
    world = await getWorld();
    api = await extensionApi();
    await useBackend(api, world.engine);
  });

  beforeEach(() => {
    shown = stubs.notifications();
  });

  afterEach(() => stubs.restore());

  after(async function () {
    this.timeout(60_000);
    await stopAllSessions(api);
    await resetSettings();
  });

  async function scrapeThroughQuickPick(page: string): Promise<string> {
    const picks = stubs.quickPick((items) => items.find((i) => /Scrape a URL/.test(i.label)));
    const inputs = stubs.inputBox(() => `${world.fixtures.url}${page}`);
    const mark = outputMark(api);
    const result = await vscode.commands.executeCommand<string | undefined>(CMD.chooseJob);
    assert.equal(picks.length, 1, 'the quick pick was not shown once');
    assert.equal(inputs.length, 1, 'the URL input box was not shown once');
    const job = api.currentJob();
    assert.ok(job, `no current job after scraping; output:\n${outputSince(api, mark)}`);
    if (result !== undefined) assert.equal(result, job);
    assert.match(outputSince(api, mark), new RegExp(`Scraped ${world.fixtures.url}${page.replace(/[.?]/g, '\\$&')}.* → job ${job}`));
    return job;
  }

  it('scrapes a URL from the quick pick and makes its job current', async () => {
    const job = await scrapeThroughQuickPick('/two.html');
    assert.match(job, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const known = api.jobs()[0];
    assert.equal(known.jobId, job, 'the new job is not the most recent');
    assert.equal(known.url, `${world.fixtures.url}/two.html`);
    assert.equal(known.title, 'Second Page');
    assert.ok(shown.some((m) => m.severity === 'info' && m.message.includes(job)), 'no notification names the new job');

    // The new job is the one runs go to: the page is the scraped one.
    await openFile('title.js', 'await page.title()');
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.runSelection);
    assert.match(outputSince(api, mark), new RegExp(`job ${job}[\\s\\S]*result:\\nSecond Page\\n`));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists known jobs most recent first with URL and age, and switches to a picked one', async () => {
    const older = await scrapeThroughQuickPick('/index.html');
    stubs.restore();
    shown = stubs.notifications();
    const newer = await scrapeThroughQuickPick('/article.html');
    stubs.restore();
    shown = stubs.notifications();

    const picks = stubs.quickPick((items) => items.find((i) => (i.detail ?? '').includes(older)));
    await vscode.commands.executeCommand(CMD.chooseJob);
    const items = picks[0].items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    const newerIndex = items.findIndex((i) => (i.detail ?? '').includes(newer));
    const olderIndex = items.findIndex((i) => (i.detail ?? '').includes(older));
    assert.ok(newerIndex >= 0 && olderIndex > newerIndex, `not most recent first: ${items.map(label).join(' | ')}`);
    assert.equal(items[newerIndex].label, 'Article Page');
    assert.ok(items[newerIndex].detail?.includes(`${world.fixtures.url}/article.html`), `detail: ${items[newerIndex].detail}`);
    assert.match(items[newerIndex].description ?? '', /just now|min ago/);
    assert.match(items[newerIndex].description ?? '', /current/);
    assert.ok(items.some((i) => /Enter a job ID/.test(i.label)) && items.some((i) => /Scrape a URL/.test(i.label)), 'entry items missing');
    assert.equal(api.currentJob(), older, 'picking a known job did not make it current');
  });

  it('validates a typed job ID as you type and remembers the entered job', async () => {
    const typed = unknownJobId();
    let validate: ((value: string) => unknown) | undefined;
    stubs.quickPick((items) => items.find((i) => /Enter a job ID/.test(i.label)));
    stubs.inputBox((options) => {
      validate = options?.validateInput as typeof validate;
      return typed;
    });
    await vscode.commands.executeCommand(CMD.chooseJob);
    assert.ok(validate, 'the job ID input box has no validateInput');
    assert.match(String(await validate('not-a-job')), /not a UUID/);
    assert.match(String(await validate('')), /empty/);
    assert.equal(await validate(typed), undefined);
    // A typed ID is only pending: its server confirms it on the first run (never listed before).
    assert.equal(api.pendingJob(), typed);
    assert.notEqual(api.currentJob(), typed);
    assert.ok(!api.jobs().some((j) => j.jobId === typed), 'an unconfirmed job was listed');
  });

  it('keeps the current job when the pick is cancelled', async () => {
    // Escape on the quick pick: the current job stays, and no notification claims a change.
    const before = api.currentJob();
    stubs.quickPick(() => undefined);
    const mark = outputMark(api);
    await vscode.commands.executeCommand(CMD.chooseJob);
    assert.equal(api.currentJob(), before);
    assert.equal(outputSince(api, mark), '');
    assert.equal(shown.length, 0, `unexpected notifications: ${JSON.stringify(shown)}`);
  });
});
