import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { localClientConfig } from '../local/dynamodb-local/dynamodb-local';
import { sqsRecord } from '../local/sqs-record';
import { chunks, mapConcurrently } from '../scripts/seed-import/concurrency';
import { DynamoDbSeedImporter } from '../scripts/seed-import/seed-importer';
import { makeAdjustmentFloor, type FloorAdjustment } from './adjustment-floor';
import { comparisonRows, interleave, summarise } from './interleaved';
import type { CountingProxy } from './proxy-process';

/**
 * The adjustments consumer under load (README, "Performance"): its production entry, built from the
 * environment `npm run bench` set up, given SQS events of 10 messages against DynamoDB Local through
 * the counting proxy. BENCH_ADJUSTMENTS adjustments (default 2,000; the measure is 10,000)
 * over BENCH_ADJUSTMENT_CUSTOMERS customers (default 1,000), BENCH_ADJUSTMENT_CONCURRENCY batches at
 * once (default 4, the event source's maximum concurrency); then BENCH_ADJUSTMENT_ROUNDS batches
 * (default 200) interleaved with a floor making the same round trips with a bare SDK client.
 */
const ADJUSTMENTS = Number(process.env.BENCH_ADJUSTMENTS ?? 2000);
const CUSTOMERS = Number(process.env.BENCH_ADJUSTMENT_CUSTOMERS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_ADJUSTMENT_CONCURRENCY ?? 4);
const ROUNDS = Number(process.env.BENCH_ADJUSTMENT_ROUNDS ?? 200);
const BATCH = 10;

const ORG = 'bench-adjustments';
const KEY = 'bench-adjust-Y2pL7vN4bR8tY1wZ6cF0hJ5dS2aQ3m9xK';
const mobileOf = (customer: number) => `9188${String(customer).padStart(8, '0')}`;
const TYPES = ['EARN', 'DEDUCT', 'EXPIRE', 'ADJUST'] as const;

/** Adjustment `i` of a run: spread over the customers, the four types in turn; `signed` is its change of current points. */
function adjustmentOf(run: string, i: number) {
  const type = TYPES[i % TYPES.length]!;
  const points = 1 + (i % 20);
  const signed = type === 'DEDUCT' || type === 'EXPIRE' ? -points : points;
  const body = {
    reference: `${run}-${i}`,
    type,
    points,
    program_id: 1,
    customer: { mobile: mobileOf(1 + (i % CUSTOMERS)) },
    ...(type === 'EARN' && { lifetime_purchases: `${i % 100}.${String(i % 1000).padStart(3, '0')}` }),
  };
  return { body, floor: { reference: `floor-${run}-${i}`, mobile: body.customer.mobile, points: signed } satisfies FloorAdjustment };
}

function sqsEvent(run: string, first: number): SQSEvent {
  const now = Date.now();
  return {
    Records: Array.from({ length: BATCH }, (_, k) => {
      const messageId = `${run}-${first + k}`;
      const body = JSON.stringify({ apiKey: KEY, body: adjustmentOf(run, first + k).body });
      return sqsRecord({ messageId, receiptHandle: messageId, body, receiveCount: 1, sentAt: now, firstReceivedAt: now, queueName: 'adjustments' });
    }),
  };
}

const context = { awsRequestId: 'bench', functionName: 'adjustments-consumer', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** An org of CUSTOMERS customers in program 1, each with a balance no run of the bench can empty. */
async function seedCustomers(dynamoEndpoint: string, tableName: string): Promise<void> {
  const admin = new DynamoDBClient(localClientConfig(dynamoEndpoint));
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({
    id: i + 1,
    mobile: mobileOf(i + 1),
    programs: { '1': { registered: true, currentPoints: 1_000_000, lifetimePoints: 1_000_000, lifetimePurchases: 0 } },
  }));
  const seed = { orgs: [{ id: ORG, name: 'Bench', apiKeys: [{ key: KEY, label: 'bench-feed', scopes: ['adjust'] }], programs: [{ id: 1, name: 'Bench Points' }], customers }] };
  const outcome = await new DynamoDbSeedImporter(admin, { tableName }).importSeed(seed);
  admin.destroy();
  if (outcome.kind !== 'imported' || outcome.failures.length > 0) throw new Error('the bench customers were not imported');
}

/** Runs the measures and answers the README's table rows. */
export async function benchAdjustments(options: { readonly dynamoEndpoint: string; readonly proxy: CountingProxy; readonly tableName: string }): Promise<string[]> {
  await seedCustomers(options.dynamoEndpoint, options.tableName);
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const { handler } = (await import('../functions/adjustments-consumer')) as unknown as { handler: (e: SQSEvent, c: Context) => Promise<SQSBatchResponse> };
  const consume = async (event: SQSEvent) => {
    const { batchItemFailures } = await handler(event, context);
    if (batchItemFailures.length > 0) throw new Error(`the bench's adjustments failed (${batchItemFailures.length}): it would measure nothing`);
  };

  for (let first = 0; first < 20 * BATCH; first += BATCH) await consume(sqsEvent('warm', first)); // JIT, caches, connections
  await options.proxy.reset();
  const started = performance.now();
  await mapConcurrently(chunks(Array.from({ length: ADJUSTMENTS }, (_, i) => i), BATCH), CONCURRENCY, (batch) => consume(sqsEvent('run', batch[0]!)));
  const seconds = (performance.now() - started) / 1000;
  const roundTrips = (await options.proxy.count()) / ADJUSTMENTS;

  const floorClient = new DynamoDBClient({ ...localClientConfig(options.proxy.url), cacheMiddleware: true });
  const floor = makeAdjustmentFloor(floorClient, options.tableName, ORG);
  const floorBatch = (run: string, first: number) => Promise.all(Array.from({ length: BATCH }, (_, k) => floor(adjustmentOf(run, first + k).floor)));
  await options.proxy.reset();
  await floorBatch('floor-count', 0);
  const floorRoundTrips = (await options.proxy.count()) / BATCH;
  const compared = await interleave(ROUNDS, {
    service: (round) => consume(sqsEvent('compared', round * BATCH)),
    floor: (round) => floorBatch('compared', round * BATCH),
  });
  floorClient.destroy();

  return [
    `## Adjustments consumer`,
    '',
    `The production entry in-process, SQS events of ${BATCH} messages (all four types, customers by mobile), against DynamoDB Local through the counting proxy.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| adjustments | ${ADJUSTMENTS} over ${CUSTOMERS} customers, ${CONCURRENCY} batches at once |`,
    `| throughput | ${(ADJUSTMENTS / seconds).toFixed(0)} adjustments/s |`,
    `| DynamoDB round trips per adjustment (rules and key cached) | ${roundTrips.toFixed(2)} (floor: ${floorRoundTrips.toFixed(2)}) |`,
    '',
    `Against the floor (the same round trips with a bare SDK client), ${ROUNDS} rounds of one batch of ${BATCH} each (a call is one batch), alternating which goes first:`,
    '',
    ...comparisonRows(summarise(compared.service), summarise(compared.floor)),
    '',
  ];
}
