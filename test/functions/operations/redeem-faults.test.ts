import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { SDK_CLIENT_SETTINGS } from '../../../functions/config/aws-clients';
import { pointsApiPorts } from '../../../functions/config/points-api-wiring';
import { makePointsApiHandler } from '../../../functions/handlers/points-api-handler';
import { DynamoDbSeedImporter } from '../../../scripts/seed-import/seed-importer';
import { createTestTable, type TestTable } from '../../support/dynamodb';
import { ScriptedValidationCodes } from '../../support/in-memory-ports';
import { DEMO_KEY, DEMO_SEED, lambdaContext, proxyEvent } from '../../support/points-api-stack';

/**
 * DynamoDB failing during a redemption: the partner gets the documented 503 telling it to retry with
 * the same reference, and the retry never deducts twice, whether or not the first attempt was applied;
 * a write sent without a reference is told that a retry is not safe.
 * A proxy in front of DynamoDB Local throttles transactions, or applies them and loses the answer.
 */
type Mode = 'pass' | 'throttle' | 'lose-answer';

describe('redemptions under DynamoDB faults', () => {
  let table: TestTable;
  let proxy: Server;
  let mode: Mode = 'pass';
  let transactionsSeen = 0;
  let client: DynamoDBClient;

  beforeAll(async () => {
    table = await createTestTable();
    await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(DEMO_SEED);
    const target = new URL(table.endpoint);
    proxy = createServer((incoming, outgoing) => {
      const isTransaction = String(incoming.headers['x-amz-target'] ?? '').endsWith('.TransactWriteItems');
      if (isTransaction) transactionsSeen += 1;
      if (isTransaction && mode === 'throttle') {
        incoming.resume();
        outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        outgoing.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException', message: 'Rate exceeded' }));
        return;
      }
      const upstream = httpRequest({ host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers }, (response) => {
        if (isTransaction && mode === 'lose-answer') {
          response.resume();
          outgoing.destroy(); // applied upstream, but the answer never arrives
          return;
        }
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      });
      incoming.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    client = new DynamoDBClient({
      ...SDK_CLIENT_SETTINGS,
      endpoint: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await table.destroy();
  });

  const handler = () =>
    makePointsApiHandler({
      ...pointsApiPorts({ client, tableName: table.tableName, rulesCacheTtlMs: 60_000, partnerCacheTtlMs: 60_000, validationCodes: new ScriptedValidationCodes() }),
      logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    });
  const post = async (path: string, params: Record<string, string>, body: unknown) => {
    const event = { ...proxyEvent(path, params, DEMO_KEY), httpMethod: 'POST', headers: { 'x-api-key': DEMO_KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const result = (await handler()(event, lambdaContext())) as APIGatewayProxyResult;
    return { statusCode: result.statusCode, body: JSON.parse(result.body) };
  };
  const redeemBody = (reference?: string) => ({
    root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, ...(reference !== undefined && { external_reference_number: reference }) }] },
  });
  const redeem = (reference?: string) => post('/v1.1/points/redeem', { program_id: '4' }, redeemBody(reference));
  const reverse = (reversalReference?: string) =>
    post('/v2/points/reverse', {}, { externalReferenceNumber: 'FAULT-2', pointsToBeReversed: 10, identifier: { type: 'ID', value: '1001' }, ...(reversalReference !== undefined && { reversalReference }) });
  const UNSAFE_RETRY = /carried no reference: a retry could apply it a second time/;
  const balance = () => new DynamoDbPointsLedger({ client: table.client, tableName: table.tableName }).readBalance('demo', { holder: { kind: 'customer', customerId: 1001 }, programId: 4 });

  it('throttled: 503 that says a retry with the same reference is safe; the retry redeems once', async () => {
    mode = 'throttle';
    transactionsSeen = 0;
    const failed = await redeem('FAULT-1');
    expect(failed.statusCode).toBe(503);
    expect(failed.body.response.status.message).toMatch(/retry with the same reference, which is never applied twice/);
    expect(transactionsSeen).toBe(SDK_CLIENT_SETTINGS.maxAttempts);
    expect(await balance()).toBe(1000);

    mode = 'pass';
    const retried = await redeem('FAULT-1');
    expect(retried.body.response.responses.points).toMatchObject({ item_status: { code: 800 }, balance: 900 });
    expect(await balance()).toBe(900);
  });

  it('applied but the answer lost: 503, and the retry answers the original redemption without deducting again', async () => {
    mode = 'lose-answer';
    const failed = await redeem('FAULT-2');
    expect(failed.statusCode).toBe(503);
    expect(await balance()).toBe(800);

    mode = 'pass';
    const retried = await redeem('FAULT-2');
    expect(retried.statusCode).toBe(200);
    expect(retried.body.response.responses.points).toMatchObject({ item_status: { code: 800 }, balance: 800 });
    expect(await balance()).toBe(800);
  });

  it('a write without a reference: the 503 says a retry could apply it again, not that it is safe (it may have been applied)', async () => {
    mode = 'lose-answer';
    const failed = await redeem();
    expect(failed.statusCode).toBe(503);
    expect(failed.body.response.status.message).toMatch(UNSAFE_RETRY);
    expect(failed.body.response.status.message).not.toMatch(/never applied twice/);
    expect(await balance()).toBe(700);

    mode = 'throttle';
    const direct = (await handler()({ operation: 'redeem', apiKey: DEMO_KEY, params: { program_id: '4' }, body: redeemBody() } as never, lambdaContext())) as unknown as { statusCode: number; body: any };
    expect(direct.statusCode).toBe(503);
    expect(direct.body.response.status.message).toMatch(UNSAFE_RETRY);
    mode = 'pass';
    expect(await balance()).toBe(700);
  });

  it('a reversal: safe to retry with its reversalReference, not without one', async () => {
    mode = 'throttle';
    const withoutReference = await reverse();
    expect(withoutReference.statusCode).toBe(503);
    expect(withoutReference.body.response.status.message).toMatch(UNSAFE_RETRY);
    const withReference = await reverse('REV-FAULT-1');
    expect(withReference.statusCode).toBe(503);
    expect(withReference.body.response.status.message).toMatch(/retry with the same reference, which is never applied twice/);
    mode = 'pass';
    expect(await balance()).toBe(700);
  });
});
