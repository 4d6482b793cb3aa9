/**
 * Imports a seed file into the service table.
 *
 *   npm run import -- FILE [--table NAME] [--endpoint URL] [--region REGION]
 *
 * The table comes from --table or TABLE_NAME. Without --endpoint the SDK finds the endpoint itself
 * (AWS_ENDPOINT_URL_DYNAMODB, or the regional one); without --region, the region comes from the SDK's
 * usual chain (AWS_REGION, the profile). Exit status: 0 when everything was written, 1 otherwise.
 */
import './quiet-aws-sdk';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { printUsageIfAsked } from './command-help';
import { DynamoDbSeedImporter, type SeedImportCounts } from './seed-import/seed-importer';

const USAGE = 'usage: npm run import -- FILE [--table NAME] [--endpoint URL] [--region REGION]';

/** A problem the operator can fix; printed without a stack trace. */
class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

interface Arguments {
  readonly file: string;
  readonly table: string;
  readonly endpoint?: string;
  readonly region?: string;
}

function readArguments(argv: readonly string[], env: NodeJS.ProcessEnv): Arguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { table: { type: 'string' }, endpoint: { type: 'string' }, region: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(`name exactly one seed file\n${USAGE}`);
  const table = parsed.values.table ?? env.TABLE_NAME;
  if (!table) throw new UsageError(`no table: pass --table NAME or set TABLE_NAME\n${USAGE}`);
  return { file, table, endpoint: parsed.values.endpoint, region: parsed.values.region };
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function describeCounts(written: SeedImportCounts): string {
  return [
    `${written.orgs} org(s)`,
    `${written.programs} program(s)`,
    `${written.apiKeys} API key(s)`,
    `${written.customers} customer(s)`,
    `${written.identifiers} identifier(s)`,
    `${written.identifiersRemoved} old identifier(s) removed`,
    `${written.groups} group(s)`,
  ].join(', ');
}

async function main(argv: readonly string[]): Promise<number> {
  if (printUsageIfAsked(argv, USAGE)) return 0;
  const args = readArguments(argv, process.env);
  const seed = await readJson(args.file);
  const client = new DynamoDBClient({
    ...(args.endpoint ? { endpoint: args.endpoint } : {}),
    ...(args.region ? { region: args.region } : {}),
  });
  try {
    const outcome = await new DynamoDbSeedImporter(client, { tableName: args.table }).importSeed(seed);
    if (outcome.kind === 'refused') {
      console.error(`${args.file} is malformed; nothing was written:`);
      for (const problem of outcome.problems) console.error(`  ${problem}`);
      return 1;
    }
    console.log(`Imported ${args.file} into ${args.table}: ${describeCounts(outcome.written)}`);
    if (outcome.failures.length === 0) return 0;
    console.error(`${outcome.failures.length} part(s) were not written:`);
    for (const failure of outcome.failures) console.error(`  ${failure.path}: ${failure.message}`);
    return 1;
  } finally {
    client.destroy();
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    // An operator's tool: the message says what to fix; a stack trace would only bury it.
    const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    console.error(name === 'UsageError' ? message : `import failed: ${name}: ${message}`);
    process.exitCode = 1;
  },
);
