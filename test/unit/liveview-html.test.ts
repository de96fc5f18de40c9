import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipboardAllowed, contentSecurityPolicy, escapeHtml, liveViewHtml, originOf } from '../../src/ui/liveview-html';

const base = {
  nonce: 'bm9uY2Vub25jZQ==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/media/liveview-panel.js',
  frameOrigins: ['http://127.0.0.1:41234'],
  interactive: false,
  clipboard: false,
  canToggle: true,
  jobId: '550e8400-e29b-41d4-a716-446655440000',
};

test('live view CSP: nothing by default, frames only from the live view origin, nonce scripts and styles', () => {
  const csp = contentSecurityPolicy(base);
  assert.equal(
    csp,
    "default-src 'none'; frame-src http://127.0.0.1:41234; script-src 'nonce-bm9uY2Vub25jZQ=='; style-src 'nonce-bm9uY2Vub25jZQ=='",
  );
});

test('live view CSP: no origin at all frames nothing', () => {
  assert.match(contentSecurityPolicy({ ...base, frameOrigins: [] }), /frame-src 'none'/);
});

test('live view HTML: iframe src, the CSP meta tag, and the nonce on the script and style', () => {
  const src = 'http://127.0.0.1:41234/live/abc?token=t0k&x=1';
  const html = liveViewHtml({ ...base, src });
  assert.ok(html.includes(`<iframe id="live" title="Live view of job ${base.jobId}" src="http://127.0.0.1:41234/live/abc?token=t0k&amp;x=1" sandbox="allow-scripts allow-same-origin"></iframe>`), 'sandboxed, and no clipboard');
  assert.ok(html.includes('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; frame-src http://127.0.0.1:41234;'));
  assert.ok(html.includes(`<script nonce="${base.nonce}" src="${base.scriptUri}"></script>`));
  assert.ok(html.includes(`<style nonce="${base.nonce}">`));
  assert.ok(html.includes('Switch to interactive'));
  assert.match(html, /<button id="screenshot" type="button" title="Screenshot the page[^"]*" aria-label="Screenshot the page"><svg [^>]*aria-hidden="true">[\s\S]*?<\/svg>Screenshot<\/button>/);
  assert.ok(!/<script(?![^>]*nonce=)/.test(html), 'every script carries the nonce');
});

test('live view HTML: without a session there is a notice and no iframe; buttons are disabled', () => {
  const html = liveViewHtml({ ...base, src: undefined, notice: 'No <session>' });
  assert.ok(!html.includes('<iframe'));
  assert.ok(html.includes('No &lt;session&gt;'));
  assert.match(html, /id="reload" type="button" disabled/);
  assert.match(html, /id="screenshot" [^>]* disabled>/, 'no screenshot without a session');
});

test('originOf: http(s) origins only', () => {
  assert.equal(originOf('https://liveview.firecrawl.dev/s/1?token=x'), 'https://liveview.firecrawl.dev');
  assert.equal(originOf('javascript:alert(1)'), undefined);
  assert.equal(originOf('not a url'), undefined);
  assert.equal(originOf(undefined), undefined);
});

test('escapeHtml escapes markup and quotes', () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('live view iframe: the clipboard only for interactive mode on the session\'s own server', () => {
  const own = 'http://127.0.0.1:41234/live/abc/interactive?token=t';
  assert.equal(clipboardAllowed(own, 'http://127.0.0.1:41234', true), true);
  assert.equal(clipboardAllowed(own, 'http://127.0.0.1:41234', false), false, 'read-only needs no clipboard');
  assert.equal(clipboardAllowed('https://live.evil.example/v?token=t', 'http://127.0.0.1:41234', true), false, 'another origin named by the server');
  assert.equal(clipboardAllowed('http://127.0.0.1:41235/live/abc', 'http://127.0.0.1:41234', true), false, 'another port is another origin');
  assert.equal(clipboardAllowed(undefined, 'http://127.0.0.1:41234', true), false);
  const html = liveViewHtml({ ...base, src: own, interactive: true, clipboard: true });
  assert.ok(html.includes(`sandbox="allow-scripts allow-same-origin" allow="clipboard-read; clipboard-write"></iframe>`));
  assert.ok(!liveViewHtml({ ...base, src: own }).includes('clipboard-read'));
});
