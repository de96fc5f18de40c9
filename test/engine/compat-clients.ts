/**
 * Firecrawl's own CLI (firecrawl-cli) and MCP server (firecrawl-mcp) pointed at an engine, for the
 * compatibility table: the CLI runs as a process per command (own HOME, so its saved state is the
 * test's), the MCP server over stdio through the official MCP client SDK.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { EngineHandle } from '../support/engine';

const MODULES = join(__dirname, '..', '..', 'node_modules');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type Cli = (...args: string[]) => Promise<CliResult>;

export function cliFor(engine: Pick<EngineHandle, 'url' | 'apiKey'>): Cli {
  const home = mkdtempSync(join(tmpdir(), 'interact-cli-'));
  const env = { PATH: process.env.PATH, HOME: home, FIRECRAWL_API_KEY: engine.apiKey, FIRECRAWL_API_URL: engine.url, NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1' };
  return (...args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [join(MODULES, 'firecrawl-cli', 'dist', 'index.js'), ...args], { cwd: home, env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
    });
}

export interface Mcp {
  tools: string[];
  /** The names of a tool's input properties. */
  schema(tool: string): string[];
  /** Calls a tool; answers its text parsed as JSON merged with its structured content, or false when the tool reported an error. */
  call(name: string, args: Record<string, unknown>): Promise<Record<string, unknown> | false>;
  close(): Promise<void>;
}

export async function mcpFor(engine: Pick<EngineHandle, 'url' | 'apiKey'>): Promise<Mcp> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(MODULES, 'firecrawl-mcp', 'dist', 'index.js')],
    env: { PATH: process.env.PATH ?? '', HOME: mkdtempSync(join(tmpdir(), 'interact-mcp-')), FIRECRAWL_API_KEY: engine.apiKey, FIRECRAWL_API_URL: engine.url },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'compat-table', version: '1.0.0' });
  await client.connect(transport);
  const listed = (await client.listTools()).tools;
  return {
    tools: listed.map((t) => t.name),
    schema: (tool) => Object.keys(listed.find((t) => t.name === tool)?.inputSchema.properties ?? {}),
    async call(name, args) {
      const r = await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 });
      if (r.isError) return false;
      const text = (r.content as { type: string; text?: string }[]).find((c) => c.type === 'text')?.text ?? '';
      let parsed: Record<string, unknown> = { text };
      try {
        parsed = { text, ...(JSON.parse(text) as Record<string, unknown>) };
      } catch {
        // Plain text: kept as `text`.
      }
      return { ...parsed, ...(r.structuredContent ?? {}) };
    },
    close: () => client.close(),
  };
}
