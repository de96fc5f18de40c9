/**
 * Resource limits of sandboxed runs, each an engine flag (config.ts). Applied inside the
 * sandbox (see sandbox.ts): /tmp and /dev/shm are tmpfs of a fixed size (bwrap --size), and the
 * run's first process sets its rlimits with util-linux `prlimit` before it starts the command,
 * so everything the run starts inherits them.
 */
export interface RunLimits {
  /** --run-max-procs: processes and threads of one sandbox (RLIMIT_NPROC, counted in its user namespace). */
  maxProcs: number;
  /** --run-tmp-mb: size of the sandbox's /tmp, and of its /dev/shm. */
  tmpMb: number;
  /** --run-memory-mb: address space of each process of a bash or python run (RLIMIT_AS). */
  memoryMb: number;
  /** --run-cpu-seconds: CPU time of each process of a bash run, and of each python run (RLIMIT_CPU). */
  cpuSeconds: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = { maxProcs: 256, tmpMb: 512, memoryMb: 4096, cpuSeconds: 300 };

/** Which rlimits a command gets besides the process count (node workers: their heap flag instead). */
export interface LimitsFor {
  memory?: boolean;
  cpu?: boolean;
}

/** Seconds past the CPU limit (SIGXCPU) at which a process that ignores that signal is killed. */
const CPU_GRACE_S = 5;

/** `prlimit` arguments (before `-- command`) for the chosen limits; hard limits, as user code cannot raise them. */
export function prlimitArgs(limits: RunLimits, which: LimitsFor): string[] {
  const both = (n: number): string => `${n}:${n}`;
  return [
    `--nproc=${both(limits.maxProcs)}`,
    ...(which.memory ? [`--as=${both(limits.memoryMb * 1024 * 1024)}`] : []),
    ...(which.cpu ? [`--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + CPU_GRACE_S}`] : []),
  ];
}

/** What a run killed by its CPU limit (SIGXCPU; through bwrap, exit code 128 + 24) says. */
export const cpuLimitNote = (seconds: number): string => `The run used more than ${seconds} s of CPU time (--run-cpu-seconds) and was stopped.`;
export const SIGXCPU_EXIT = 128 + 24;
