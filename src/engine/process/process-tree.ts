/**
 * The processes the engine started, directly or through them (browsers and their helpers,
 * sandboxes and what runs inside): listed before a shutdown so the engine can wait until every
 * one is gone before it exits. Linux reads /proc; macOS asks `ps`; elsewhere only what the
 * engine spawned itself is known (and those end with their pipes).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Every process below `root`, children first. */
export function descendants(root: number): number[] {
  const parents = parentTable();
  const out: number[] = [];
  const walk = (pid: number): void => {
    for (const [child, parent] of parents) {
      if (parent === pid && !out.includes(child)) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/** Whether `pid` still runs (a zombie, exited but not yet reaped, does not). */
export function running(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits until none of `pids` runs, up to `ms`; then kills what is left and waits (1 s at most) until it is gone. Resolves with how many had to be killed. */
export async function waitForExit(pids: number[], ms: number): Promise<number> {
  const left = await gone(pids, ms);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
  // A kill is delivered, not done: the process still runs until the kernel has ended it.
  await gone(left, 1_000);
  return left.length;
}

async function gone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let left = pids.filter(running);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    left = left.filter(running);
  }
  return left;
}

function parentTable(): Map<number, number> {
  const table = new Map<number, number>();
  if (process.platform === 'linux') {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // Fields after the command name (which may hold spaces and parentheses): state, ppid, …
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        table.set(Number(name), ppid);
      } catch {
        // Ended while listing.
      }
    }
  } else if (process.platform === 'darwin') {
    try {
      for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8', timeout: 5_000 }).split('\n')) {
        const [pid, ppid] = line.trim().split(/\s+/).map(Number);
        if (pid > 0) table.set(pid, ppid);
      }
    } catch {
      // No ps: only the engine's own children end with their pipes.
    }
  }
  return table;
}
