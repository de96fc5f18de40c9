// Download size: builds every platform's VSIX (scripts/package.mjs) and reports each one's size
// against the single all-platform VSIX it replaces (all seven agent-browser binaries, measured
// by packaging the same tree with every binary in). Target: ≤ 15 MB each.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TARGETS, vsixPath } from '../scripts/package.mjs';
import { report, row } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/package.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const dir = mkdtempSync(join(tmpdir(), 'bench-vsix-'));
let all;
try {
  const ignore = join(dir, 'ignore');
  writeFileSync(ignore, readFileSync(join(root, '.vscodeignore')));
  const out = join(dir, 'all.vsix');
  execFileSync(join(root, 'node_modules/.bin/vsce'), ['package', '--ignoreFile', ignore, '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  all = statSync(out).size / 2 ** 20;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report(Object.keys(TARGETS).map((t) => row({ name: `VSIX ${t}`, project: statSync(vsixPath(t)).size / 2 ** 20, baseline: all, unit: 'MB', target: '≤ 15 MB', limit: 15 })));
