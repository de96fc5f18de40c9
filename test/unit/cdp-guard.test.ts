import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardCommand, opensLocalFile } from '../../src/engine/cdp/guard';

const opts = { allowFileUrls: false, downloadsDir: '/tmp/interact-chromium-1-a-x/downloads', uploadRoots: ['/srv/shared'] };

test('cdp guard: file: URLs are found however they are written; others pass', () => {
  for (const url of ['file:///etc/passwd', ' FILE:/etc', 'fi\tle:///x', 'fi\nle:///x', '\x01file:///x', 'view-source: file:///x', 'VIEW-SOURCE:\tfile:///x', 'view-source:view-source:file:///x', 'view-source:%20file:///x', 'fi\x01le:///x', 'filesystem:file:///temporary/x']) {
    assert.equal(opensLocalFile(url), true, JSON.stringify(url));
  }
  for (const url of ['', 'about:blank', 'http://example.com/file:///x', 'https://a.test/', 'data:text/html,file:', 'view-source:https://a.test/']) {
    assert.equal(opensLocalFile(url), false, JSON.stringify(url));
  }
});

test('cdp guard: every URL-taking command, and commands wrapped in sendMessageToTarget, are checked', () => {
  const refused = (cmd: object): boolean => 'refused' in guardCommand(cmd, opts);
  assert.equal(refused({ method: 'Page.navigate', params: { url: 'fi\tle:///k' } }), true);
  assert.equal(refused({ method: 'Target.createTarget', params: { url: 'view-source: file:///k' } }), true);
  assert.equal(refused({ method: 'Network.loadNetworkResource', params: { url: 'file:///k' } }), true);
  assert.equal(refused({ method: 'Page.navigate', params: { url: 'https://a.test/' } }), false);
  const wrapped = (inner: unknown): object => ({ method: 'Target.sendMessageToTarget', params: { sessionId: 's', message: typeof inner === 'string' ? inner : JSON.stringify(inner) } });
  assert.equal(refused(wrapped({ id: 1, method: 'Page.navigate', params: { url: 'file:///k' } })), true);
  assert.equal(refused(wrapped(wrapped({ id: 1, method: 'Page.navigate', params: { url: 'file:///k' } }))), true);
  assert.equal(refused(wrapped('{not json')), true);
  // Duplicate keys: what is sent on is what was checked (the last one wins in both).
  const dup = guardCommand(wrapped('{"id":1,"method":"Page.navigate","params":{"url":"file:///k","url":"https://a.test/"}}'), opts);
  assert.ok('command' in dup && JSON.parse(String(dup.command.params?.message)).params.url === 'https://a.test/');
  assert.equal('refused' in guardCommand({ method: 'Page.navigate', params: { url: 'file:///k' } }, { ...opts, allowFileUrls: true }), false);
});

test('cdp guard: uploads only from --allow-path folders and the downloads folder; downloads go to the downloads folder', () => {
  const upload = (files: string[]): boolean => 'refused' in guardCommand({ method: 'DOM.setFileInputFiles', params: { files, nodeId: 1 } }, opts);
  assert.equal(upload(['/srv/shared/a.txt']), false);
  assert.equal(upload([`${opts.downloadsDir}/got.pdf`]), false);
  assert.equal(upload(['/root/.firecrawl-interact-engine/api-key']), true);
  assert.equal(upload(['/srv/shared/../../etc/passwd']), true);
  assert.equal(upload(['/srv/sharedX/a']), true);
  assert.equal('refused' in guardCommand({ method: 'Input.dispatchDragEvent', params: { type: 'drop', data: { items: [], files: ['/etc/passwd'] } } }, opts), true);
  const dl = guardCommand({ method: 'Browser.setDownloadBehavior', params: { behavior: 'allow', downloadPath: '/root/.firecrawl-interact-engine' } }, opts);
  assert.ok('command' in dl && dl.command.params?.downloadPath === opts.downloadsDir);
});
