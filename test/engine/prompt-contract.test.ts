// Contract test: the engine's prompt path against a scripted OpenAI-compatible chat endpoint
// (the one part the engine cannot provide itself). The agent loop itself is tested by its owner.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { call, interact, scrapeJob, shown } from './api';

interface ChatRequest {
  auth?: string;
  body: { model: string; messages: { role: string; content: string | null }[] };
}

describe('contract: prompts through a scripted chat endpoint', { timeout: 120_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let llm: ReturnType<typeof createServer>;
  const seen: ChatRequest[] = [];
  before(async () => {
    fx = await startFixtureServer();
    llm = createServer(async (req: IncomingMessage, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const body = JSON.parse(text) as ChatRequest['body'];
      seen.push({ auth: req.headers.authorization, body });
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
      // The scripted model finishes at once, saying whether it was shown the replayed page.
      const answer = user.includes('Clicked 1 times') ? 'saw the clicked button' : 'did not see the page';
      const message = { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'finish', arguments: JSON.stringify({ answer }) } }] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message, finish_reason: 'tool_calls' }] }));
    });
    await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
    const { port } = llm.address() as AddressInfo;
    engine = await startEngine({ args: ['--llm-url', `http://127.0.0.1:${port}/v1`, '--llm-model', 'scripted-model'], env: { INTERACT_LLM_KEY: 'llm-secret' } });
  });
  after(async () => {
    await engine?.stop();
    llm?.closeAllConnections();
    llm?.close();
    await fx?.close();
  });

  test('a prompt answers output on the job page; the session is billed at the prompt rate', async () => {
    const jobId = await scrapeJob(engine, `${fx.url}/index.html`, { actions: [{ type: 'click', selector: '#btn' }] });
    const r = await interact(engine, jobId, { prompt: 'What does the button say?' });
    assert.equal(r.status, 200, shown(r.body));
    assert.equal(r.body.success, true);
    assert.equal(r.body.output, 'saw the clicked button');
    assert.match(r.body.sessionId, /^[0-9a-f-]{36}$/);
    assert.match(r.body.cdpUrl, /^ws:\/\//);
    assert.equal(seen[0].body.model, 'scripted-model');
    assert.equal(seen[0].auth, 'Bearer llm-secret');
    // Code runs in the same session still work after a prompt.
    assert.equal((await interact(engine, jobId, { code: 'await page.title()' })).body.result, 'Fixture Home');
    const stop = await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    assert.equal(stop.body.creditsBilled, 7);
  });
});
