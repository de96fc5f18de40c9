// Preloaded into the engine (node --import) by the shutdown test: at the engine's 'exit' event,
// the last moment it runs, it writes every process still running on this machine (from /proc,
// zombies left out) to EXIT_SNAPSHOT_FILE, so the test can check what of the engine outlived it
// at that very moment rather than some milliseconds later, when its exit event reaches the test.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.EXIT_SNAPSHOT_FILE;
  if (!file) return;
  const alive = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(close + 2, close + 3) !== 'Z') alive.push({ pid: Number(name), comm: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // ended while the folder was read
    }
  }
  writeFileSync(file, JSON.stringify(alive));
});
