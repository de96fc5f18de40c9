// The SDK's scrape actions beyond the basic ones, through the official JS SDK against the real
// engine: screenshot with viewport/quality, `scrape` snapshots, executeJavascript with `return`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Firecrawl from '@mendable/firecrawl-js';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { withEngineAndFixtures } from './api';

/** Width and height of a PNG data URL, read from its IHDR chunk. */
function pngSize(dataUrl: string): [number, number] {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('engine: scrape actions and screenshot options (JS SDK)', { timeout: 120_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let fc: Firecrawl;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
    fc = new Firecrawl({ apiKey: engine.apiKey, apiUrl: engine.url });
  });

  test('scrape snapshots, javascript returns (expression and return statement), viewport screenshots', async () => {
    const doc = await fc.scrape(`${fx.url}/index.html`, {
      formats: ['markdown', { type: 'screenshot', viewport: { width: 640, height: 480 } }],
      actions: [
        { type: 'scrape' },
        { type: 'click', selector: '#btn' },
        { type: 'executeJavascript', script: "const b = document.querySelector('#btn');\nreturn { text: b.textContent, clicks: window.clicks };" },
        { type: 'executeJavascript', script: 'document.title' },
        { type: 'scrape' },
        { type: 'screenshot', viewport: { width: 400, height: 300 } },
        { type: 'screenshot', quality: 40 },
      ],
    });
    const actions = doc.actions as { scrapes: { url: string; html: string }[]; javascriptReturns: { type: string; value: unknown }[]; screenshots: string[] };
    assert.equal(actions.scrapes.length, 2);
    assert.equal(actions.scrapes[0].url, `${fx.url}/index.html`);
    assert.match(actions.scrapes[0].html, />Click me</);
    assert.match(actions.scrapes[1].html, />Clicked 1 times</);
    assert.deepEqual(actions.javascriptReturns, [
      { type: 'object', value: { text: 'Clicked 1 times', clicks: 1 } },
      { type: 'string', value: 'Fixture Home' },
    ]);
    assert.deepEqual(pngSize(actions.screenshots[0]), [400, 300]);
    assert.match(actions.screenshots[1], /^data:image\/jpeg;base64,/);
    // The format screenshot uses its own viewport; the action's viewport was put back after it.
    assert.deepEqual(pngSize(doc.screenshot as string), [640, 480]);
    assert.match(doc.markdown ?? '', /Clicked 1 times/);
  });

  test('pdf and unknown actions: the SDK gets the 400 with the rule', async () => {
    await assert.rejects(fc.scrape(`${fx.url}/index.html`, { actions: [{ type: 'pdf' }] }), /pdf action is not supported/);
  });
});
