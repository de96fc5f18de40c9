// Firecrawl's official JS SDK pointed at the local engine works unchanged (the promise).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Firecrawl from '@mendable/firecrawl-js';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { withEngineAndFixtures } from './api';

describe('engine: the official JS SDK (@mendable/firecrawl-js) works against it', { timeout: 120_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  withEngineAndFixtures((e, f) => {
    engine = e;
    fx = f;
  });

  test('scrape, interact (node and bash), stopInteraction, and errors', async () => {
    const fc = new Firecrawl({ apiKey: engine.apiKey, apiUrl: engine.url });
    const doc = await fc.scrape(`${fx.url}/index.html`, { formats: ['markdown', 'links'], actions: [{ type: 'click', selector: '#btn' }] });
    assert.match(doc.markdown ?? '', /# Hello fixture/);
    const jobId = doc.metadata?.scrapeId as string;
    assert.ok(jobId);
    const run = await fc.interact(jobId, { code: "await page.textContent('#btn')" });
    assert.equal(run.success, true);
    assert.equal(run.result, 'Clicked 1 times');
    assert.match(run.cdpUrl ?? '', /^ws:\/\//);
    const bash = await fc.interact(jobId, { code: 'agent-browser get title', language: 'bash' });
    assert.equal(bash.stdout, 'Fixture Home\n');
    const stop = await fc.stopInteraction(jobId);
    assert.equal(stop.success, true);
    assert.ok((stop.creditsBilled ?? 0) >= 2);
    await assert.rejects(fc.interact(jobId, { code: '1' }), /destroyed/);
    await assert.rejects(fc.interact('00000000-0000-4000-8000-000000000000', { code: '1' }), /Job not found/);
    const wrongKey = new Firecrawl({ apiKey: 'wrong', apiUrl: engine.url });
    await assert.rejects(wrongKey.scrape(`${fx.url}/index.html`), /Unauthorized/);
  });
});
