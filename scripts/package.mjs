// `npm run package`: one VSIX per platform (`vsce package --target …`, the marketplace's
// convention for native parts), each carrying only its own agent-browser binary (the package
// ships all seven, about 11 MB each). The production build is made first; VSIXs go to
// .cache/vsix/. `npm run package -- linux-x64` builds only the targets named.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const OUT = join(root, '.cache/vsix');
/** VS Code target → the agent-browser binary that platform runs (src/engine/runners/bash-runner.ts). */
export const TARGETS = {
  'linux-x64': 'agent-browser-linux-x64',
  'linux-arm64': 'agent-browser-linux-arm64',
  'alpine-x64': 'agent-browser-linux-musl-x64',
  'alpine-arm64': 'agent-browser-linux-musl-arm64',
  'darwin-x64': 'agent-browser-darwin-x64',
  'darwin-arm64': 'agent-browser-darwin-arm64',
  'win32-x64': 'agent-browser-win32-x64.exe',
};

export function vsixPath(target) {
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(OUT, `${name}-${target}-${version}.vsix`);
}

function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((t) => !(t in TARGETS));
  if (unknown.length > 0) {
    console.error(`Unknown target(s): ${unknown.join(', ')}. Known: ${Object.keys(TARGETS).join(', ')}.`);
    process.exit(2);
  }
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  const base = readFileSync(join(root, '.vscodeignore'), 'utf8');
  const ignoreFile = join(OUT, '.vscodeignore-target');
  try {
    for (const [target, binary] of Object.entries(TARGETS)) {
      if (wanted.length > 0 && !wanted.includes(target)) continue;
      // Every other platform's binary stays out of this target's VSIX.
      const others = Object.values(TARGETS).filter((b) => b !== binary).map((b) => `node_modules/agent-browser/bin/${b}`);
      writeFileSync(ignoreFile, `${base}\n${others.join('\n')}\n`);
      const out = vsixPath(target);
      rmSync(out, { force: true });
      // What goes into the VSIX, listed so a needless file shows in the log of every package step.
      console.log(`Files of ${target}:`);
      execFileSync(join(root, 'node_modules/.bin/vsce'), ['ls', '--ignoreFile', ignoreFile], { cwd: root, stdio: 'inherit' });
      const preRelease = Number(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version.split('.')[1]) % 2 === 1 ? ['--pre-release'] : [];
      execFileSync(join(root, 'node_modules/.bin/vsce'), ['package', '--target', target, ...preRelease, '--ignoreFile', ignoreFile, '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: 'inherit' });
    }
  } finally {
    rmSync(ignoreFile, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
