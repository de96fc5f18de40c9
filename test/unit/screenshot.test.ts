import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeScreenshot, screenshotKind } from '../../src/run/screenshot';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 255]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]);

test('screenshot: a Buffer printed as JSON by the REPL decodes to its bytes', async () => {
  const result = JSON.stringify(PNG);
  assert.deepEqual(screenshotKind(result), { mime: 'image/png', encoding: 'buffer-json' });
  const shot = await decodeScreenshot(result);
  assert.equal(shot?.mime, 'image/png');
  assert.deepEqual(Buffer.from(shot!.bytes), PNG);
  assert.deepEqual(Buffer.from((await decodeScreenshot(JSON.stringify(JPEG)))!.bytes), JPEG);
});

test('screenshot: base64 and data URLs of PNG and JPEG', async () => {
  assert.deepEqual(Buffer.from((await decodeScreenshot(PNG.toString('base64')))!.bytes), PNG);
  const jpeg = await decodeScreenshot(`data:image/jpeg;base64,${JPEG.toString('base64')}`);
  assert.equal(jpeg?.mime, 'image/jpeg');
  assert.deepEqual(Buffer.from(jpeg!.bytes), JPEG);
});

test('screenshot: other results are not pictures', async () => {
  for (const r of [undefined, null, '', 'hello', '{"type":"Buffer","data":[1,2,3]}', '[137,80,78,71]', JSON.stringify({ a: 1 })]) {
    assert.equal(screenshotKind(r), undefined, String(r));
    assert.equal(await decodeScreenshot(r), undefined, String(r));
  }
  assert.equal(await decodeScreenshot('{"type":"Buffer","data":[137,80,78,71,13,10,26,10,999]}'), undefined, 'a byte over 255 is malformed');
  assert.equal(await decodeScreenshot('iVBORw0KGgo!!!'), undefined, 'not base64');
});

test('screenshot: a multi-megabyte Buffer decodes exactly, across slices', async () => {
  const big = Buffer.alloc(3 * 1024 * 1024, 7);
  PNG.copy(big);
  big[big.length - 1] = 200;
  const shot = await decodeScreenshot(JSON.stringify(big));
  assert.equal(shot?.bytes.length, big.length);
  assert.ok(Buffer.from(shot!.bytes).equals(big));
  const b64 = await decodeScreenshot(big.toString('base64'));
  assert.ok(Buffer.from(b64!.bytes).equals(big));
});
