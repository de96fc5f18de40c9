import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InteractResponse } from '../../src/shared/api-types';
import { stripAnsi } from '../../src/shared/ansi';
import { answerExcerpt, credits, formatDuration, formatRunReport, formatStopReport } from '../../src/ui/run-report';

const JOB = '550e8400-e29b-41d4-a716-446655440000';
const AT = new Date(2026, 10, 21, 14, 3, 9);
const URLS = { cdpUrl: 'wss://cdp.example/devtools/browser/x?token=cdp-secret', liveViewUrl: 'https://live.example/v?token=view-secret', interactiveLiveViewUrl: 'https://live.example/v?token=ctl-secret' };

function code(response: InteractResponse, limit = 10_000) {
  return formatRunReport({ kind: 'code', language: 'node', jobId: JOB, startedAt: AT, durationMs: 1_234, response }, { limit });
}

test('report: ANSI colour, cursor and OSC sequences are stripped', () => {
  assert.equal(stripAnsi('\u001b[31mred\u001b[0m \u001b[1;32mbold\u001b[m \u001b[2K\u001b]0;title\u0007done\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\'), 'red bold donelink');
  const r = code({ success: true, stdout: '\u001b[32m✓ ok\u001b[39m\n', stderr: '\u001b[33mwarn\u001b[0m', exitCode: 0 });
  assert.ok(!r.text.includes('\u001b'), 'no escape character left');
  assert.match(r.text, /stdout:\n✓ ok\n/);
  assert.match(r.text, /stderr:\nwarn\n/);
});

test('report: header, stdout, pretty JSON result, exit code and duration in order', () => {
  const r = code({ success: true, ...URLS, stdout: 'hello\n', result: '{"title":"Example","n":[1,2]}', stderr: '', exitCode: 0, killed: false });
  assert.equal(
    r.text,
    [
      `▶ node code · job ${JOB} · 2026-11-21 14:03:09`,
      'stdout:',
      'hello',
      'result:',
      '{\n  "title": "Example",\n  "n": [\n    1,\n    2\n  ]\n}',
      'exit code: 0',
      '└ finished in 1.2 s',
    ].join('\n'),
  );
  assert.equal(r.truncated, false);
  assert.equal(r.fullResult, undefined);
});

test('report: a result that is not JSON is shown as is', () => {
  const r = code({ success: true, result: 'Example Domain', exitCode: 0 });
  assert.match(r.text, /result:\nExample Domain\n/);
  assert.match(code({ success: true, result: '{not json', exitCode: 0 }).text, /result:\n\{not json\n/);
});

test('report: prompts show the prompt excerpt and the answer prominently', () => {
  const prompt = `Find the price of the cheapest item ${'and more words '.repeat(20)}`;
  const r = formatRunReport({ kind: 'prompt', prompt, jobId: JOB, startedAt: AT, durationMs: 65_000, response: { success: true, output: 'The cheapest item costs $3.', result: '# Page snapshot' } }, { limit: 1_000 });
  const lines = r.text.split('\n');
  assert.match(lines[0], /^▶ Prompt "Find the price of the cheapest item and more words .*…" · job /);
  assert.ok(lines[0].length < 160);
  assert.deepEqual(lines.slice(1, 3), ['Answer:', 'The cheapest item costs $3.']);
  assert.match(r.text, /└ finished in 1:05$/);
});

test('report: failed and killed runs say so plainly, without repeating stderr', () => {
  const killed = code({ success: false, stdout: 'partial', stderr: 'Execution timed out', exitCode: 137, killed: true, error: 'Execution timed out' });
  assert.match(killed.text, /exit code: 137\nKilled: the run hit its time limit and was stopped\. Raise the timeout/);
  assert.match(killed.text, /✗ Failed: killed by the time limit\.\n└ ended in 1\.2 s$/);
  assert.equal(killed.text.split('Execution timed out').length, 2, 'stderr is shown once');
  const failed = code({ success: false, stderr: '', exitCode: 1, error: 'Execution failed' });
  assert.match(failed.text, /✗ Failed: Execution failed/);
  const bare = code({ success: false, stderr: 'TypeError: x is undefined', exitCode: 1, error: null });
  assert.match(bare.text, /✗ Failed: the run did not succeed \(exit code 1\); see stderr above\./);
});

test('report: a long result is cut at the limit and returned whole', () => {
  const big = JSON.stringify({ rows: Array.from({ length: 500 }, (_, i) => ({ i, name: `row ${i}` })) });
  const r = code({ success: true, result: big, exitCode: 0 }, 2_000);
  assert.equal(r.truncated, true);
  assert.ok(r.fullResult);
  const full = r.fullResult();
  assert.deepEqual(JSON.parse(full), JSON.parse(big));
  assert.match(full, /\n {2}"rows": \[/, 'the full result is pretty-printed too');
  assert.ok(r.text.includes(full.slice(0, 2_000).trimEnd()), 'the shown part is the start of the pretty-printed result');
  // The count is the result's size as received (the whole pretty-printed text is only made on demand).
  assert.match(r.text, new RegExp(`result cut at 2,000 of ${big.length.toLocaleString('en-US')} characters; open the full result`));
  assert.ok(r.text.length < 2_600);
});

test('report: huge stdout is capped too', () => {
  const r = code({ success: true, stdout: 'y'.repeat(5_000), exitCode: 0 }, 1_000);
  assert.match(r.text, /stdout cut at 1,000 of 5,000 characters/);
  assert.equal(r.truncated, false);
});

test('report: CDP and live-view URLs never appear, even if the run prints them', () => {
  const r = code({ success: true, ...URLS, stdout: `connect to ${URLS.cdpUrl}\n`, result: JSON.stringify({ view: URLS.liveViewUrl, ctl: URLS.interactiveLiveViewUrl }), exitCode: 0 });
  assert.doesNotMatch(r.text, /secret/);
  assert.match(r.text, /<cdpUrl hidden>/);
  assert.match(r.text, /<live view URL hidden>/);
});

test('report: a cut stdout or stderr never keeps part of a capability URL', () => {
  const limit = 1_000;
  // The cut at `limit` would fall inside the token if the URL were hidden after cutting.
  const out = `${'x'.repeat(limit - URLS.cdpUrl.length + 4)}${URLS.cdpUrl}${'y'.repeat(100)}`;
  const r = code({ success: true, ...URLS, stdout: out, stderr: out, exitCode: 0 }, limit);
  assert.doesNotMatch(r.text, /token=cdp/);
  assert.match(r.text, /stdout cut at 1,000 of/);
  assert.match(r.text, /stderr cut at 1,000 of/);
});

test('report: stop summary with duration and billed credits', () => {
  assert.equal(formatStopReport(JOB, { success: true, sessionDurationMs: 83_000, creditsBilled: 3 }), `■ Session stopped · job ${JOB} · duration 1:23 · 3 credits billed`);
  assert.equal(formatStopReport(JOB, { success: true, creditsBilled: 1 }), `■ Session stopped · job ${JOB} · 1 credit billed`);
  assert.equal(formatStopReport(JOB, { success: false, error: '\u001b[31mnot confirmed\u001b[0m' }), `■ Stopping the session of job ${JOB} failed: not confirmed`);
});

test('report: durations', () => {
  assert.equal(formatDuration(0), '0 ms');
  assert.equal(formatDuration(350), '350 ms');
  assert.equal(formatDuration(1_000), '1.0 s');
  assert.equal(formatDuration(59_999), '59.9 s');
  assert.equal(formatDuration(60_000), '1:00');
  assert.equal(formatDuration(3_725_000), '1:02:05');
});

test('answer excerpt: one plain line, capability URLs hidden, cut at the limit', () => {
  const res = { success: true, output: '\u001b[1mPrice\u001b[0m:\n  $49 at ws://h/cdp/x?token=abc', cdpUrl: 'ws://h/cdp/x?token=abc' };
  assert.equal(answerExcerpt(res, 100), 'Price: $49 at <cdpUrl hidden>');
  assert.equal(answerExcerpt({ success: true, output: 'x'.repeat(50) }, 10), `${'x'.repeat(9)}…`);
  assert.equal(answerExcerpt({ success: true }, 10), '');
});

test('stop report: the server error is plain text; credits are pluralised', () => {
  assert.equal(formatStopReport('j', { success: false, error: '\u001b[31mboom\u001b[0m' }), '■ Stopping the session of job j failed: boom');
  assert.equal(credits(1), '1 credit');
  assert.equal(credits(3), '3 credits');
});

test('report: a multi-megabyte result shows the start of its pretty JSON, capability URLs hidden', () => {
  const rows = Array.from({ length: 40_000 }, (_, i) => ({ i, link: URLS.liveViewUrl, text: `row ${i} \u001b[1mbold\u001b[0m`.repeat(3) }));
  const big = JSON.stringify(rows);
  assert.ok(big.length > 5_000_000);
  const r = code({ success: true, ...URLS, result: big, exitCode: 0 }, 20_000);
  assert.equal(r.truncated, true);
  assert.doesNotMatch(r.text, /secret/);
  const shown = r.text.slice(r.text.indexOf('result:\n') + 'result:\n'.length, r.text.indexOf('\n… result cut'));
  const full = r.fullResult?.() ?? '';
  assert.equal(shown, full.slice(0, shown.length), 'the shown part is the start of the full result');
  assert.ok(shown.length > 19_000 && shown.length <= 20_000, `shown ${shown.length} characters`);
  assert.doesNotMatch(full, /secret/);
  assert.deepEqual(JSON.parse(full.replaceAll('<live view URL hidden>', URLS.liveViewUrl)), rows);
});

test('report: a long stdout cut far past the limit keeps no part of a URL and no escape character', () => {
  const limit = 1_000;
  // Beyond limit + the scanning margin, so only the head is hidden; URLs and escapes everywhere.
  const out = Array.from({ length: 2_000 }, (_, i) => `\u001b[32mline ${i}\u001b[0m ${URLS.cdpUrl}`).join('\n');
  const r = code({ success: true, ...URLS, stdout: out, exitCode: 0 }, limit);
  assert.doesNotMatch(r.text, /token=cdp|cdp-secret/);
  assert.ok(!r.text.includes('\u001b'));
  assert.match(r.text, new RegExp(`stdout cut at 1,000 of ${out.length.toLocaleString('en-US')} characters`));
  const shown = r.text.slice(r.text.indexOf('stdout:\n') + 8, r.text.indexOf('\n… stdout cut'));
  assert.ok(shown.length > 900 && shown.length <= limit, `shown ${shown.length} characters`);
  assert.ok(shown.startsWith('line 0 <cdpUrl hidden>\nline 1 <cdpUrl hidden>'));
});

test('report: output the server cut (truncated: true) is said once; an uncut run says nothing of it', () => {
  const cut = code({ success: true, stdout: 'aaa\n[stdout cut by the engine after 1,000,000 characters; 5 more were not kept]\n', exitCode: 0, truncated: true });
  assert.match(cut.text, /exit code: 0\n✂ The server cut this run's output: each cut part ends with a note saying where\./);
  assert.equal(cut.text.split('✂').length, 2);
  assert.doesNotMatch(code({ success: true, stdout: 'aaa', exitCode: 0, truncated: false }).text, /✂/);
});

test('report: a result that is a screenshot (base64 or Buffer JSON) is named, not printed', () => {
  const b64 = `iVBORw0KGgo${'A'.repeat(30_000)}`;
  const r = code({ success: true, result: b64, exitCode: 0 }, 2_000);
  assert.match(r.text, /result:\na PNG screenshot \(30,011 characters, not printed\)\n/);
  assert.equal(r.text.includes('AAAA'), false);
  assert.equal(r.truncated, false);
  const jpeg = code({ success: true, result: `{"type":"Buffer","data":[255,216,255,224,${'1,'.repeat(100)}1]}`, exitCode: 0 });
  assert.match(jpeg.text, /result:\na JPEG screenshot \(\d+ characters, not printed\)/);
});

test('report: a result that is stdout\'s alias (bash, value-less Python) is printed once, as stdout', () => {
  const r = code({ success: true, stdout: 'Clicked 1 times\n', result: 'Clicked 1 times\n', stderr: '', exitCode: 0 });
  assert.equal(r.text.split('Clicked 1 times').length - 1, 1, r.text);
  assert.match(r.text, /stdout:\nClicked 1 times\n/);
  assert.doesNotMatch(r.text, /result:/);
  assert.equal(r.truncated, false);
  // Cut as stdout, the whole of it stays reachable through "Open full result".
  const long = 'line of output\n'.repeat(500);
  const cut = code({ success: true, stdout: long, result: long, exitCode: 0 }, 1_000);
  assert.match(cut.text, /… stdout cut at 1,000 of 7,500 characters\./);
  assert.equal(cut.fullResult?.(), long);
});

test('report: a prompt answer shows its turns, actions and tokens; code runs and answers without counts show none', () => {
  const r = formatRunReport({ kind: 'prompt', prompt: 'Click more', jobId: JOB, startedAt: AT, durationMs: 9_000, response: { success: true, output: 'Done.', turnCount: 3, actionCount: 1, usage: { inputTokens: 4400, outputTokens: 67 } } }, { limit: 1_000 });
  assert.match(r.text, /Answer:\nDone\.\n3 turns · 1 action · 4,400 input \+ 67 output tokens\n/);
  const bare = formatRunReport({ kind: 'prompt', prompt: 'Click more', jobId: JOB, startedAt: AT, durationMs: 9_000, response: { success: true, output: 'Done.' } }, { limit: 1_000 });
  assert.doesNotMatch(bare.text, /turn|tokens/);
  assert.doesNotMatch(code({ success: true, result: '1', turnCount: 2 } as InteractResponse).text, /turn/);
});

test("report: the end marker is not agent-browser's own \"✓ Done\", which bash runs print", () => {
  const r = formatRunReport({ kind: 'code', language: 'bash', jobId: JOB, startedAt: AT, durationMs: 200, response: { success: true, stdout: '✓ Done\n', result: '✓ Done\n', exitCode: 0 } }, { limit: 1_000 });
  const lines = r.text.split('\n');
  assert.equal(lines.at(-1), '└ finished in 200 ms');
  assert.equal(lines.filter((l) => l.startsWith('└')).length, 1);
  assert.equal(lines.filter((l) => l === '✓ Done').length, 1, "the run's own output is kept as printed");
});
