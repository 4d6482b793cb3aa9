/**
 * Calls `onExit` once the process that started this one has ended, however it ended (killed with
 * SIGKILL included): the kernel then gives this process a new parent, so `process.ppid` changes.
 * Checked every `intervalMs` (default 500 ms); the timer does not keep the process alive. Returns a
 * function that stops watching.
 */
export function onParentExit(onExit: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onExit();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
