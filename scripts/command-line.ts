import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './seed-import/errors';

/**
 * The command line of every operator command (npm start, import, new-key, openapi, bench): reading
 * the arguments, answering `--help`, and (runCommand) turning what `main` returns or throws into an
 * exit status. `--help` or `-h` prints the command's help to stdout (printHelp) and the command exits
 * 0 before doing anything else.
 */

type Options = NonNullable<ParseArgsConfig['options']>;

/** The option every command has. */
export const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** Prints a command's help to stdout: the one way every command answers `--help`. */
export function printHelp(help: string): void {
  process.stdout.write(`${help.trimEnd()}\n`);
}

/**
 * `--help` or `-h` anywhere in the arguments, for a command that reads no other argument (npm start,
 * bench): it ignores the rest, so a help flag is found wherever it is.
 */
export function helpAsked(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--help' || arg === '-h');
}

/**
 * A command's arguments through node:util's parseArgs (strict, positionals allowed). A mistake
 * becomes a UsageError that ends with the usage line.
 */
export function readCommandLine<const T extends Options>(argv: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`, { cause: error });
  }
}

/**
 * Runs an operator command: its exit status is what `main` returns. A UsageError is printed as is;
 * any other error as `<command> failed: <name>: <message>`, without a stack trace, which would only
 * bury the message that says what to fix.
 */
export function runCommand(command: string, main: (argv: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      console.error(error instanceof UsageError ? message : `${command} failed: ${name}: ${message}`);
      process.exitCode = 1;
    },
  );
}
