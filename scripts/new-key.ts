/**
 * Prints a new partner API key: `npm run new-key -- --help` says how.
 */
import { randomBytes } from 'node:crypto';
import { HELP_OPTION, printHelp, readCommandLine, runCommand } from './command-line';
import { UsageError } from './seed-import/errors';

const USAGE = 'usage: npm run new-key [-- --prefix PREFIX]';

/** Random bytes in a key: 256 bits, twice the 128 a key must carry (README, "Partner keys"). */
const KEY_BYTES = 32;

const HELP = `${USAGE}

Prints a new partner API key on one line: PREFIX, then ${KEY_BYTES} random bytes (from the operating
system's generator) in base64url, 43 characters of A-Z, a-z, 0-9, "-" and "_". Put it in the org's
"apiKeys" of a seed file and import it; only its SHA-256 is stored. Give it to the partner over a
channel meant for secrets.

  --prefix PREFIX   readable start of the key, e.g. acme-pos- (up to 64 of A-Z, a-z, 0-9, "-", "_")
  -h, --help        this help`;

const OPTIONS = { ...HELP_OPTION, prefix: { type: 'string', default: '' } } as const;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = readCommandLine(argv, OPTIONS, USAGE);
  if (values.help) {
    printHelp(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`new-key takes no file or word, only options\n${USAGE}`);
  if (!/^[A-Za-z0-9_-]{0,64}$/.test(values.prefix)) throw new UsageError(`--prefix may hold up to 64 of A-Z, a-z, 0-9, "-" and "_"\n${USAGE}`);
  console.log(`${values.prefix}${randomBytes(KEY_BYTES).toString('base64url')}`);
  return 0;
}

runCommand('new-key', main);
