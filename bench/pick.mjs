// Pick a locator: a mouse move in the interactive live view until Playwright's highlight of the
// element under it is in a live-view frame, against the live view's own input-to-frame latency
// for a plain move (the same page, elements that repaint on :hover, no pick). Both go through
// the engine's live view WebSocket; the pick runs in the recorder helper (dist/recorder.js)
// over the session's cdpUrl, as in the extension. The pick moves go between elements without
// :hover styles, so the only repaint they cause is the highlight.
// Target: median ≤ 1.5× plain + 30 ms (p95 reported beside).
import { setTimeout as sleep } from 'node:timers/promises';
import { median, p95, report, row, timed } from './lib.mjs';
import { withRecorderSession } from './session-client.mjs';

const MOVES = Number(process.env.BENCH_PICK_MOVES ?? 30);

const HTML = `<!doctype html><title>pick bench</title><style>
body{margin:0;font:20px sans-serif} .b{position:absolute;width:200px;height:80px;background:#ddd}
.h:hover{background:#c33}</style>
<button class="b h" id="h1" style="left:20px;top:20px">Hover one</button>
<button class="b h" id="h2" style="left:300px;top:20px">Hover two</button>
<button class="b" id="p1" style="left:20px;top:200px">Pick one</button>
<button class="b" id="p2" style="left:300px;top:200px">Pick two</button>`;

/** Moves between the centres of two elements; per move, the time until the next frame. */
async function moves(view, a, b, out) {
  for (let i = 0; i < MOVES; i++) {
    const to = i % 2 ? b : a;
    await sleep(200);
    out.push(
      await timed(async () => {
        const next = view.next();
        view.move(to.x, to.y);
        await Promise.race([next, sleep(5_000).then(() => Promise.reject(new Error('no frame within 5 s of a move')))]);
      }),
    );
  }
}

const { plain, pick } = await withRecorderSession('pick', HTML, async ({ helper, view, cdpUrl }) => {
  // Element centres in CSS pixels (the frame is the viewport at device scale 1).
  const at = (left, top) => ({ x: left + 100, y: top + 40 });
  const plain = [];
  const pick = [];
  // Listened to before a pick is sent: a second pick on a connected session is armed at once,
  // sometimes before `send` has returned its id.
  const armed = new Set();
  helper.onEvent((e) => e.type === 'armed' && armed.add(e.request));
  for (let round = 0; round < 2; round++) {
    await moves(view, at(20, 20), at(300, 20), plain);
    const sent = await helper.send({ type: 'pick', cdpUrl });
    // Moves count once Playwright's picker is on in the page (the helper says so).
    for (let waited = 0; !armed.has(sent.id); waited += 50) {
      if (waited > 60_000) throw new Error('the pick was not armed within 60 s');
      await sleep(50);
    }
    await moves(view, at(20, 200), at(300, 200), pick);
    await helper.call({ type: 'cancel', cdpUrl });
    const answer = await sent.answer;
    if (answer.ok || answer.code !== 'cancelled') throw new Error(`the pick did not end as cancelled: ${JSON.stringify(answer)}`);
  }
  return { plain, pick };
});
const base = median(plain);
console.log(`  ${MOVES * 2} moves per side; pick p95 ${Math.round(p95(pick))} ms, plain p95 ${Math.round(p95(plain))} ms`);
report([
  row({ name: 'pick: mouse move until the highlight is in a live-view frame, median', project: median(pick), baseline: base, unit: 'ms', target: '≤ 1.5× plain move + 30 ms', limit: 1.5 * base + 30 }),
  row({ name: 'pick: mouse move until the highlight is in a live-view frame, p95', project: p95(pick), baseline: p95(plain), unit: 'ms', target: '≤ 1.5× plain move p95 + 30 ms', limit: 1.5 * p95(plain) + 30 }),
]);
