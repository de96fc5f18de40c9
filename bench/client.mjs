// Client overhead: the extension's FirecrawlClient.interact (validation, request building,
// response checks) against a bare undici.request + JSON parse of the same request, both to
// the same loopback server answering a recorded interact response, keep-alive on both,
// calls alternating. Target: client median ≤ 1.05 × bare median + 0.2 ms.
import { fork } from 'node:child_process';
import { Agent } from 'undici';
import { FirecrawlClient } from '../src/api/client.ts';
import { clientVsBare, KEY, RUNS } from './client-vs-bare.mjs';
import { report, row } from './lib.mjs';

const server = fork(new URL('./recorded-server.mjs', import.meta.url), { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const base = await new Promise((resolve) => server.stdout.on('data', (d) => resolve(/listening on (\S+)/.exec(String(d))[1])));

const client = new FirecrawlClient();
const settings = { apiUrl: base, apiKey: KEY, origin: 'bench', timeoutMarginSec: 30 };
const agent = new Agent({ keepAliveTimeout: 4_000 });
try {
  const { client: mc, bare: mb } = await clientVsBare(client, settings, agent);
  console.log(`  ${RUNS} requests each`);
  report([row({ name: 'client overhead: interact, median', project: mc, baseline: mb, unit: 'ms', target: '≤ 1.05× bare undici.request + 0.2 ms', limit: 1.05 * mb + 0.2 })]);
} finally {
  await client.dispose();
  await agent.close();
  server.kill();
}
