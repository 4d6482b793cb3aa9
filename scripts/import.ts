/**
 * Imports a seed file into the service table: `npm run import -- --help` says how.
 * Exit status: 0 when everything was written, 1 otherwise.
 */
import './quiet-aws-sdk';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HELP_OPTION, printHelp, readCommandLine, runCommand } from './command-line';
import { UsageError } from './seed-import/errors';
import { findLocalTarget } from './seed-import/local-target';
import { DynamoDbSeedImporter, type GroupMemberCounts, type SeedImportCounts } from './seed-import/seed-importer';

const USAGE = 'usage: npm run import -- FILE [--table NAME] [--endpoint URL] [--region REGION]\n       npm run import -- --local FILE';

const HELP = `${USAGE}

Imports a seed file (README: "Seed file") into the service's DynamoDB table. The whole
file is checked first: a malformed file is refused, every problem named by its path, and nothing is
written. Then each org, key, customer and group is written; one that the table refuses (an identifier
owned by another customer) is reported by its path and the others are written.

  --table NAME      the table; default: TABLE_NAME
  --endpoint URL    the DynamoDB endpoint; default: AWS_ENDPOINT_URL_DYNAMODB, else AWS's regional one
  --region REGION   the region; default: the AWS SDK's chain (AWS_REGION, the profile)
  --local           the table of the service \`npm start\` runs on this machine (found through
                    .local/local-service.json, or LOCAL_SERVICE_FILE); needs no credentials
  -h, --help        this help

Credentials come from the AWS SDK's usual chain. Exit status: 0 when everything was written, 1 otherwise.`;

const OPTIONS = {
  ...HELP_OPTION,
  table: { type: 'string' },
  endpoint: { type: 'string' },
  region: { type: 'string' },
  local: { type: 'boolean' },
} as const;

/** Where to import: a client for the table's DynamoDB, and the table. */
interface Target {
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

async function targetOf(values: { table?: string; endpoint?: string; region?: string; local?: boolean }, env: NodeJS.ProcessEnv): Promise<Target> {
  if (values.local) {
    if (values.table || values.endpoint || values.region) throw new UsageError(`--local finds the table itself: leave out --table, --endpoint and --region\n${USAGE}`);
    return findLocalTarget(env);
  }
  const tableName = values.table ?? env.TABLE_NAME;
  if (!tableName) throw new UsageError(`no table: pass --table NAME or set TABLE_NAME (or --local for the table of \`npm start\`)\n${USAGE}`);
  const client = new DynamoDBClient({ ...(values.endpoint ? { endpoint: values.endpoint } : {}), ...(values.region ? { region: values.region } : {}) });
  return { client, tableName };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function describeCounts(written: SeedImportCounts, members: GroupMemberCounts): string {
  return [
    `${written.orgs} org(s)`,
    `${written.programs} program(s)`,
    `${written.apiKeys} API key(s)`,
    `${written.customers} customer(s)`,
    `${written.identifiers} identifier(s)`,
    `${written.identifiersRemoved} old identifier(s) removed`,
    `${written.groups} group(s)`,
    `${members.written} group member(s) written`,
    `${members.removed} removed`,
  ].join(', ');
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = readCommandLine(argv, OPTIONS, USAGE);
  if (values.help) {
    printHelp(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError(`name exactly one seed file\n${USAGE}`);
  const text = await readText(file);
  const { client, tableName } = await targetOf(values, process.env);
  try {
    const outcome = await new DynamoDbSeedImporter(client, { tableName }).importSeedJson(text);
    if (outcome.kind === 'refused') {
      console.error(`${file} is malformed; nothing was written:`);
      for (const problem of outcome.problems) console.error(`  ${problem}`);
      return 1;
    }
    console.log(`Imported ${file} into ${tableName}: ${describeCounts(outcome.written, outcome.groupMembers)}`);
    if (outcome.failures.length === 0) return 0;
    console.error(`${outcome.failures.length} part(s) were not written:`);
    for (const failure of outcome.failures) console.error(`  ${failure.path}: ${failure.message}`);
    return 1;
  } finally {
    client.destroy();
  }
}

runCommand('import', main);
