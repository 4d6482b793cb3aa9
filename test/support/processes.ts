import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freePort } from '../../local/dynamodb-local/dynamodb-local';

/** A process as Linux's /proc shows it. */
export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  /** R, S, T (stopped), Z (ended, not yet reaped) ... */
  readonly state: string;
  readonly args: string;
}

function processInfo(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ")".
    const [state = '', ppid = '', pgid = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(ppid), pgid: Number(pgid), state, args };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Every live process of a process group (a child spawned with `detached: true` leads its own). */
export function processesInGroup(pgid: number): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => processInfo(Number(name)))
    .filter((info): info is ProcessInfo => info !== undefined && info.pgid === pgid && info.state !== 'Z');
}

/** Whether the process is there and has not ended (a zombie has ended). */
export function isAlive(pid: number): boolean {
  const info = processInfo(pid);
  return info !== undefined && info.state !== 'Z';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once the process has ended; bounded by the test's own timeout. */
export async function untilGone(pid: number): Promise<void> {
  while (isAlive(pid)) await pause(100);
}

/** Resolves with the first value `probe` gives that is not undefined; bounded by the test's own timeout. */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await pause(100);
  }
}

/** A child process leading its own process group, with everything it printed. */
export interface GroupChild {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit status (or the signal's name) once it has ended. */
  readonly exited: Promise<number | string>;
  /** Kills whatever of its group is left (SIGCONT first, for a stopped member): for afterEach. */
  killGroup(): void;
}

export function spawnGroup(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): GroupChild {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const pgid = child.pid!;
  return {
    child,
    output: () => output,
    exited,
    killGroup: () => {
      for (const signal of ['SIGCONT', 'SIGKILL'] as const) {
        try {
          process.kill(-pgid, signal);
        } catch {
          // the group is gone
        }
      }
    },
  };
}

/**
 * The ports an `npm start` of a test listens on: PORT and LAMBDA_PORT, each asked of the OS.
 * Leaving LAMBDA_PORT to its default (PORT + 1) fails whenever another test's server already holds that one.
 */
export async function startPorts(): Promise<{ PORT: string; LAMBDA_PORT: string }> {
  const [port, lambdaPort] = [await freePort(), await freePort()];
  return { PORT: String(port), LAMBDA_PORT: String(lambdaPort) };
}
