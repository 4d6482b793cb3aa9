/**
 * `--help` or `-h` anywhere in a command's arguments: prints its usage to stdout and says so, so
 * the command can exit 0 before doing anything else.
 */
export function printUsageIfAsked(argv: readonly string[], usage: string): boolean {
  if (!argv.some((arg) => arg === '--help' || arg === '-h')) return false;
  process.stdout.write(`${usage.trimEnd()}\n`);
  return true;
}
