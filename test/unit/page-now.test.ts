import assert from 'node:assert/strict';
import { test } from 'node:test';
import { htmlToMarkdown, pageFromRun, pageReadingCode } from '../../src/run/page-now';

test('page now: the reading run asks only for what the formats need', () => {
  const md = pageReadingCode(['markdown']);
  assert.match(md, /page\.content\(\)/);
  assert.doesNotMatch(md, /screenshot|\$\$eval/);
  const all = pageReadingCode(['links', 'screenshot']);
  assert.match(all, /\$\$eval\('a\[href\]'/);
  assert.match(all, /page\.screenshot/);
  assert.doesNotMatch(all, /page\.content/);
});

test('page now: a run result becomes markdown (scripts and head left out), HTML, links and the screenshot', () => {
  const html = '<html><head><title>T</title><script>x()</script></head><body><h1>Now</h1><p>Clicked <b>2</b> times</p><a href="https://e.com/a">A</a></body></html>';
  const page = pageFromRun(JSON.stringify({ url: 'https://e.com/', title: 'T', html, links: ['https://e.com/a', 3], screenshot: 'iVBOR' }), ['markdown', 'links', 'screenshot']);
  assert.deepEqual(page, { url: 'https://e.com/', title: 'T', markdown: '# Now\n\nClicked **2** times\n\n[A](https://e.com/a)', links: ['https://e.com/a'], screenshot: 'iVBOR' });
  assert.equal(pageFromRun('not json', ['markdown']), undefined);
  assert.equal(pageFromRun('{"title":"no url"}', ['markdown']), undefined);
  assert.equal(htmlToMarkdown('<ul><li>one</li></ul>'), '-   one');
});
