// Client overhead: the extension's FirecrawlClient.interact (validation, request building,
// response checks) against a bare undici.request + JSON parse of the same request, both to
// the same loopback server answering a recorded interact response, keep-alive on both,
// calls alternating. Target: client median ≤ 1.05 × bare median + 0.2 ms.
import { fork } from 'node:child_process';
import { Agent, request } from 'undici';
import { FirecrawlClient } from '../src/api/client.ts';
import { median, report, row, timed } from './lib.mjs';

const RUNS = Number(process.env.BENCH_CLIENT_RUNS ?? 400);
const JOB = 'acaf50f3-73fd-4075-bcd3-58acac5455a9';
const KEY = 'fc-0123456789abcdef0123456789abcdef';
const BODY = { code: 'const t = await page.title(); console.log(t); t', language: 'node', timeout: 30 };

const server = fork(new URL('./recorded-server.mjs', import.meta.url), { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const base = await new Promise((resolve) => server.stdout.on('data', (d) => resolve(/listening on (\S+)/.exec(String(d))[1])));

const client = new FirecrawlClient();
const settings = { apiUrl: base, apiKey: KEY, origin: 'bench', timeoutMarginSec: 30 };
const agent = new Agent({ keepAliveTimeout: 4_000 });
const url = `${base}/v2/scrape/${JOB}/interact`;
async function bare() {
  const res = await request(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify({ ...BODY, origin: 'bench' }),
    dispatcher: agent,
  });
  const json = await res.body.json();
  if (res.statusCode !== 200 || json.success !== true) throw new Error(`bare request: HTTP ${res.statusCode}`);
}
async function viaClient() {
  const res = await client.interact(settings, JOB, BODY);
  if (res.success !== true) throw new Error('client request failed');
}

try {
  for (let i = 0; i < 100; i++) {
    await bare();
    await viaClient();
  }
  const b = [];
  const c = [];
  for (let i = 0; i < RUNS; i++) {
    b.push(await timed(bare));
    c.push(await timed(viaClient));
  }
  const mb = median(b);
  console.log(`  ${RUNS} requests each`);
  report([row({ name: 'client overhead: interact, median', project: median(c), baseline: mb, unit: 'ms', target: '≤ 1.05× bare undici.request + 0.2 ms', limit: 1.05 * mb + 0.2 })]);
} finally {
  await client.dispose();
  await agent.close();
  server.kill();
}
