/**
 * The live view through the real engine over HTTP: the URLs an interact answers give frames,
 * follow a tab the session's code opens, take input on the interactive link, end with the session.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EngineHandle } from '../support/engine';
import type { FixtureServer } from '../support/fixture-server';
import { connectLive } from '../support/live-client';
import { call, interact, scrapeJob, shown, withEngineAndFixtures } from './api';

describe('engine: live view', { timeout: 300_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let jobId: string;
  let urls: { sessionId: string; liveViewUrl: string; interactiveLiveViewUrl: string };

  const run = async (code: string): Promise<string | undefined> => {
    const r = await interact(engine, jobId, { code, timeout: 60 });
    // Only the run's own error: the body also holds capability URLs, which stay out of test output.
    assert.equal(r.body.success, true, `${r.status} ${r.body.error}`);
    return r.body.result as string | undefined;
  };

  withEngineAndFixtures(async (e, f) => {
    engine = e;
    fx = f;
    jobId = await scrapeJob(engine, `${fx.url}/index.html`);
    const r = await interact(engine, jobId, { code: 'await page.title()', timeout: 60 });
    assert.equal(r.status, 200, r.body.error);
    urls = r.body;
  });

  test('the viewer page needs its token, not the API key', async () => {
    const page = await fetch(urls.liveViewUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<canvas id="screen"/);
    assert.equal((await fetch(urls.interactiveLiveViewUrl)).status, 200);
    const wrong = new URL(urls.liveViewUrl);
    wrong.searchParams.set('token', 'nope');
    assert.equal((await fetch(wrong)).status, 401);
    await assert.rejects(connectLive(wrong.toString()), /unexpected-response 401/);
    assert.equal((await fetch(`${engine.url}/live-assets/viewer.js`)).status, 200);
  });

  test('frames stream while the session page animates', async (t) => {
    await run(`await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'mover';
      box.style.cssText = 'position:fixed;top:0;left:0;width:40px;height:40px;background:red';
      document.body.append(box);
      let i = 0;
      window.moverTimer = setInterval(() => { box.style.left = (i++ % 300) + 'px'; }, 16);
    })`);
    const client = await connectLive(urls.liveViewUrl);
    try {
      await client.waitFor(() => client.frames.length > 0, 30_000, 'a first frame');
      const start = Date.now();
      await new Promise((r) => setTimeout(r, 3_000));
      const count = client.frames.filter((f) => f.at >= start).length;
      t.diagnostic(`${count} frames in 3 s through the engine`);
      assert.ok(count >= 5, `expected a stream of frames, got ${count} in 3 s`);
      assert.ok(client.frames.at(-1)!.meta.deviceWidth > 0);
      await client.waitFor(() => client.messages.some((m) => m.type === 'tab' && m.url === `${fx.url}/index.html`), 30_000, 'the tab line');
    } finally {
      client.close();
      await run('await page.evaluate(() => clearInterval(window.moverTimer))');
    }
  });

  test('interactive input reaches the session page; read-only input does not', async () => {
    const at = JSON.parse(
      (await run(`await page.evaluate(() => {
        const r = document.querySelector('#btn').getBoundingClientRect();
        return { x: (r.left + r.width / 2) / innerWidth, y: (r.top + r.height / 2) / innerHeight };
      })`)) ?? '{}',
    ) as { x: number; y: number };
    const readOnly = await connectLive(urls.liveViewUrl);
    const control = await connectLive(urls.interactiveLiveViewUrl);
    try {
      await readOnly.waitFor(() => readOnly.frames.length > 0, 30_000, 'a frame (read-only)');
      await control.waitFor(() => control.frames.length > 0, 30_000, 'a frame (interactive)');
      readOnly.send({ type: 'mouse', action: 'click', ...at, button: 'left', buttons: 1 });
      control.send({ type: 'mouse', action: 'click', ...at, button: 'left', buttons: 1 });
      assert.equal(await run(`await page.waitForFunction(() => window.clicks >= 1); await page.waitForTimeout(300); String(await page.evaluate(() => window.clicks))`), '1');

      const input = JSON.parse(
        (await run(`await page.evaluate(() => {
          const r = document.querySelector('#name').getBoundingClientRect();
          return { x: (r.left + r.width / 2) / innerWidth, y: (r.top + r.height / 2) / innerHeight };
        })`)) ?? '{}',
      ) as { x: number; y: number };
      control.send({ type: 'mouse', action: 'click', ...input, button: 'left', buttons: 1 });
      for (const key of ['o', 'k']) {
        control.send({ type: 'key', action: 'down', key });
        control.send({ type: 'key', action: 'up', key });
      }
      assert.equal(await run(`await page.waitForFunction(() => document.querySelector('#echo').textContent === 'ok'); await page.inputValue('#name')`), 'ok');
    } finally {
      readOnly.close();
      control.close();
    }
  });

  test('a flood of 20,000 mouse moves collapses: the page gets few of them, the newest last, and typing after it arrives', async (t) => {
    const field = JSON.parse(
      (await run(`await page.evaluate(() => {
        document.querySelector('#name').value = '';
        document.querySelector('#echo').textContent = '';
        window.moves = 0;
        window.lastMove = null;
        document.addEventListener('mousemove', (e) => { window.moves++; window.lastMove = [e.clientX, e.clientY]; });
        const r = document.querySelector('#name').getBoundingClientRect();
        return { x: (r.left + r.width / 2) / innerWidth, y: (r.top + r.height / 2) / innerHeight, w: innerWidth, h: innerHeight };
      })`)) ?? '{}',
    ) as { x: number; y: number; w: number; h: number };
    const control = await connectLive(urls.interactiveLiveViewUrl);
    try {
      await control.waitFor(() => control.frames.length > 0, 30_000, 'a frame (interactive)');
      control.send({ type: 'mouse', action: 'click', x: field.x, y: field.y, button: 'left', buttons: 1 });
      const MOVES = 20_000;
      // Every move goes somewhere new, so each one the engine sends is a mousemove in the page.
      const at = (i: number): { x: number; y: number } => ({ x: ((i % 97) + 1) / 100, y: ((Math.floor(i / 97) % 97) + 1) / 100 });
      const t0 = Date.now();
      for (let i = 0; i < MOVES; i++) control.send({ type: 'mouse', action: 'move', ...at(i) });
      for (const key of ['o', 'k']) {
        control.send({ type: 'key', action: 'down', key });
        control.send({ type: 'key', action: 'up', key });
      }
      assert.equal(await run(`await page.waitForFunction(() => document.querySelector('#echo').textContent === 'ok', null, { timeout: 50_000 }); await page.inputValue('#name')`), 'ok');
      const seen = JSON.parse((await run('JSON.stringify(await page.evaluate(() => [window.moves, window.lastMove]))')) ?? '[]') as [number, [number, number]];
      t.diagnostic(`typed text arrived ${Date.now() - t0} ms after the first of ${MOVES} moves; ${seen[0]} mousemove events reached the page`);
      // The unbounded queue sent every move (20,000 mousemove events, typing a minute late).
      assert.ok(seen[0] > 0 && seen[0] < MOVES / 10, `${seen[0]} of ${MOVES} moves reached the page`);
      const last = at(MOVES - 1);
      const want = [last.x * field.w, last.y * field.h];
      assert.ok(seen[1].every((v, i) => Math.abs(v - want[i]) <= 1), `the newest move is the one kept: page saw ${seen[1]}, the last move was at ${want}`);
    } finally {
      control.close();
    }
  });

  test('the stream follows tabs opened by session code, and back when they close', async () => {
    const client = await connectLive(urls.liveViewUrl);
    try {
      await client.waitFor(() => client.frames.length > 0, 30_000, 'a frame');
      // Several rounds: a tab another client opens and navigates at once is the racy case.
      for (let round = 1; round <= 3; round++) {
        const seen = client.messages.length;
        const fresh = () => client.messages.slice(seen);
        await run(`globalThis.second = await context.newPage(); await second.goto(${JSON.stringify(`${fx.url}/two.html?round=${round}`)}); 'ok'`);
        await client.waitFor(() => fresh().some((m) => m.type === 'tab' && m.title === 'Second Page' && m.count === 2), 30_000, `the new tab (round ${round})`);
        const framesBefore = client.frames.length;
        await run(`await second.evaluate(() => { document.body.style.background = 'rgb(0, 128, 0)'; }); 'ok'`);
        await client.waitFor(() => client.frames.length > framesBefore, 30_000, `a frame of the new tab (round ${round})`);
        const afterOpen = client.messages.length;
        await run(`await second.close(); 'closed'`);
        await client.waitFor(
          () => client.messages.slice(afterOpen).some((m) => m.type === 'tab' && m.title === 'Fixture Home' && m.count === 1),
          30_000,
          `the fallback tab (round ${round})`,
        );
      }
    } finally {
      client.close();
    }
  });

  test('stopping the session ends the view: viewers are told, links answer 410', async () => {
    const client = await connectLive(urls.liveViewUrl);
    await client.waitFor(() => client.frames.length > 0, 30_000, 'a frame');
    const stop = await call(engine, 'DELETE', `/v2/scrape/${jobId}/interact`);
    assert.equal(stop.status, 200, shown(stop.body));
    const closed = await client.closed;
    assert.equal(closed.code, 4000);
    assert.ok(client.messages.some((m) => m.type === 'ended'));
    assert.equal((await fetch(urls.liveViewUrl)).status, 410);
  });
});
