import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { DynamoDbPartnerDirectory } from '../../../functions/adapters/dynamodb/dynamodb-partner-directory';
import { CALL_BUDGETS, dynamoDbClient } from '../../../functions/config/aws-clients';
import { makeApiKeyAuthorizerHandler, UNAUTHORIZED } from '../../../functions/handlers/api-key-authorizer-handler';
import { DynamoDbSeedImporter } from '../../../scripts/seed-import/seed-importer';
import { startHangingServer, type HangingServer } from '../../support/hanging-server';
import { DEMO_KEY, DEMO_KIOSK_KEY, DEMO_SEED, lambdaContext } from '../../support/points-api-stack';
import { createTestTable, type TestTable } from '../../support/dynamodb';
import { dynamoDbEndpointEnv, setEnv } from '../../support/process-env';

const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/GET/v1.1/points/isredeemable';

function authorizerEvent(apiKey: string | undefined): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers: apiKey === undefined ? {} : { 'x-api-key': apiKey },
  } as unknown as APIGatewayRequestAuthorizerEvent;
}

/** Lines the handler's logger writes, kept instead of printed. */
function captureOutput(): string[] {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  return lines;
}

describe('the API key authorizer', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
    await new DynamoDbSeedImporter(table.client, { tableName: table.tableName }).importSeed(DEMO_SEED);
  });
  afterAll(() => table.destroy());
  afterEach(() => jest.restoreAllMocks());

  const handlerOver = (client = table.client, logLevel: 'SILENT' | 'INFO' = 'SILENT') =>
    makeApiKeyAuthorizerHandler({
      partners: new DynamoDbPartnerDirectory({ client, tableName: table.tableName }),
      logger: new Logger({ serviceName: 'authorizer-test', logLevel }),
    });

  it("allows a known key on every route of the stage, with the partner's org, programs and label in the context", async () => {
    const result = await handlerOver()(authorizerEvent(DEMO_KIOSK_KEY), lambdaContext());

    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/prod/*/*' },
    ]);
    expect(result.context).toEqual({ orgId: 'demo', programIds: '3', keyLabel: 'secure-kiosk' });
  });

  it.each([
    ['an unknown key', 'no-such-key'],
    ['no key', undefined],
  ])('refuses %s with Unauthorized (API Gateway: 401)', async (_case, key) => {
    await expect(handlerOver()(authorizerEvent(key), lambdaContext())).rejects.toThrow(new Error(UNAUTHORIZED));
  });

  describe('when the table does not answer', () => {
    let store: HangingServer;
    let restoreEnv: () => void;
    beforeAll(async () => {
      store = await startHangingServer();
      // The SDK's own endpoint variable, as the local run and AWS configure the entry's client.
      restoreEnv = setEnv(dynamoDbEndpointEnv(store.url));
    });
    afterAll(async () => {
      restoreEnv();
      await store.close();
    });

    it('fails as an infrastructure failure (API Gateway: our 503 gateway response), not as Unauthorized, within its attempts', async () => {
      // Prepare: the authorizer's own budget, against a store that accepts connections and never answers.
      const client = dynamoDbClient({ budget: CALL_BUDGETS.authorizer });
      const lines = captureOutput();

      // Act
      const failure = await handlerOver(client, 'INFO')(authorizerEvent(DEMO_KEY), lambdaContext()).then(
        () => undefined,
        (error: Error) => error,
      );
      jest.restoreAllMocks();
      client.destroy();

      // Assess
      expect(failure?.name).toBe('PartnerLookupError');
      expect(failure?.message).not.toBe(UNAUTHORIZED);
      expect(store.connections()).toBe(CALL_BUDGETS.authorizer.maxAttempts);
      const logged = lines.join('');
      expect(JSON.parse(lines.find((line) => line.includes('partner lookup failed'))!)).toMatchObject({ level: 'ERROR', errorName: 'TimeoutError' });
      expect(logged).not.toContain(DEMO_KEY);
      expect(failure?.message).not.toContain(DEMO_KEY);
    });
  });
});
