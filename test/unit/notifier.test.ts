/**
 * Outside text (a page title, an agent answer, a server error) never becomes a link in a
 * notification: VS Code parses `[label](command:…)` in messages (its LINK_REGEX in
 * vs/base/common/linkedText.ts, copied below as the rule the messages are checked against).
 * The extension's own links, added after, still are links.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VSCode } from '../../src/host/vscode-types';
import { Notifier, plainText } from '../../src/ui/notifier';

const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const links = (text: string) => [...text.matchAll(VSCODE_LINK)].map((m) => m[2]);

const EVIL = 'Shop [Open live view](command:firecrawlInteract.switchBackend?[{"to":"custom","url":"https://evil.example"}] "Open live view")';

/** A `vscode` with only what the Notifier calls, recording what is shown. */
function fakeVscode() {
  const shown: string[] = [];
  const reports: string[] = [];
  const vscode = {
    ProgressLocation: { Notification: 15, Window: 10 },
    window: {
      showInformationMessage: (m: string) => (shown.push(m), Promise.resolve(undefined)),
      showWarningMessage: (m: string) => (shown.push(m), Promise.resolve(undefined)),
      showErrorMessage: (m: string) => (shown.push(m), Promise.resolve(undefined)),
      withProgress: (opts: { title: string }, task: (p: { report(v: { message: string }): void }, t: { onCancellationRequested(): void }) => Promise<void>) => {
        shown.push(opts.title);
        return task({ report: (v) => reports.push(v.message) }, { onCancellationRequested: () => undefined });
      },
    },
  };
  return { vscode: vscode as unknown as VSCode, shown, reports };
}

const log = { info: () => undefined, warn: () => undefined, error: () => undefined } as never;

test('plainText: no link of any kind can form, and the text still reads', () => {
  const out = plainText(EVIL);
  assert.deepEqual(links(out), []);
  assert.ok(!/command:/i.test(out), 'a bare command: URI is broken too');
  assert.ok(!/[[\]]/.test(out));
  assert.match(out, /^Shop ［Open live view］\(command：firecrawlInteract\.switchBackend/);
  assert.equal(plainText('Fixture Home (sale) — 50% off'), 'Fixture Home (sale) — 50% off');
  assert.equal(plainText('[a](https://x.example) [b](file:///etc/passwd) COMMAND :x'), '［a］(https://x.example) ［b］(file:///etc/passwd) COMMAND：x');
});

test('Notifier: info, warn and error show outside text without links, and record what they showed', () => {
  const { vscode, shown } = fakeVscode();
  const n = new Notifier(vscode, log);
  n.info(`Job 1 is now the current job ("${EVIL}") on local engine.`);
  n.warn(`The job of ${EVIL}.fcnb is gone.`);
  n.error(`The server rejected the request (400 Bad Request): ${EVIL}`);
  assert.equal(shown.length, 3);
  for (const text of shown) assert.deepEqual(links(text), [], text);
  assert.deepEqual(n.list().map((r) => r.message), shown);
});

test("Notifier: a run's outcome is inert, its own action links are added after and stay links", () => {
  const { vscode, shown } = fakeVscode();
  const n = new Notifier(vscode, log);
  const p = n.begin({ title: `Firecrawl: prompt "${EVIL}"`, location: 'notification', cancel: () => undefined });
  p.end();
  n.finishRun('r1', { severity: 'info', message: `Answer: ${EVIL}`, links: [{ label: 'Open live view', command: 'firecrawlInteract.openLiveView', arg: { jobId: 'j' } }] });
  assert.deepEqual(links(shown[0]), [], 'the progress title');
  assert.equal(shown.length, 2);
  assert.deepEqual(links(shown[1]), [`command:firecrawlInteract.openLiveView?${encodeURIComponent(JSON.stringify([{ jobId: 'j' }]))}`]);
  assert.ok(shown[1].startsWith('Answer: Shop ［Open live view］'));
  assert.ok(!n.list()[0].message.includes('['));
});

test("Notifier: a run's progress (with Cancel) ends with its request; the outcome is a message of its own severity", async () => {
  const calls: string[] = [];
  let progressDone = false;
  const vscode = {
    ProgressLocation: { Notification: 15, Window: 10 },
    window: {
      showInformationMessage: (m: string) => (calls.push(`info: ${m}`), Promise.resolve(undefined)),
      showWarningMessage: (m: string) => (calls.push(`warning: ${m}`), Promise.resolve(undefined)),
      showErrorMessage: (m: string) => (calls.push(`error: ${m}`), Promise.resolve(undefined)),
      withProgress: (opts: { cancellable: boolean }, task: (p: unknown, t: { onCancellationRequested(): void }) => Promise<void>) => {
        calls.push(`progress, cancellable: ${opts.cancellable}`);
        return task({ report: () => calls.push('report into the progress') }, { onCancellationRequested: () => undefined }).then(() => (progressDone = true));
      },
    },
  } as unknown as VSCode;
  const n = new Notifier(vscode, log);
  n.begin({ title: 'Firecrawl · node · job 1', location: 'notification', cancel: () => undefined }).end();
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(progressDone, true, 'the progress (and the status bar spinner of a hidden one) outlives its request');
  n.finishRun('r1', { severity: 'error', message: 'The run failed.', links: [{ label: 'Retry', command: 'x' }] });
  assert.deepEqual(calls, ['progress, cancellable: true', 'error: The run failed. [Retry](command:x)']);
  assert.deepEqual(n.list().map((r) => [r.severity, r.runId]), [['error', 'r1']]);
});
