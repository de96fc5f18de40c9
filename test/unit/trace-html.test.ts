import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TraceFiles } from '../../src/host/trace-files';
import { loopbackOrigin, traceHtml } from '../../src/ui/trace-html';

const viewerUrl = 'http://127.0.0.1:40123/5f0c/firecrawl/trace.html?trace=file%3Fpath%3D%252Ftmp%252Ft.zip&run=2';

test('trace panel: the policy allows only the viewer\'s loopback origin as a frame, no script, a nonce\'d style', () => {
  const html = traceHtml({ viewerUrl, nonce: 'bm9uY2U=', label: 'Playwright trace of job 1a2b3c4d, run 2' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.equal(csp, "default-src &#39;none&#39;; frame-src http://127.0.0.1:40123; style-src &#39;nonce-bm9uY2U=&#39;");
  assert.doesNotMatch(html, /<script/);
  assert.ok(html.includes('src="http://127.0.0.1:40123/5f0c/firecrawl/trace.html?trace=file%3Fpath%3D%252Ftmp%252Ft.zip&amp;run=2" sandbox="allow-scripts allow-same-origin"'));
});

test('trace panel: anything but http://127.0.0.1 is never framed', () => {
  for (const url of ['https://127.0.0.1:1/x', 'http://localhost:1/x', 'http://example.com/x', 'http://u:p@127.0.0.1:1/x', 'javascript:alert(1)', 'not a url']) {
    assert.equal(loopbackOrigin(url), undefined, url);
    assert.throws(() => traceHtml({ viewerUrl: url, nonce: 'n', label: 'l' }), /127\.0\.0\.1/);
  }
  assert.equal(loopbackOrigin(viewerUrl), 'http://127.0.0.1:40123');
});

test('trace files: a session id becomes a safe name; a recording is found once it has a trace; only the newest 20 are kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trace-files-'));
  try {
    const files = new TraceFiles(dir);
    assert.equal(files.recordingDir('../../etc'), join(dir, 'recorded-______etc'));
    const rec = files.prepareRecording('s-1');
    assert.equal(files.recorded('s-1'), undefined);
    mkdirSync(rec, { recursive: true });
    writeFileSync(join(rec, 'recording.trace'), '');
    assert.equal(files.recorded('s-1'), join(rec, 'recording.json'));
    for (let i = 0; i < 25; i++) {
      const path = files.saveEngineTrace(`e-${i}`, Buffer.from('PK'));
      const t = new Date(Date.now() + i * 1000);
      utimesSync(path, t, t);
    }
    const left = readdirSync(dir);
    assert.equal(left.length, 20);
    assert.ok(left.includes('engine-e-24.zip') && !left.includes('engine-e-0.zip'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
