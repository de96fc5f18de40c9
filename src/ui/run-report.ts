/**
 * Plain-text reports of runs and stops for the output channel (pure: no vscode import).
 * ANSI colour codes are stripped everywhere; a result longer than the limit is cut, and its
 * whole text is made on demand so the UI can open it in an editor tab. Capability URLs of the
 * session (CDP, live view) are never printed, even when the run's own output contains them.
 * A result that is a screenshot is named, not printed.
 *
 * Long texts are cut before they are scanned: only the part that can be shown (plus a margin)
 * is pretty-printed, stripped and hidden, so a multi-megabyte result costs about as much as
 * a small one (bench/big-result.mjs holds this to its targets).
 */
import { formatElapsed } from './labels';
import { formatNumber, l10n } from '../shared/l10n';
import { promptCounts, type InteractLanguage, type InteractResponse, type StopResponse } from '../shared/api-types';
import { screenshotKind } from '../run/screenshot';
import { parsesAsJson, prettyJsonHead } from './json-head';
import { stripAnsi } from '../shared/ansi';

export interface RunHeaderInfo {
  kind: 'code' | 'prompt';
  language?: InteractLanguage;
  prompt?: string;
  jobId: string;
  startedAt: Date;
  /** "title.js:4–6", "notebook.fcnb, cell 3". */
  source?: string;
  /** The server's label: "local engine", "cloud". */
  server?: string;
}

export interface RunInfo extends RunHeaderInfo {
  durationMs: number;
  response: InteractResponse;
}

export interface RunReport {
  text: string;
  truncated: boolean;
  /** Makes the whole result (pretty JSON when it parses); present when `text` holds a cut copy. */
  fullResult?: () => string;
}

// Text this close to a cut is dropped after hiding, so a capability URL or escape sequence
// split by the cut never shows its first half. Longer than any of them.
const CUT_MARGIN = 2_000;

const PROMPT_EXCERPT = 80;

/** The line a run starts with: what runs, from where, in which job, on which server, when. */
export function formatRunHeader(run: RunHeaderInfo): string {
  const what = run.kind === 'prompt' ? l10n.t('Prompt "{0}"', excerpt(stripAnsi(run.prompt ?? ''), PROMPT_EXCERPT)) : l10n.t('{0} code', run.language ?? 'node');
  const where = run.source ? ` · ${run.source}` : '';
  const server = run.server ? ` · ${run.server}` : '';
  return `▶ ${what}${where} · ${l10n.t('job {0}', run.jobId)}${server} · ${localTime(run.startedAt)}`;
}

/** The header (unless `header: false`: it was written when the run started) and the run's outcome. */
export function formatRunReport(run: RunInfo, opts: { limit: number; header?: boolean }): RunReport {
  const res = run.response;
  const hide = (s: string) => hideUrls(stripAnsi(s), res);
  const lines: string[] = [];
  if (opts.header !== false) lines.push(formatRunHeader(run));

  // URLs are hidden before a section is cut, so a cut never leaves part of a token behind.
  const section = (title: string, body: string | null | undefined, cut = false) => {
    if (body === undefined || body === null || body === '') return;
    if (!cut) {
      lines.push(`${title}:`, trimEnd(hide(body)));
      return;
    }
    const part = fit(opts.limit, hide, rawHead(body));
    lines.push(`${title}:`, trimEnd(part.cut ? `${part.shown}\n… ${l10n.t('{0} cut at {1} of {2} characters.', title, formatNumber(opts.limit), formatNumber(body.length))}` : part.shown));
  };

  if (run.kind === 'prompt') section(l10n.t('Answer'), res.output);
  const counts = run.kind === 'prompt' ? promptCounts(res) : undefined;
  if (counts) lines.push(counts);
  section('stdout', res.stdout, true);

  let fullResult: (() => string) | undefined;
  const shot = screenshotKind(res.result);
  // Bash and value-less Python answer `result` as an alias of stdout (as the cloud documents it):
  // printed once, as stdout, with the whole of it behind "Open full result" when stdout was cut.
  if (res.result && res.result === res.stdout && !shot) {
    const whole = res.result;
    if (whole.length > opts.limit) fullResult = () => hide(whole);
  } else if (shot && res.result) {
    // Thousands of characters of base64 tell a reader nothing: the picture is shown instead
    // (the notebook cell, the image beside, or the "Open image" line).
    lines.push('result:', l10n.t('a {0} screenshot ({1} characters, not printed)', shot.mime === 'image/png' ? 'PNG' : 'JPEG', formatNumber(res.result.length)));
  } else if (res.result !== undefined && res.result !== null && res.result !== '') {
    const raw = res.result;
    const part = fitResult(raw, opts.limit, hide);
    lines.push('result:', trimEnd(part.shown));
    if (part.cut) {
      let whole: string | undefined;
      fullResult = () => (whole ??= hide(prettyJson(raw)));
      lines.push(`… ${l10n.t('result cut at {0} of {1} characters; open the full result from the notification or the Runs view.', formatNumber(opts.limit), formatNumber(raw.length))}`);
    }
  }

  section('stderr', res.stderr, true);
  if (res.exitCode !== undefined && res.exitCode !== null) lines.push(l10n.t('exit code: {0}', res.exitCode));
  if (res.truncated) lines.push(`✂ ${l10n.t("The server cut this run's output: each cut part ends with a note saying where. Print less, or return only what you need.")}`);
  if (res.killed) lines.push(l10n.t('Killed: the run hit its time limit and was stopped. Raise the timeout (1–300 s) or do less per run.'));
  if (!res.success) lines.push(`✗ ${l10n.t('Failed: {0}', failureText(res, hide))}`);
  // Not "✓ Done": agent-browser prints that after each bash command, so it would not mark the end.
  lines.push(`└ ${res.success ? l10n.t('finished in {0}', formatDuration(run.durationMs)) : l10n.t('ended in {0}', formatDuration(run.durationMs))}`);
  return { text: lines.join('\n'), truncated: fullResult !== undefined, ...(fullResult !== undefined ? { fullResult } : {}) };
}

/** One line about a stop; a free (local engine) session says what the cloud would have billed. */
export function formatStopReport(jobId: string, res: StopResponse, free = false): string {
  if (!res.success) return `■ ${l10n.t('Stopping the session of job {0} failed: {1}', jobId, stopError(res))}`;
  const parts = [`■ ${l10n.t('Session stopped')} · ${l10n.t('job {0}', jobId)}`];
  if (typeof res.sessionDurationMs === 'number') parts.push(l10n.t('duration {0}', formatDuration(res.sessionDurationMs)));
  if (typeof res.creditsBilled === 'number') parts.push(free ? l10n.t('free (the cloud would bill {0})', credits(res.creditsBilled)) : l10n.t('{0} billed', credits(res.creditsBilled)));
  else if (free) parts.push(l10n.t('free'));
  return parts.join(' · ');
}

/** The server's reason for a failed stop, as plain text. */
export function stopError(res: StopResponse): string {
  return stripAnsi(res.error ?? l10n.t('the server gave no reason'));
}

/** "1 credit", "3 credits". */
export function credits(n: number): string {
  return n === 1 ? l10n.t('1 credit') : l10n.t('{0} credits', formatNumber(n));
}

/** A prompt's answer for a one-line notification: plain text, capability URLs hidden, cut at `max`. */
export function answerExcerpt(res: InteractResponse, max: number): string {
  return excerpt(hideUrls(stripAnsi(res.output ?? ''), res), max);
}

/** "350 ms", "12.3 s", then the status bar's clock form: "2:05" (m:ss), "1:02:05". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return l10n.t('{0} ms', formatNumber(Math.max(0, Math.round(ms))));
  if (ms < 60_000) return l10n.t('{0} s', formatNumber(Math.floor(ms / 100) / 10, 1));
  return formatElapsed(ms);
}

function failureText(res: InteractResponse, hide: (s: string) => string): string {
  const error = res.error ? hide(res.error).trim() : '';
  // The server often repeats stderr as `error`; say it once.
  if (!error || error === (res.stderr ? hide(res.stderr).trim() : undefined)) {
    if (res.killed) return l10n.t('killed by the time limit.');
    return res.exitCode ? l10n.t('the run did not succeed (exit code {0}); see stderr above.', res.exitCode) : l10n.t('the run did not succeed; see stderr above.');
  }
  return excerpt(error, 2000);
}

function prettyJson(result: string): string {
  const t = result.trim();
  if (!/^[[{"]/.test(t)) return result;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return result;
  }
}

interface Head {
  text: string;
  /** `text` is all there is. */
  complete: boolean;
}

/**
 * What fits in `limit` characters once hidden, scanning only a head of the text (`headOf(n)`
 * gives its first n characters): doubled while hiding shrinks it below the limit, so a text
 * made mostly of escapes or URLs is still shown up to the limit.
 */
function fit(limit: number, hide: (s: string) => string, headOf: (n: number) => Head): { shown: string; cut: boolean } {
  for (let size = limit + CUT_MARGIN; ; size *= 2) {
    const head = headOf(size);
    const hidden = hide(head.text);
    if (head.complete) return hidden.length > limit ? { shown: hidden.slice(0, limit), cut: true } : { shown: hidden, cut: false };
    if (hidden.length - CUT_MARGIN >= limit) return { shown: hidden.slice(0, limit), cut: true };
  }
}

function rawHead(text: string): (n: number) => Head {
  return (n) => ({ text: text.slice(0, n), complete: n >= text.length });
}

/** A result as pretty JSON when it is JSON (else as is), cut to `limit`, without printing all of a long one. */
function fitResult(raw: string, limit: number, hide: (s: string) => string): { shown: string; cut: boolean } {
  if (!/^\s*[[{"]/.test(raw)) return fit(limit, hide, rawHead(raw));
  const asIs = rawHead(raw);
  return fit(limit, hide, (n) => {
    const head = prettyJsonHead(raw, n);
    // Not JSON after all (or cut off): shown as it came.
    return head && !(head.complete && !parsesAsJson(head.text)) ? head : asIs(n);
  });
}

function hideUrls(text: string, res: InteractResponse): string {
  let out = text;
  const secrets: [string | null | undefined, string][] = [
    [res.cdpUrl, '<cdpUrl hidden>'],
    [res.interactiveLiveViewUrl, '<live view URL hidden>'],
    [res.liveViewUrl, '<live view URL hidden>'],
  ];
  for (const [url, label] of secrets) if (url) out = out.split(url).join(label);
  return out;
}

function excerpt(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function trimEnd(s: string): string {
  return s.replace(/\s+$/, '');
}

function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
