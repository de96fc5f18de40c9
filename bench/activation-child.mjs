// One activation, in a fresh process: require(bundle) then activate(context), timed; prints
// {ms, cpuMs, loaded} where `loaded` lists Node built-ins and files that the two steps loaded.
// With a language as the second argument (`ja`), VS Code's display language is that one and its
// bundle (l10n/bundle.l10n.<language>.json) is loaded before the timing starts, as VS Code loads
// it before it activates the extension: `vscode.l10n.t` then translates with it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { installFakeVscode, makeContext } from './fake-vscode.mjs';

const require = createRequire(import.meta.url);
// The extension host has loaded many CommonJS modules before ours; warm the loader likewise.
require('../package.json');

const bundle = path.resolve(process.argv[2]);
const vscode = installFakeVscode();
const language = process.argv[3];
if (language) {
  const messages = JSON.parse(readFileSync(path.join(path.dirname(path.dirname(bundle)), 'l10n', `bundle.l10n.${language}.json`), 'utf8'));
  vscode.env.language = language;
  vscode.l10n.t = (message, ...args) => (messages[message] ?? message).replace(/\{(\d+)\}/g, (whole, i) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}
const context = makeContext(path.dirname(path.dirname(bundle)));
const builtinsBefore = new Set(process.moduleLoadList);
const filesBefore = new Set(Object.keys(require.cache));

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const ext = require(bundle);
const api = ext.activate(context);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);

const loaded = [
  ...process.moduleLoadList.filter((m) => !builtinsBefore.has(m) && m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/')).map((m) => `node:${m.slice('NativeModule '.length)}`),
  ...Object.keys(require.cache).filter((f) => !filesBefore.has(f)).map((f) => path.relative(process.cwd(), f)),
];
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, loaded, api: api !== undefined }));
Promise.resolve(ext.deactivate?.()).finally(() => process.exit(0));
