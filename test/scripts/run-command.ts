import { execFile } from 'node:child_process';
import { PROJECT_ROOT } from '../support/paths';

/** What an operator sees of a command: its exit status and its two streams. */
export interface CommandRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A line of a stack trace: an operator command prints none. */
export const STACK_FRAME = /^\s+at .+:\d+/m;

/** Runs `command args` in the project folder, with exactly the environment given, as a real process. */
export function runCommand(command: string, args: readonly string[], env: Record<string, string>): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd: PROJECT_ROOT, timeout: 60_000, env }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** PATH and HOME, which npm and npx need, and the SDK's Node-version warning silenced. */
export const BASE_ENV = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
