import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIME, pageOutputs } from '../../src/notebook/outputs';

const dec = (d: Uint8Array) => new TextDecoder().decode(d);

test('the page as it is now in a notebook: where it is, then the markdown rendered, HTML and links as plain text', async () => {
  const page = { url: 'http://127.0.0.1/a', title: 'A', markdown: '# Clicked 2 times', html: '<script>alert(1)</script>', links: ['http://x/1', 'http://x/2'] };
  const outputs = await pageOutputs(page, ['markdown', 'html', 'links']);
  assert.deepEqual(outputs.map((o) => o.map((i) => i.mime)), [[MIME.text], [MIME.markdown, MIME.text], [MIME.text], [MIME.text]]);
  assert.equal(dec(outputs[0][0].data), 'The page as it is now: "A" (http://127.0.0.1/a)');
  assert.equal(dec(outputs[1][0].data), '# Clicked 2 times');
  assert.equal(dec(outputs[2][0].data), '<script>alert(1)</script>', 'the HTML is text, never rendered');
  assert.equal(dec(outputs[3][0].data), 'http://x/1\nhttp://x/2');
});

test('a screenshot is a PNG output; a page without a picture adds none', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const [, shot] = await pageOutputs({ url: 'http://h/', screenshot: png.toString('base64') }, ['screenshot']);
  assert.equal(shot?.[0].mime, 'image/png');
  assert.equal((await pageOutputs({ url: 'http://h/' }, ['screenshot'])).length, 1);
});
