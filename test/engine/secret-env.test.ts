import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { interact, scrapeJob, shown } from './api';

// Keys the engine reads from its environment must not reach the code it runs.
const ENGINE_KEY = 'engine-key-0123456789abcdef';
const CLOUD_KEY = 'fc-cloudkey0123456789';
const LLM_KEY = 'llm-key-0123456789abcdef';

describe('engine: secrets in its environment stay out of runs', () => {
  let engine: EngineHandle;
  let fixtures: FixtureServer;
  let jobId: string;

  before(async () => {
    fixtures = await startFixtureServer();
    engine = await startEngine({ apiKey: null, env: { FIRECRAWL_ENGINE_API_KEY: ENGINE_KEY, FIRECRAWL_API_KEY: CLOUD_KEY, INTERACT_LLM_KEY: LLM_KEY } });
    jobId = await scrapeJob({ url: engine.url, apiKey: ENGINE_KEY }, `${fixtures.url}/index.html`);
  });

  after(async () => {
    await engine?.stop();
    await fixtures?.close();
  });

  test('the key from FIRECRAWL_ENGINE_API_KEY authorizes requests', async () => {
    assert.ok(jobId);
  });

  for (const [language, code] of [
    ['bash', 'env'],
    ['node', 'JSON.stringify(process.env)'],
  ] as const) {
    test(`${language}: the run's environment has none of the engine's secrets`, async () => {
      const r = await interact({ url: engine.url, apiKey: ENGINE_KEY }, jobId, { language, code });
      assert.equal(r.body.success, true, shown(r.body));
      const seen = `${r.body.stdout}${r.body.result ?? ''}`;
      assert.match(seen, /PATH/, 'the run printed its environment');
      for (const secret of [ENGINE_KEY, CLOUD_KEY, LLM_KEY]) assert.ok(!seen.includes(secret), `a secret reached the ${language} run`);
    });
  }
});
