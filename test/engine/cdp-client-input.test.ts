// A cdpUrl client's messages reach the browser's DevTools hub as text: whatever JSON they hold
// must end at most that message, never the engine (the hub and the remote bridge share one parser).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { startEngine, type EngineHandle } from '../support/engine';
import { call, shown } from './api';

describe('engine: what a cdpUrl client sends', { timeout: 180_000 }, () => {
  let engine: EngineHandle;
  before(async () => {
    engine = await startEngine();
  });
  after(async () => {
    await engine?.stop();
  });

  test('JSON that is no object (null, a number, an array, a string) is dropped; the connection, the session and the engine live on', async () => {
    const created = await call(engine, 'POST', '/v2/browser', {});
    assert.equal(created.status, 200, shown(created.body));
    const ws = new WebSocket(created.body.cdpUrl as string, { perMessageDeflate: false });
    try {
      await once(ws, 'open');
      const answers: Record<string, unknown>[] = [];
      ws.on('message', (data) => answers.push(JSON.parse(data.toString()) as Record<string, unknown>));
      const version = async (id: number): Promise<Record<string, unknown>> => {
        ws.send(JSON.stringify({ id, method: 'Browser.getVersion' }));
        for (let i = 0; i < 400 && !answers.some((a) => a.id === id); i++) await new Promise((r) => setTimeout(r, 50));
        const answer = answers.find((a) => a.id === id);
        assert.ok(answer, `an answer to command ${id}`);
        return answer;
      };
      assert.match(JSON.stringify((await version(1)).result), /Chrom/);
      for (const garbage of ['null', '5', '[1,2]', '"text"', 'not json']) ws.send(garbage);
      const after = await version(2);
      assert.ok(after.result, `the connection still answers: ${JSON.stringify(after).slice(0, 200)}`);
      assert.equal(engine.proc.exitCode, null, `the engine exited:\n${engine.output().slice(-2000)}`);
      const run = await call(engine, 'POST', `/v2/browser/${created.body.id}/execute`, { language: 'node', code: '6 * 7' });
      assert.equal(run.body.result, '42', shown(run.body));
    } finally {
      ws.terminate();
    }
  });
});
