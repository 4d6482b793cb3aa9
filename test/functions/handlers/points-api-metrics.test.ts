import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { pointsApiPorts } from '../../../functions/config/points-api-wiring';
import { makePointsApiHandler } from '../../../functions/handlers/points-api-handler';
import { DynamoDbSeedImporter } from '../../../scripts/seed-import/seed-importer';
import { createTestTable, type TestTable } from '../../support/dynamodb';
import { ScriptedValidationCodes } from '../../support/in-memory-ports';
import { DEMO_KEY, DEMO_SEED, lambdaContext } from '../../support/points-api-stack';

/** The metrics the dashboard and alarms read: `Answers` by operation and item code, and the writes' counts. */
describe('the points function’s metrics', () => {
  let table: TestTable;
  const lines: string[] = [];
  let restore: () => void;
  beforeAll(async () => {
    table = await createTestTable();
    await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(DEMO_SEED);
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    restore = () => {
      process.stdout.write = write;
    };
  });
  afterAll(async () => {
    restore();
    await table.destroy();
  });

  it('emits Answers for each operation with its item code, and Redemptions and RedeemedPoints for a redemption', async () => {
    // Turned on here only: the test environment keeps metric lines out of every other test's output.
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
    const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
    const handler = makePointsApiHandler({
      ...pointsApiPorts({ client: table.client, tableName: table.tableName, rulesCacheTtlMs: 60_000, partnerCacheTtlMs: 60_000, validationCodes: new ScriptedValidationCodes() }),
      logger,
      metrics: new Metrics({ namespace: 'PointsRedemption', serviceName: 'points-test', logger }),
    });
    try {
      lines.length = 0;
      await handler(
        { operation: 'redeem', apiKey: DEMO_KEY, params: { program_id: 4 }, body: { root: { redeem: [{ points_redeemed: 100, customer: { id: 1001 } }] } } } as never,
        lambdaContext(),
      );
      await handler({ operation: 'isredeemable', apiKey: DEMO_KEY, params: { id: 1001, points: 5, program_id: 1 } } as never, lambdaContext());
    } finally {
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    }
    const emf = lines.flatMap((line) => line.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Record<string, any>);
    const answers = emf.filter((m) => m.Answers !== undefined).map((m) => ({ service: m.service, operation: m.operation, itemCode: m.itemCode, count: m.Answers }));
    expect(answers).toEqual([
      { service: 'points-test', operation: 'redeem', itemCode: '800', count: 1 },
      { service: 'points-test', operation: 'isredeemable', itemCode: '821', count: 1 },
    ]);
    // One line per dimension set and no more: the redemption's counts, then each answer.
    expect(emf.map((m) => Object.keys(m).filter((k) => k !== '_aws' && k !== 'service' && k !== 'operation' && k !== 'itemCode'))).toEqual([
      ['Redemptions', 'RedeemedPoints'],
      ['Answers'],
      ['Answers'],
    ]);
    expect(emf[1]?._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'operation', 'itemCode']]);
    const writes = emf.find((m) => m.Redemptions !== undefined);
    expect(writes).toMatchObject({ service: 'points-test', Redemptions: 1, RedeemedPoints: 100 });
    expect(writes?._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
  });
});
