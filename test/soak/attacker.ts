/**
 * The soak's attacker section: hostile runs, bodies and connections (issue 17's cases and
 * variants of them). Each payload is sent to one engine; after each, the engine must still
 * answer and run code. A session that a payload ended is replaced. Every answer is searched for
 * the engine's key. The row says how many payloads were tried, how many the engine survived
 * (the goal: all) and how many answers held the key (the goal: 0).
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { call, shown, type Reply } from '../engine/api';
import type { EngineHandle } from '../support/engine';
import { downloadInto, FILE_READ_PAYLOADS } from '../support/file-read-payloads';

/** One hostile input: a run in a session, a raw request, or something done with sockets. */
export type Attack =
  | { name: string; language: 'node' | 'python' | 'bash'; code: string; timeout?: number }
  | { name: string; request: { method: string; path: string; body: string } }
  | { name: string; sockets: (engine: EngineHandle) => Promise<void> };

const FORKS = 'import os, time\nn = 0\ntry:\n    while n < 1000:\n        if os.fork() == 0:\n            time.sleep(10)\n            os._exit(0)\n        n += 1\nexcept OSError:\n    pass\nprint(n)';
const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number): string => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const frame = (body: string): string => `const b = Buffer.from(${JSON.stringify(body)}); const h = Buffer.alloc(4); h.writeUInt32BE(b.length); require('fs').writeSync(3, Buffer.concat([h, b]))`;

/** Partial requests from one address, more than it may hold open; all closed afterwards. */
async function idleFlood(engine: EngineHandle, count: number): Promise<void> {
  const { hostname, port } = new URL(engine.url);
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const s = connect(Number(port), hostname);
    s.on('error', () => undefined);
    await once(s, 'connect').catch(() => undefined);
    s.write('POST /v2/scrape HTTP/1.1\r\nHost: x\r\n');
    sockets.push(s);
  }
  sockets.forEach((s) => s.destroy());
}

export const ATTACKS: Attack[] = [
  // Worker IPC (item 2): whatever user code writes to the REPL's descriptors.
  { name: 'node: non-JSON line on fd 3', language: 'node', code: "require('fs').writeSync(3, 'garbage\\n')" },
  { name: 'node: 4 GB length header on fd 3', language: 'node', code: "require('fs').writeSync(3, Buffer.from([0xff, 0xff, 0xff, 0xff]))" },
  { name: 'node: frame of non-JSON', language: 'node', code: frame('{nope') },
  { name: 'node: frame without a type', language: 'node', code: frame('[1,2]') },
  { name: 'node: forged done frame', language: 'node', code: frame('{"type":"done","id":-1}') },
  { name: 'node: 8 MB of random bytes on fd 3', language: 'node', code: "require('fs').writeSync(3, require('crypto').randomBytes(8 << 20))" },
  { name: 'node: write to fd 0', language: 'node', code: "require('fs').writeSync(0, 'x'.repeat(1 << 16))" },
  { name: 'node: process.channel', language: 'node', code: 'process.channel?.ref?.(); typeof process.send' },
  { name: 'node: close fd 3', language: 'node', code: "require('fs').closeSync(3)" },
  // The python REPL's line reader (item 3).
  { name: 'python: 200 MB on fd 3 without a newline', language: 'python', code: 'import os\nc = b"x" * (1 << 20)\nfor _ in range(200):\n    os.write(3, c)', timeout: 60 },
  { name: 'python: garbage line on fd 3', language: 'python', code: 'import os\nos.write(3, b"garbage\\n")' },
  { name: 'python: invalid UTF-8 line on fd 3', language: 'python', code: 'import os\nos.write(3, b"\\xff\\xfe{\\n")' },
  { name: 'python: JSON line without a type', language: 'python', code: 'import os\nos.write(3, b"[1]\\n")' },
  { name: 'python: close fd 3', language: 'python', code: 'import os\nos.close(3)' },
  // Sandbox limits (item 10).
  // Bounded: the kernel does not apply --run-max-procs to root, and a soak run as root must not fill the machine's process table.
  { name: 'bash: 1,000 forks', language: 'bash', code: `python3 -c '${FORKS}'`, timeout: 20 },
  { name: 'bash: fill /tmp', language: 'bash', code: 'dd if=/dev/zero of=/tmp/fill bs=1M count=2048 2>&1 | tail -1', timeout: 30 },
  { name: 'bash: fill /dev/shm', language: 'bash', code: 'dd if=/dev/zero of=/dev/shm/fill bs=1M count=2048 2>&1 | tail -1', timeout: 30 },
  { name: 'bash: write to a hidden folder', language: 'bash', code: 'dd if=/dev/zero of=/home/fill bs=1M count=64 2>&1 | tail -1' },
  { name: 'bash: map 16 GB', language: 'bash', code: 'python3 -c "import mmap; mmap.mmap(-1, 16 << 30)"' },
  { name: 'bash: spin on the CPU', language: 'bash', code: 'timeout 8 sh -c "while :; do :; done"', timeout: 20 },
  { name: 'python: threads left spinning', language: 'python', code: 'import threading\nthreading.Thread(target=lambda: [None for _ in iter(int, 1)], daemon=True).start()' },
  { name: 'python: processes left behind', language: 'python', code: 'import subprocess\n[subprocess.Popen(["sleep", "600"]) for _ in range(20)]\nNone' },
  { name: 'python: map 16 GB', language: 'python', code: 'import mmap\nmmap.mmap(-1, 16 << 30)' },
  // Bodies (item 6): deep nesting in each field, and large values quoted in errors.
  ...['formats', 'actions', 'language', 'viewport', 'headers', 'profile', 'location', 'timeout'].map((field) => ({
    name: `deep ${field} (4500 levels)`,
    request: { method: 'POST', path: '/v2/scrape', body: `{"url":"http://127.0.0.1:9/","${field}":${deep(4500)}}` },
  })),
  { name: 'deep objects (1 MB)', request: { method: 'POST', path: '/v2/scrape', body: `{"url":"http://127.0.0.1:9/","formats":${deepObject(150_000)}}` } },
  { name: 'deep body on /v2/browser', request: { method: 'POST', path: '/v2/browser', body: `{"profile":${deep(10_000)}}` } },
  { name: 'unclosed brackets', request: { method: 'POST', path: '/v2/scrape', body: deep(100_000).slice(0, 100_000) } },
  { name: 'brackets inside strings', request: { method: 'POST', path: '/v2/scrape', body: `{"url":"${'['.repeat(10_000)}"}` } },
  { name: '1 MB format name', request: { method: 'POST', path: '/v2/scrape', body: JSON.stringify({ url: 'http://127.0.0.1:9/', formats: ['f'.repeat(1 << 20)] }) } },
  { name: '1 MB action type', request: { method: 'POST', path: '/v2/scrape', body: JSON.stringify({ url: 'http://127.0.0.1:9/', actions: [{ type: 'a'.repeat(1 << 20) }] }) } },
  // Connections (item 5).
  { name: '300 idle connections', sockets: (engine) => idleFlood(engine, 300) },
];

/**
 * Runs that try to make the session's browser read the engine's key file (item 1): the engine
 * test's payloads, and variants of the soak's own. The engine must keep its key in the data dir
 * (started without --api-key) for these to mean anything.
 */
function fileReads(dataDir: string): Attack[] {
  const key = join(dataDir, 'api-key');
  const byName = (name: string): ((file: string) => string) => (FILE_READ_PAYLOADS.find((p) => p.name === name) as { code: (file: string) => string }).code;
  const navigate = (url: string): string => `const c = await context.newCDPSession(page); await c.send('Page.navigate', { url: ${JSON.stringify(url)} }).catch((e) => e.message); await new Promise((r) => setTimeout(r, 1000)); await page.content()`;
  return [
    ...FILE_READ_PAYLOADS.map((p) => ({ name: `file read: ${p.name}`, language: 'node' as const, code: p.code(key), timeout: 60 })),
    { name: 'file read: upload through /tmp/..', language: 'node', code: byName('DOM.setFileInputFiles')(`/tmp/..${key}`), timeout: 60 },
    { name: 'file read: the data dir listed', language: 'node', code: navigate(`file://${dataDir}/`) },
    { name: 'file read: view-source: three times with spaces', language: 'node', code: navigate(`view-source: view-source: view-source: file://${key}`) },
    { name: 'file read: backslashes and a NUL', language: 'node', code: navigate(`\0file:\\\\localhost${key}`) },
    { name: 'file read: a new tab with Target.createTarget and %-escapes', language: 'node', code: `const s = await browser.newBrowserCDPSession(); await s.send('Target.createTarget', { url: ${JSON.stringify(`view-source:%66ile://${key}`)} }).catch((e) => e.message); await new Promise((r) => setTimeout(r, 1000)); (await Promise.all(context.pages().map((p) => p.content()))).join('')` },
    { name: 'file read: bash agent-browser open with a tab', language: 'bash', code: `agent-browser open "$(printf 'fi\tle://${key}')"; agent-browser get text body` },
    { name: 'file write: a download aimed at the data dir', language: 'node', code: downloadInto(dataDir, 'planted.txt'), timeout: 60 },
  ];
}

/** The payloads in ATTACKS and the file reads, one after another; then the row. */
export async function attacker(engine: EngineHandle, row: (area: string, what: string, figure: string, ok: boolean) => void): Promise<void> {
  const attacks = [...ATTACKS, ...fileReads(engine.dataDir)];
  const newSession = async (): Promise<string> => {
    const r = await call(engine, 'POST', '/v2/browser', {});
    if (r.status !== 200) throw new Error(`POST /v2/browser: ${r.status} ${shown(r.body)}`);
    return r.body.id as string;
  };
  let id = await newSession();
  let survived = 0;
  let keyReads = 0;
  const failed: string[] = [];
  for (const attack of attacks) {
    let reply: Reply | undefined;
    try {
      if ('code' in attack) reply = await call(engine, 'POST', `/v2/browser/${id}/execute`, { language: attack.language, code: attack.code, timeout: attack.timeout ?? 30 });
      else if ('request' in attack) reply = await call(engine, attack.request.method, attack.request.path, attack.request.body);
      else await attack.sockets(engine);
    } catch {
      // A dropped connection is judged by what follows: does the engine still answer?
    }
    if (reply && JSON.stringify(reply.body).includes(engine.apiKey)) keyReads++;
    if (reply && reply.status >= 500) failed.push(`${attack.name}: ${reply.status}`);
    let alive = engine.proc.exitCode === null && (await call(engine, 'GET', '/health').catch(() => undefined))?.status === 200;
    if (alive) {
      let check = await call(engine, 'POST', `/v2/browser/${id}/execute`, { code: '6 * 7' });
      // A payload may end its session (not the engine): the next payloads get a new one.
      if (check.status === 410 || check.status === 404) {
        id = await newSession();
        check = await call(engine, 'POST', `/v2/browser/${id}/execute`, { code: '6 * 7' });
      }
      alive = check.body?.result === '42';
    }
    if (alive) survived++;
    else {
      failed.push(`${attack.name}: engine down`);
      break;
    }
  }
  await call(engine, 'DELETE', `/v2/browser/${id}`).catch(() => undefined);
  if (existsSync(join(engine.dataDir, 'planted.txt'))) failed.push('a download landed in the data dir');
  const figure = `${attacks.length} tried, ${survived} survived, ${keyReads} key reads${failed.length ? `; ${failed.join(', ')}` : ''}`;
  row('attacker', 'hostile runs, bodies and connections', figure, survived === attacks.length && keyReads === 0 && failed.length === 0);
}
