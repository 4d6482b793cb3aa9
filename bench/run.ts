import '../scripts/quiet-aws-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { helpAsked, printHelp } from '../scripts/command-line';
import { DynamoDbSeedImporter } from '../scripts/seed-import/seed-importer';
import { createServiceTable } from '../local/dynamodb-local/create-table';
import { localClientConfig, startDynamoDbLocal } from '../local/dynamodb-local/dynamodb-local';
import { benchAdjustments } from './adjustments';
import { benchBundles } from './bundles';
import { benchChecks } from './checks';
import { quietly, type BenchContext } from './context';
import { startCountingProxy } from './proxy-process';
import { benchRedemptions } from './redemptions';

/**
 * `npm run bench`: what a check and a redemption cost, measured on this machine, each beside its
 * floor (bench/checks.ts, bench/redemptions.ts), and the bundles (bench/bundles.ts). The production
 * points entry runs in-process, built from its environment, against DynamoDB Local through a
 * counting proxy in its own process. DynamoDB Local (Java, on the same cores) dominates the
 * latency; the numbers compare changes to this code, they do not predict AWS latency.
 */
const USAGE = `usage: npm run bench [-- --help]

What a check and a redemption cost on this machine: the points API entry invoked in-process
against DynamoDB Local, latency, throughput, DynamoDB round trips and memory, each beside a floor
(the same DynamoDB calls with the bare SDK) measured in the same run; then each Lambda's bundle size
and load time. Takes a few minutes; numbers compare changes, they do not
forecast AWS latency (README, "Performance").

environment:
  BENCH_SEQUENTIAL     sequential checks (default 2000)
  BENCH_CONCURRENT     checks in the throughput run (default 4000)
  BENCH_CONCURRENCY    concurrent invocations (default 16)
  BENCH_ROUNDS         interleaved check rounds against the bare-SDK floor (default 3000)
  BENCH_REDEMPTIONS    sequential redemptions (default 1000)
  BENCH_REDEMPTION_ROUNDS   interleaved redemption rounds against the floor (default 1000)
  BENCH_REDEMPTIONS_CONCURRENT   redemptions on distinct customers in the throughput run (default 2000)
  BENCH_REDEMPTIONS_HOT          redemptions on one customer in the throughput run (default 400)
  BENCH_ADJUSTMENTS    adjustments the queue consumer applies, in SQS batches of 10 (default 2000; 10000 for the full measure)
  BENCH_ADJUSTMENT_CUSTOMERS     customers they are spread over (default 1000)
  BENCH_ADJUSTMENT_CONCURRENCY   batches applied at once (default 4)
  BENCH_ADJUSTMENT_ROUNDS        batches interleaved with the bare-SDK floor (default 200)
  POWERTOOLS_LOG_LEVEL, POWERTOOLS_METRICS_DISABLED   INFO and metrics on by default, as deployed`;

async function main(): Promise<void> {
  if (helpAsked(process.argv.slice(2))) {
    printHelp(USAGE);
    return;
  }
  const dynamo = await startDynamoDbLocal();
  const proxy = await startCountingProxy(dynamo.port);
  try {
    const admin = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    await createServiceTable(admin, 'bench');
    await new DynamoDbSeedImporter(admin, { tableName: 'bench' }).importSeed(JSON.parse(readFileSync(join(__dirname, '../seed/demo.json'), 'utf8')));
    admin.destroy();
    Object.assign(process.env, {
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      // Through a counting proxy: every HTTP round trip the production client makes is seen.
      AWS_ENDPOINT_URL_DYNAMODB: proxy.url,
      TABLE_NAME: 'bench',
      VALIDATION_CODES_FUNCTION_NAME: 'unused-by-these-operations',
      // As deployed (INFO logs, metrics on) unless asked otherwise: their lines are formatted, then
      // swallowed (context.ts: quietly). POWERTOOLS_LOG_LEVEL=SILENT POWERTOOLS_METRICS_DISABLED=true
      // show what logging and metrics cost.
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
    });
    const entry = await import('../functions/points-api');
    const ctx: BenchContext = {
      handler: entry.handler as BenchContext['handler'],
      unobservedHandler: entry.pointsApiEntry({ logger: new Logger({ logLevel: 'SILENT' }) }) as BenchContext['handler'],
      proxy,
      tableName: 'bench',
    };
    const checks = await quietly(() => benchChecks(ctx));
    const redemptions = await quietly(() => benchRedemptions(ctx, dynamo.endpoint));
    const adjustments = await quietly(() => benchAdjustments({ dynamoEndpoint: dynamo.endpoint, proxy, tableName: 'bench' }));
    const bundles = await benchBundles();
    const title = `## Benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch})`;
    process.stdout.write(`${[title, '', ...checks, ...redemptions, ...adjustments, '', ...bundles].join('\n')}\n`);
  } finally {
    proxy.close();
    await dynamo.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
