// Keeps the README's compatibility table true: every row is run through the official JS SDK,
// plain HTTP, Firecrawl's CLI (firecrawl-cli) and its MCP server (firecrawl-mcp, over stdio with
// the official MCP client) against the real engine, and its outcome must match the row's yes/no.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Firecrawl from '@mendable/firecrawl-js';
import { startEngine, type EngineHandle } from '../support/engine';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server';
import { startScriptedLlm, type ScriptedLlm } from '../support/scripted-llm';
import { call } from './api';
import { cliFor, mcpFor, type Cli, type Mcp } from './compat-clients';

/** CLI output is loosely typed JSON; each check reads what it needs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

interface Row {
  id: string;
  sdk: boolean;
  http: boolean;
  cli: boolean;
  mcp: boolean;
}

/** The rows of the README's "Compatibility (client × operation)" table. */
function readTable(): Row[] {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.split('### Compatibility (client × operation)')[1]?.split(/\n#{2,3} /)[0];
  assert.ok(section, 'README has the compatibility section');
  const rows = section
    .split('\n')
    .filter((l) => /^\| `[a-z-]+`/.test(l))
    .map((l) => {
      const cells = l.split('|').map((c) => c.trim());
      const mark = (c: string): boolean => {
        assert.ok(c === 'yes' || c === 'no', `README compatibility cell must be yes or no: ${l}`);
        return c === 'yes';
      };
      return { id: /`([a-z-]+)`/.exec(cells[1])?.[1] as string, sdk: mark(cells[2]), http: mark(cells[3]), cli: mark(cells[4]), mcp: mark(cells[5]) };
    });
  assert.ok(rows.length >= 5, 'the table has rows');
  return rows;
}

/** Whether the operation works; a client error (thrown or success:false) is "no". */
async function works(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    return (await fn()) !== false;
  } catch {
    return false;
  }
}

describe('README compatibility table (JS SDK, HTTP, CLI and MCP against the engine)', { timeout: 600_000 }, () => {
  let engine: EngineHandle;
  let fx: FixtureServer;
  let fc: Firecrawl;
  let cli: Cli;
  let mcp: Mcp;
  let llm: ScriptedLlm;
  /** The session-trace row's engine, with --trace on (recording every session costs CPU the other rows do not need). */
  let traced: Promise<EngineHandle> | undefined;
  const tracingEngine = (): Promise<EngineHandle> => (traced ??= startEngine({ args: ['--trace', 'on'] }));
  before(async () => {
    fx = await startFixtureServer();
    // Every prompt any client sends gets the same one-turn answer (contract: the model is scripted).
    llm = await startScriptedLlm(Array.from({ length: 20 }, () => ({ content: 'Fixture Home', usage: { prompt_tokens: 100, completion_tokens: 5 } })));
    engine = await startEngine({ args: ['--llm-url', llm.url, '--llm-model', 'compat'] });
    fc = new Firecrawl({ apiKey: engine.apiKey, apiUrl: engine.url });
    cli = cliFor(engine);
    mcp = await mcpFor(engine);
  });
  after(async () => {
    await mcp?.close();
    await engine?.stop();
    await (await traced?.catch(() => undefined))?.stop();
    await llm?.close();
    await fx?.close();
  });

  const page = (): string => `${fx.url}/index.html`;
  const ok = (r: { status: number; body: { success?: boolean } }): boolean => r.status === 200 && r.body.success !== false;
  const httpScrape = async (body: Record<string, unknown>): Promise<string | false> => {
    const r = await call(engine, 'POST', '/v2/scrape', { url: page(), ...body });
    return ok(r) ? (r.body.data.metadata.scrapeId as string) : false;
  };
  const ACTIONS = [
    { type: 'wait', milliseconds: 10 },
    { type: 'click', selector: '#btn' },
    { type: 'press', key: 'Tab' },
    { type: 'write', text: 'x' },
    { type: 'scroll', direction: 'down' },
    { type: 'screenshot', viewport: { width: 300, height: 200 } },
    { type: 'scrape' },
    { type: 'executeJavascript', script: 'return 1 + 1' },
  ] as const;

  /** The CLI's JSON output (its --json flag), or false when the command failed. */
  const cliJson = async (...args: string[]): Promise<Loose | false> => {
    const r = await cli(...args, '--json');
    if (r.code !== 0) return false;
    try {
      return JSON.parse(r.stdout) as Loose;
    } catch {
      return false;
    }
  };
  const cliScrape = async (...args: string[]): Promise<string | false> => {
    const d = await cliJson('scrape', page(), '--format', 'markdown,links', ...args);
    return d ? (d.metadata?.scrapeId as string) : false;
  };
  const mcpScrape = async (args: Record<string, unknown> = {}): Promise<string | false> => {
    const d = await mcp.call('firecrawl_scrape', { url: page(), formats: ['markdown'], ...args });
    return d ? ((d.metadata as { scrapeId: string }).scrapeId) : false;
  };

  /** The fixture page under another host name: what an allowedDomains limit must refuse. */
  const otherPage = (): string => page().replace('127.0.0.1', 'localhost');
  const GO_OTHER = (): string => `await page.goto(${JSON.stringify(otherPage())}).then(() => 'loaded', () => 'refused')`;
  /** Whether a client's code names a route (it has no call for a route it never names). */
  const clientNames = (pkg: string, text: string): boolean => {
    const dir = join(__dirname, '..', '..', 'node_modules', pkg, 'dist');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    return files.some((f) => readFileSync(join(dir, f), 'utf8').includes(text));
  };
  /** Whether a client's code builds a session's trace path (`…/browser/${id}/trace`; the SDK's `/agent/${id}/trace` is another thing). */
  const clientHasSessionTrace = (pkg: string): boolean => {
    const dir = join(__dirname, '..', '..', 'node_modules', pkg, 'dist');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    return files.some((f) => /(browser|interact)\/\$\{[^}]+\}\/trace/.test(readFileSync(join(dir, f), 'utf8')));
  };
  /** A standalone session with a mark in its REPL, for existingSessionId. */
  const markedSession = async (): Promise<string> => {
    const b = await call(engine, 'POST', '/v2/interact', {});
    await call(engine, 'POST', `/v2/interact/${b.body.id}/execute`, { code: 'globalThis.mark = 42; 1' });
    return b.body.id as string;
  };
  /** A job whose session page was changed by a run (the button clicked), and its session id. */
  const changedSession = async (): Promise<{ job: string; sessionId: string }> => {
    const job = (await httpScrape({})) as string;
    const r = await call(engine, 'POST', `/v2/scrape/${job}/interact`, { code: "await page.click('#btn'); 1" });
    return { job, sessionId: r.body.sessionId as string };
  };
  const clicked = (markdown: unknown): boolean => /Clicked 1 times/.test(String(markdown ?? ''));
  const hasCounts = (r: unknown): boolean => {
    const b = r as Loose | false;
    return Boolean(b) && b !== false && b.turnCount === 1 && b.actionCount === 0 && b.usage?.inputTokens === 100 && b.usage?.outputTokens === 5;
  };

  const checks: Record<string, { sdk(): Promise<boolean>; http(): Promise<boolean> }> = {
    scrape: {
      sdk: () => works(async () => {
        const d = await fc.scrape(page(), { formats: ['markdown', 'html', 'rawHtml', 'links', 'screenshot'] });
        return Boolean(d.markdown && d.html && d.rawHtml && d.links?.length && d.screenshot);
      }),
      http: () => works(() => httpScrape({ formats: ['markdown', 'html', 'rawHtml', 'links', 'screenshot'] })),
    },
    'scrape-actions': {
      sdk: () => works(async () => {
        const d = await fc.scrape(page(), { actions: [...ACTIONS] });
        const a = d.actions as { screenshots: unknown[]; scrapes: unknown[]; javascriptReturns: { value: unknown }[] };
        return a.screenshots.length === 1 && a.scrapes.length === 1 && a.javascriptReturns[0].value === 2;
      }),
      http: () => works(() => httpScrape({ actions: ACTIONS })),
    },
    'scrape-pdf-action': {
      sdk: () => works(() => fc.scrape(page(), { actions: [{ type: 'pdf' }] })),
      http: () => works(() => httpScrape({ actions: [{ type: 'pdf' }] })),
    },
    'scrape-json-format': {
      sdk: () => works(() => fc.scrape(page(), { formats: [{ type: 'json', prompt: 'the title' }] })),
      http: () => works(() => httpScrape({ formats: [{ type: 'json', prompt: 'the title' }] })),
    },
    'interact-code': {
      sdk: () => works(async () => {
        const job = (await fc.scrape(page())).metadata?.scrapeId as string;
        const runs = await Promise.all([
          fc.interact(job, { code: 'await page.title()', language: 'node' }),
        ]);
        const py = await fc.interact(job, { code: 'await page.title()', language: 'python' });
        const sh = await fc.interact(job, { code: 'agent-browser get title', language: 'bash' });
        await fc.stopInteraction(job);
        return [...runs, py, sh].every((r) => r.success && /Fixture Home/.test(r.result ?? ''));
      }),
      http: () => works(async () => {
        const job = await httpScrape({});
        if (!job) return false;
        const results: boolean[] = [];
        for (const [language, code] of [['node', '1'], ['python', '1'], ['bash', 'true']]) {
          results.push(ok(await call(engine, 'POST', `/v2/scrape/${job}/interact`, { code, language })));
        }
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return results.every(Boolean);
      }),
    },
    'interact-lifetimes': {
      // The SDK's interact() has no ttl options; its requests are plain HTTP with them.
      sdk: () => works(async () => {
        const job = (await fc.scrape(page())).metadata?.scrapeId as string;
        const r = await fc.interact(job, { code: '1', ttl: 60, activityTtl: 30 } as Parameters<Firecrawl['interact']>[1]);
        await fc.stopInteraction(job);
        return r.success;
      }),
      http: () => works(async () => {
        const job = await httpScrape({});
        const r = await call(engine, 'POST', `/v2/scrape/${job}/interact`, { code: '1', ttl: 60, activityTtl: 30 });
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return ok(r);
      }),
    },
    'stop-interaction': {
      sdk: () => works(async () => {
        const job = (await fc.scrape(page())).metadata?.scrapeId as string;
        await fc.interact(job, { code: '1' });
        const stop = await fc.stopInteraction(job);
        return stop.success && (stop.creditsBilled ?? 0) >= 2;
      }),
      http: () => works(async () => {
        const job = await httpScrape({});
        await call(engine, 'POST', `/v2/scrape/${job}/interact`, { code: '1' });
        const stop = await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return ok(stop) && stop.body.creditsBilled >= 2;
      }),
    },
    'browser-sessions': {
      sdk: () => works(async () => {
        const b = await fc.browser({ ttl: 60 });
        const run = await fc.browserExecute(b.id as string, { code: '1 + 1', language: 'node' });
        const listed = (await fc.listBrowsers({ status: 'active' })).sessions?.some((s) => s.id === b.id);
        const del = await fc.deleteBrowser(b.id as string);
        return b.success && run.result === '2' && Boolean(listed) && del.success;
      }),
      http: () => works(async () => {
        const b = await call(engine, 'POST', '/v2/browser', {});
        if (!ok(b)) return false;
        const run = await call(engine, 'POST', `/v2/browser/${b.body.id}/execute`, { code: '1 + 1', language: 'node' });
        const del = await call(engine, 'DELETE', `/v2/browser/${b.body.id}`);
        return ok(run) && run.body.result === '2' && ok(del);
      }),
    },
    'interact-sessions': {
      sdk: async () => clientNames('@mendable/firecrawl-js', '/v2/interact"'),
      http: () => works(async () => {
        const b = await call(engine, 'POST', '/v2/interact', {});
        if (!ok(b)) return false;
        const run = await call(engine, 'POST', `/v2/interact/${b.body.id}/execute`, { code: '1 + 1', language: 'node' });
        const listed = await call(engine, 'GET', '/v2/interact?status=active');
        const del = await call(engine, 'DELETE', `/v2/interact/${b.body.id}`);
        return run.body.result === '2' && listed.body.sessions.some((s: { id: string }) => s.id === b.body.id) && ok(del);
      }),
    },
    'interact-allowed-domains': {
      // The SDK's interact() sends only code, prompt, language, timeout and origin.
      sdk: () => works(async () => {
        const job = (await fc.scrape(page())).metadata?.scrapeId as string;
        const r = await fc.interact(job, { code: GO_OTHER(), allowedDomains: ['example.com'] } as Parameters<Firecrawl['interact']>[1]);
        await fc.stopInteraction(job);
        return r.result === 'refused';
      }),
      http: () => works(async () => {
        const job = await httpScrape({});
        const r = await call(engine, 'POST', `/v2/scrape/${job}/interact`, { code: GO_OTHER(), allowedDomains: ['example.com'] });
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return r.body.result === 'refused' && /blocked requests to localhost/.test(r.body.stderr);
      }),
    },
    'interact-existing-session': {
      sdk: () => works(async () => {
        const id = await markedSession();
        const job = (await fc.scrape(page())).metadata?.scrapeId as string;
        const r = await fc.interact(job, { code: 'globalThis.mark', existingSessionId: id } as Parameters<Firecrawl['interact']>[1]);
        await fc.stopInteraction(job).catch(() => undefined);
        await call(engine, 'DELETE', `/v2/interact/${id}`);
        return r.result === '42';
      }),
      http: () => works(async () => {
        const id = await markedSession();
        const job = await httpScrape({});
        const r = await call(engine, 'POST', `/v2/scrape/${job}/interact`, { code: 'globalThis.mark', existingSessionId: id });
        await call(engine, 'DELETE', `/v2/interact/${id}`);
        return r.body.result === '42' && r.body.sessionId === id;
      }),
    },
    'prompt-counts': {
      sdk: () => works(async () => {
        const job = (await fc.scrape(page())).metadata?.scrapeId as string;
        const r = await fc.interact(job, { prompt: 'What is the title?' });
        await fc.stopInteraction(job);
        return hasCounts(r);
      }),
      http: () => works(async () => {
        const job = await httpScrape({});
        const r = await call(engine, 'POST', `/v2/scrape/${job}/interact`, { prompt: 'What is the title?' });
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return hasCounts(r.body);
      }),
    },
    'session-trace': {
      sdk: async () => clientHasSessionTrace('@mendable/firecrawl-js'),
      http: () => works(async () => {
        const engine = await tracingEngine();
        const b = await call(engine, 'POST', '/v2/interact', {});
        if (!ok(b)) return false;
        await call(engine, 'POST', `/v2/interact/${b.body.id}/execute`, { code: `await page.goto('${page()}'); 1` });
        const res = await fetch(`${engine.url}/v2/interact/${b.body.id}/trace`, { headers: { authorization: `Bearer ${engine.apiKey}` } });
        const zip = Buffer.from(await res.arrayBuffer());
        await call(engine, 'DELETE', `/v2/interact/${b.body.id}`);
        return res.status === 200 && zip.subarray(0, 2).toString() === 'PK';
      }),
    },
    'scrape-session': {
      // The SDK passes scrape options through as they are.
      sdk: () => works(async () => {
        const { job, sessionId } = await changedSession();
        // Its types have no sessionId; the call sends what it is given.
        const scrapeWith = fc.scrape.bind(fc) as unknown as (url: string, options: Loose) => Promise<Loose>;
        const d = await scrapeWith(page(), { formats: ['markdown'], sessionId });
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return clicked(d.markdown);
      }),
      http: () => works(async () => {
        const { job, sessionId } = await changedSession();
        const r = await call(engine, 'POST', '/v2/scrape', { sessionId, formats: ['markdown'] });
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return clicked(r.body.data?.markdown);
      }),
    },
    profiles: {
      sdk: () => works(async () => {
        const b = await fc.browser({ profile: { name: 'compat', saveChanges: true } });
        await fc.browserExecute(b.id as string, { code: `await page.goto('${page()}'); await page.evaluate(() => localStorage.setItem('k', 'v'))`, language: 'node' });
        await fc.deleteBrowser(b.id as string);
        const job = (await fc.scrape(page(), { profile: { name: 'compat', saveChanges: false } })).metadata?.scrapeId as string;
        const r = await fc.interact(job, { code: "await page.evaluate(() => localStorage.getItem('k'))" });
        await fc.stopInteraction(job);
        return r.result === 'v';
      }),
      http: () => works(async () => {
        const b = await call(engine, 'POST', '/v2/browser', { profile: { name: 'compat', saveChanges: false } });
        if (!ok(b)) return false;
        const r = await call(engine, 'POST', `/v2/browser/${b.body.id}/execute`, { code: `await page.goto('${page()}'); await page.evaluate(() => localStorage.getItem('k'))`, language: 'node' });
        await call(engine, 'DELETE', `/v2/browser/${b.body.id}`);
        return ok(await call(engine, 'DELETE', '/v2/browser/profiles/compat')) && r.body.result === 'v';
      }),
    },
  };

  const yes = (b: unknown): boolean => Boolean(b);
  const fixtureTitle = (r: unknown): boolean => Boolean(r) && /Fixture Home/.test(String((r as { result?: unknown }).result ?? ''));
  const PROFILE_SET = "await page.goto('${page}'); await page.evaluate(() => localStorage.setItem('k', 'v'))";
  const PROFILE_GET = "await page.evaluate(() => localStorage.getItem('k'))";
  /** The CLI and MCP server: each tries the operation with the options it has (an option it lacks is refused, so "no"). */
  const clientChecks: Record<string, { cli(): Promise<boolean>; mcp(): Promise<boolean> }> = {
    scrape: {
      cli: () => works(async () => {
        const d = await cliJson('scrape', page(), '--format', 'markdown,html,rawHtml,links,screenshot');
        return yes(d && d.markdown && d.html && d.rawHtml && d.links && d.screenshot);
      }),
      mcp: () => works(async () => {
        const d = await mcp.call('firecrawl_scrape', { url: page(), formats: ['markdown', 'html', 'rawHtml', 'links', 'screenshot'] });
        return yes(d && d.markdown && d.html && d.rawHtml && d.links && d.screenshot);
      }),
    },
    'scrape-actions': {
      cli: () => works(async () => {
        const d = await cliJson('scrape', page(), '--format', 'markdown', '--actions', JSON.stringify(ACTIONS));
        return yes(d && d.actions?.javascriptReturns?.[0]?.value === 2 && d.actions.screenshots.length === 1 && d.actions.scrapes.length === 1);
      }),
      mcp: () => works(async () => {
        const d = await mcp.call('firecrawl_scrape', { url: page(), formats: ['markdown'], actions: ACTIONS });
        const a = d && (d.actions as { screenshots: unknown[]; scrapes: unknown[]; javascriptReturns: { value: unknown }[] });
        return yes(a && a.javascriptReturns[0].value === 2 && a.screenshots.length === 1 && a.scrapes.length === 1);
      }),
    },
    'scrape-pdf-action': {
      cli: () => works(() => cliScrape('--actions', JSON.stringify([{ type: 'pdf' }]))),
      mcp: () => works(() => mcpScrape({ actions: [{ type: 'pdf' }] })),
    },
    'scrape-json-format': {
      cli: () => works(() => cliJson('scrape', page(), '--format', 'summary')),
      mcp: () => works(() => mcpScrape({ formats: ['summary'] })),
    },
    'interact-code': {
      cli: () => works(async () => {
        const job = await cliScrape();
        if (!job) return false;
        const node = await cliJson('interact', '-s', job, '-c', 'await page.title()', '--node');
        const py = await cliJson('interact', '-s', job, '-c', 'await page.title()', '--python');
        const sh = await cliJson('interact', '-s', job, '-c', 'agent-browser get title', '--bash');
        await cli('interact', 'stop', job);
        return [node, py, sh].every(fixtureTitle);
      }),
      mcp: () => works(async () => {
        const job = await mcpScrape();
        if (!job) return false;
        const runs = [];
        for (const [language, code] of [['node', 'await page.title()'], ['python', 'await page.title()'], ['bash', 'agent-browser get title']]) {
          runs.push(await mcp.call('firecrawl_interact', { scrapeId: job, code, language }));
        }
        await mcp.call('firecrawl_interact_stop', { scrapeId: job });
        return runs.every(fixtureTitle);
      }),
    },
    'interact-lifetimes': {
      // Neither has a ttl option: the CLI refuses --ttl, the MCP tool's schema has no ttl.
      cli: () => works(async () => {
        const job = await cliScrape();
        const r = job && (await cli('interact', '-s', job, '-c', '1', '--ttl', '60', '--activity-ttl', '30'));
        if (job) await cli('interact', 'stop', job);
        return yes(r && r.code === 0);
      }),
      mcp: () => works(async () => {
        const job = await mcpScrape();
        const r = job && (await mcp.call('firecrawl_interact', { scrapeId: job, code: '1', ttl: 60, activityTtl: 30 }));
        if (job) await mcp.call('firecrawl_interact_stop', { scrapeId: job });
        return yes(r && mcp.schema('firecrawl_interact').includes('ttl'));
      }),
    },
    'stop-interaction': {
      cli: () => works(async () => {
        const job = await cliScrape();
        if (!job) return false;
        await cli('interact', '-s', job, '-c', '1');
        const stop = await cli('interact', 'stop', job);
        return stop.code === 0 && /Credits billed: ([2-9]|\d\d)/.test(stop.stdout);
      }),
      mcp: () => works(async () => {
        const job = await mcpScrape();
        if (!job) return false;
        await mcp.call('firecrawl_interact', { scrapeId: job, code: '1' });
        const stop = await mcp.call('firecrawl_interact_stop', { scrapeId: job });
        return yes(stop && Number(stop.creditsBilled) >= 2);
      }),
    },
    'browser-sessions': {
      cli: () => works(async () => {
        const launched = await cli('browser', 'launch-session');
        const id = /Session ID:\s+([0-9a-f-]{36})/.exec(launched.stdout)?.[1];
        if (!id) return false;
        const run = await cli('browser', 'execute', '--node', '1 + 1', '--session', id);
        const listed = await cli('browser', 'list', 'active');
        const closed = await cli('browser', 'close', '--session', id);
        return run.stdout.trim() === '2' && listed.stdout.includes(id) && closed.code === 0;
      }),
      // The MCP server has no browser-session tools (the cloud's are deprecated in favour of scrape + interact).
      mcp: async () => mcp.tools.some((t) => /browser/.test(t)),
    },
    'interact-sessions': {
      cli: async () => clientNames('firecrawl-cli', '/v2/interact"'),
      // The MCP server's tools are scrape-bound (firecrawl_interact); none creates a session.
      mcp: async () => mcp.tools.some((t) => /browser|session/.test(t)),
    },
    'interact-allowed-domains': {
      cli: () => works(async () => {
        const job = await cliScrape();
        const r = job && (await cliJson('interact', '-s', job, '-c', GO_OTHER(), '--allowed-domains', 'example.com'));
        if (job) await cli('interact', 'stop', job);
        return yes(r && r.result === 'refused');
      }),
      mcp: () => works(async () => {
        const job = await mcpScrape();
        const r = job && (await mcp.call('firecrawl_interact', { scrapeId: job, code: GO_OTHER(), allowedDomains: ['example.com'] }));
        if (job) await mcp.call('firecrawl_interact_stop', { scrapeId: job });
        return yes(r && r.result === 'refused');
      }),
    },
    'interact-existing-session': {
      cli: () => works(async () => {
        const id = await markedSession();
        const job = await cliScrape();
        const r = job && (await cliJson('interact', '-s', job, '-c', 'globalThis.mark', '--existing-session-id', id));
        await call(engine, 'DELETE', `/v2/interact/${id}`);
        return yes(r && r.result === '42');
      }),
      mcp: () => works(async () => {
        const id = await markedSession();
        const job = await mcpScrape();
        const r = job && (await mcp.call('firecrawl_interact', { scrapeId: job, code: 'globalThis.mark', existingSessionId: id }));
        if (job) await mcp.call('firecrawl_interact_stop', { scrapeId: job });
        await call(engine, 'DELETE', `/v2/interact/${id}`);
        return yes(r && r.result === '42');
      }),
    },
    'prompt-counts': {
      cli: () => works(async () => {
        const job = await cliScrape();
        const r = job && (await cliJson('interact', '-s', job, '-p', 'What is the title?'));
        if (job) await cli('interact', 'stop', job);
        return hasCounts(r);
      }),
      mcp: () => works(async () => {
        const job = await mcpScrape();
        const r = job && (await mcp.call('firecrawl_interact', { scrapeId: job, prompt: 'What is the title?' }));
        if (job) await mcp.call('firecrawl_interact_stop', { scrapeId: job });
        return hasCounts(r);
      }),
    },
    'session-trace': {
      cli: async () => clientHasSessionTrace('firecrawl-cli'),
      mcp: async () => mcp.tools.some((t) => /trace/.test(t)),
    },
    'scrape-session': {
      cli: () => works(async () => {
        const { job, sessionId } = await changedSession();
        const d = await cliJson('scrape', page(), '--format', 'markdown', '--session-id', sessionId);
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return yes(d && clicked(d.markdown));
      }),
      mcp: () => works(async () => {
        const { job, sessionId } = await changedSession();
        const d = await mcp.call('firecrawl_scrape', { url: page(), formats: ['markdown'], sessionId });
        await call(engine, 'DELETE', `/v2/scrape/${job}/interact`);
        return yes(d && clicked(d.markdown));
      }),
    },
    profiles: {
      cli: () => works(async () => {
        const writer = await cliScrape('--profile', 'compat-cli');
        if (!writer) return false;
        await cli('interact', '-s', writer, '-c', PROFILE_SET.replace('${page}', page()));
        await cli('interact', 'stop', writer);
        const reader = await cliScrape('--profile', 'compat-cli', '--no-save-changes');
        const r = reader && (await cliJson('interact', '-s', reader, '-c', PROFILE_GET));
        if (reader) await cli('interact', 'stop', reader);
        return yes(r && r.result === 'v');
      }),
      mcp: () => works(async () => {
        const writer = await mcpScrape({ profile: { name: 'compat-mcp', saveChanges: true } });
        if (!writer) return false;
        await mcp.call('firecrawl_interact', { scrapeId: writer, code: PROFILE_SET.replace('${page}', page()) });
        await mcp.call('firecrawl_interact_stop', { scrapeId: writer });
        const reader = await mcpScrape({ profile: { name: 'compat-mcp', saveChanges: false } });
        const r = reader && (await mcp.call('firecrawl_interact', { scrapeId: reader, code: PROFILE_GET }));
        if (reader) await mcp.call('firecrawl_interact_stop', { scrapeId: reader });
        return yes(r && r.result === 'v');
      }),
    },
  };

  for (const row of readTable()) {
    test(`${row.id}: JS SDK ${row.sdk ? 'yes' : 'no'}, HTTP ${row.http ? 'yes' : 'no'}, CLI ${row.cli ? 'yes' : 'no'}, MCP ${row.mcp ? 'yes' : 'no'}`, async () => {
      const check = checks[row.id];
      const client = clientChecks[row.id];
      assert.ok(check && client, `no check for README row ${row.id}: add one here`);
      assert.equal(await check.sdk(), row.sdk, `JS SDK: ${row.id}`);
      assert.equal(await check.http(), row.http, `HTTP: ${row.id}`);
      assert.equal(await client.cli(), row.cli, `CLI: ${row.id}`);
      assert.equal(await client.mcp(), row.mcp, `MCP: ${row.id}`);
    });
  }

  test('every check has its README row', () => {
    assert.deepEqual(readTable().map((r) => r.id).sort(), Object.keys(checks).sort());
    assert.deepEqual(Object.keys(clientChecks).sort(), Object.keys(checks).sort());
  });
});
