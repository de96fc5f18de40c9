// The measurement that the client and proxy rows share: the extension's FirecrawlClient.interact
// against a bare undici.request + JSON parse of the same recorded interact, through the same
// dispatcher, keep-alive on both, calls alternating after a warm-up. Returns both medians.
import { request } from 'undici';
import { median, timed } from './lib.mjs';

export const RUNS = Number(process.env.BENCH_CLIENT_RUNS ?? 400);
export const JOB = 'acaf50f3-73fd-4075-bcd3-58acac5455a9';
export const KEY = 'fc-0123456789abcdef0123456789abcdef';
const BODY = { code: 'const t = await page.title(); console.log(t); t', language: 'node', timeout: 30 };

/** `settings` as the client takes them (apiUrl, apiKey, ...); `dispatcher` carries the bare requests. */
export async function clientVsBare(client, settings, dispatcher) {
  const url = `${settings.apiUrl}/v2/scrape/${JOB}/interact`;
  async function bare() {
    const res = await request(url, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ ...BODY, origin: 'bench' }),
      dispatcher,
    });
    const json = await res.body.json();
    if (res.statusCode !== 200 || json.success !== true) throw new Error(`bare request: HTTP ${res.statusCode}`);
  }
  async function viaClient() {
    const res = await client.interact(settings, JOB, BODY);
    if (res.success !== true) throw new Error('client request failed');
  }
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
  return { client: median(c), bare: median(b) };
}
