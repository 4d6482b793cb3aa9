import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../local/dynamodb-local/dynamodb-local';
import { DynamoDbSeedImporter } from '../scripts/seed-import/seed-importer';
import { lambdaContext, ms, proxyEvent, throughput, type BenchContext } from './context';
import { comparisonRows, interleave, percentile, summarise } from './interleaved';
import { makeRedemptionFloor } from './redemption-floor';

const SEQUENTIAL = Number(process.env.BENCH_REDEMPTIONS ?? 1000);
const ROUNDS = Number(process.env.BENCH_REDEMPTION_ROUNDS ?? 1000);
const CONCURRENT = Number(process.env.BENCH_REDEMPTIONS_CONCURRENT ?? 2000);
const HOT = Number(process.env.BENCH_REDEMPTIONS_HOT ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const CUSTOMERS = 200;
const ORG = 'benchorg';
const KEY = 'bench-till-2Qf8Lk3Vx9Wm4Rz7Tb1Yn6Pc5Hd0Gs8J';

/** An org of CUSTOMERS customers with ample points in one program with no limits: nothing but balance is checked. */
function benchSeed() {
  return {
    orgs: [
      {
        id: ORG,
        name: 'Bench',
        apiKeys: [{ key: KEY, label: 'bench-till' }],
        programs: [{ id: 1, name: 'Bench Points' }],
        customers: Array.from({ length: CUSTOMERS }, (_, i) => ({
          id: 7000 + i,
          mobile: mobileOf(i),
          email: `c${i}@example.com`,
          externalId: `B-${i}`,
          programs: { '1': { registered: true, currentPoints: 2_000_000_000, lifetimePoints: 2_000_000_000, lifetimePurchases: 0 } },
        })),
      },
    ],
  };
}
const mobileOf = (customer: number) => `91700000${String(customer).padStart(4, '0')}`;
const redeem = (reference: string, customer: number) =>
  proxyEvent({
    method: 'POST',
    path: '/v1.1/points/redeem',
    key: KEY,
    body: { root: { redeem: [{ points_redeemed: 1, customer: { mobile: mobileOf(customer) }, external_reference_number: reference }] } },
  });

/**
 * Redemptions (POST redeem, by mobile, each with its own reference): sequential latency and round
 * trips, the interleaved comparison with the bare-SDK floor (the same reads and transaction),
 * throughput at CONCURRENCY on distinct customers and on one hot customer (answers 899 retried, as
 * a client would). Markdown lines.
 */
export async function benchRedemptions(ctx: BenchContext, dynamoEndpoint: string): Promise<string[]> {
  const admin = new DynamoDBClient(localClientConfig(dynamoEndpoint));
  await new DynamoDbSeedImporter(admin, { tableName: ctx.tableName }).importSeed(benchSeed());
  admin.destroy();
  const invoke = async (reference: string, customer: number) => {
    const result = await ctx.handler(redeem(reference, customer), lambdaContext);
    return JSON.parse(result.body).response.responses.points.item_status.code as number;
  };
  for (let i = 0; i < 100; i += 1) await invoke(`WARM-${i}`, i % CUSTOMERS); // warm-up

  const latencies: number[] = [];
  await ctx.proxy.reset();
  for (let i = 0; i < SEQUENTIAL; i += 1) {
    const start = performance.now();
    const code = await invoke(`SEQ-${i}`, i % CUSTOMERS);
    latencies.push(performance.now() - start);
    if (code !== 800) throw new Error(`a benchmark redemption answered ${code}: it would measure nothing`);
  }
  const callsPerRedemption = (await ctx.proxy.count()) / SEQUENTIAL;
  latencies.sort((a, b) => a - b);

  // The service on the first half of the customers, the floor on the other: neither waits for the other's writes.
  const floorClient = new DynamoDBClient(localClientConfig(ctx.proxy.url));
  const floor = makeRedemptionFloor(floorClient, ctx.tableName, ORG);
  const half = CUSTOMERS / 2;
  const compared = await interleave(ROUNDS, {
    service: (round) => invoke(`CMP-${round}`, round % half),
    floor: (round) => floor(mobileOf(half + (round % half)), 1, `FLOOR-${round}`),
  });
  floorClient.destroy();

  const distinct = await throughput(CONCURRENT, CONCURRENCY, (i) => invoke(`DIST-${i}`, i % CUSTOMERS));
  let busy = 0;
  const hot = await throughput(HOT, CONCURRENCY, async (i) => {
    while ((await invoke(`HOT-${i}`, 0)) === 899) busy += 1;
  });
  return [
    `Redemptions: POST redeem of 1 point by mobile with a reference of its own, ${CUSTOMERS} customers with ample points in a program without limits.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| sequential redemptions | ${SEQUENTIAL}, latency p50 / p99 ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))} |`,
    `| DynamoDB round trips per redemption (rules cached) | ${callsPerRedemption.toFixed(2)} (2 reads and 1 transaction) |`,
    `| throughput, ${CONCURRENCY} concurrent, distinct customers | ${distinct.toFixed(0)} redemptions/s over ${CONCURRENT} |`,
    `| throughput, ${CONCURRENCY} concurrent, one hot customer | ${hot.toFixed(0)} redemptions/s over ${HOT} (${busy} answers 899, retried) |`,
    '',
    `Against the floor, ${ROUNDS} rounds, each round one redemption by each, alternating which goes first:`,
    '',
    ...comparisonRows(summarise(compared.service), summarise(compared.floor)),
    '',
  ];
}
