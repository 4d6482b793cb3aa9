import { spawn } from 'node:child_process';

/**
 * The watcher: a tiny Node process holding the read end of a pipe whose only write end is ours.
 * When this process ends, however it ends (SIGKILL included), the kernel closes that end, the
 * watcher reads end-of-file and kills the watched process. SIGKILL, not SIGTERM: DynamoDB Local
 * keeps its data in memory, so there is nothing to save, and SIGKILL also ends a process that is
 * stopped (SIGSTOP). Interrupts (Ctrl-C reaches the whole process group) and termination requests
 * are ignored: the watcher ends only with its pipe, or when released.
 */
const WATCHER_SOURCE = `
const pid = Number(process.argv[1]);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
process.stdin.on('error', () => {}).on('close', () => {
  try { process.kill(pid, 'SIGKILL'); } catch {}
  process.exit(0);
}).resume();
`;

/** A watch on a process: release it once that process has ended (or before stopping it yourself). */
export interface ParentWatch {
  release(): void;
}

/**
 * Kills the process `pid` (a child of ours) if this process ends without stopping it: `npm start`
 * killed with SIGKILL, its parent ended, a test run aborted. Why a watcher process rather than
 * polling from the child: the child (Java, DynamoDB Local) cannot be changed, a closed pipe is
 * noticed at once with no polling and no risk of a reused pid, and it needs nothing but Node, on
 * Linux as on macOS (Linux's parent-death signal, through `setpriv --pdeathsig`, would need
 * util-linux and fires on the end of the spawning thread, not of the process).
 */
export function killWithThisProcess(pid: number): ParentWatch {
  const watcher = spawn(process.execPath, ['-e', WATCHER_SOURCE, String(pid)], { stdio: ['pipe', 'ignore', 'ignore'], env: {} });
  // Neither the watcher nor its pipe keeps this process alive.
  watcher.unref();
  (watcher.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  watcher.on('error', () => undefined);
  watcher.stdin?.on('error', () => undefined);
  return {
    // The watched process is gone or being stopped by us: the watcher must not outlive it (and so can
    // never kill a process that reused its pid).
    release: () => {
      if (watcher.exitCode === null && watcher.signalCode === null) watcher.kill('SIGKILL');
    },
  };
}
