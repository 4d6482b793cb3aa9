/**
 * Writes the points API's OpenAPI 3.1 document, generated from the operations table, to
 * openapi.json (or the file named): `npm run openapi`. README, "OpenAPI".
 */
import { writeFile } from 'node:fs/promises';
import { HELP_OPTION, printHelp, readCommandLine, runCommand } from './command-line';
import { UsageError } from './seed-import/errors';
import { OPENAPI_FILE, openApiText } from './openapi/openapi-document';

const USAGE = 'usage: npm run openapi [-- FILE]';

const HELP = `${USAGE}

Writes the points API's OpenAPI 3.1 document to FILE (default: openapi.json at the project root),
generated from the operations table and its valibot schemas. Commit the file: a test fails while it
differs from what this command writes. npm start serves the same document at GET /openapi.json.

  -h, --help   this help`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = readCommandLine(argv, HELP_OPTION, USAGE);
  if (values.help) {
    printHelp(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`openapi takes at most one file\n${USAGE}`);
  const file = positionals[0] ?? OPENAPI_FILE;
  await writeFile(file, openApiText());
  console.log(`Wrote the OpenAPI document to ${file}`);
  return 0;
}

runCommand('openapi', main);
