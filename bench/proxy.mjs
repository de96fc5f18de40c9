// Proxy overhead: the extension's FirecrawlClient.interact through a local forward proxy
// (npm `proxy`, in its own process, resolving the API's host name for the client) against a
// bare undici.request with undici's ProxyAgent through the same proxy, keep-alive on both,
// calls alternating. Target: client median ≤ 1.05 × bare median + 0.2 ms.
import { fork } from 'node:child_process';
import { ProxyAgent } from 'undici';
import { FirecrawlClient } from '../src/api/client.ts';
import { clientVsBare, KEY, RUNS } from './client-vs-bare.mjs';
import { report, row } from './lib.mjs';

const HOST = 'api.bench.test';

const firstLine = (child, re) => new Promise((resolve) => {
  let out = '';
  child.stdout.on('data', function onData(d) {
    out += d;
    const m = re.exec(out);
    if (m) {
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve(m[1]);
    }
  });
});
const server = fork(new URL('./recorded-server.mjs', import.meta.url), { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const base = await firstLine(server, /listening on (\S+)/);
const proxyProcess = fork(new URL('../test/support/forward-proxy.mjs', import.meta.url), [`${HOST}=127.0.0.1`], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const proxyUrl = await firstLine(proxyProcess, /proxy listening on (\S+)/);

const apiUrl = base.replace('127.0.0.1', HOST);
const client = new FirecrawlClient({ env: {} });
const settings = { apiUrl, apiKey: KEY, origin: 'bench', timeoutMarginSec: 30, proxy: { proxy: proxyUrl, noProxy: [], strictSSL: true, systemCertificates: true } };
const agent = new ProxyAgent({ uri: proxyUrl, keepAliveTimeout: 4_000 });
try {
  const { client: mc, bare: mb } = await clientVsBare(client, settings, agent);
  console.log(`  ${RUNS} requests each, through ${proxyUrl}`);
  report([row({ name: 'proxy: interact through a forward proxy, median', project: mc, baseline: mb, unit: 'ms', target: '≤ 1.05× bare undici.request via ProxyAgent + 0.2 ms', limit: 1.05 * mb + 0.2 })]);
} finally {
  await client.dispose();
  await agent.close();
  server.kill();
  proxyProcess.kill();
}
