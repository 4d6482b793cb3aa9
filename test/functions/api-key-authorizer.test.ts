import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { CALL_BUDGETS } from '../../functions/config/aws-clients';
import { UNAUTHORIZED } from '../../functions/handlers/api-key-authorizer-handler';
import { startHangingServer, type HangingServer } from '../support/hanging-server';
import { lambdaContext } from '../support/points-api-stack';
import { dynamoDbEndpointEnv, setEnv } from '../support/process-env';

type Authorizer = (event: APIGatewayRequestAuthorizerEvent, context: Context) => Promise<APIGatewayAuthorizerResult>;

/** The Lambda entry as deployed, built from its environment, with a table that never answers. */
describe('the authorizer entry when DynamoDB does not answer', () => {
  let store: HangingServer;
  let handler: Authorizer;
  let restoreEnv: () => void;
  beforeAll(async () => {
    store = await startHangingServer();
    restoreEnv = setEnv({ ...dynamoDbEndpointEnv(store.url), TABLE_NAME: 'points', POWERTOOLS_LOG_LEVEL: 'SILENT' });
    handler = (await import('../../functions/api-key-authorizer')).handler as unknown as Authorizer;
  });
  afterAll(async () => {
    restoreEnv();
    await store.close();
  });

  it('fails with PartnerLookupError, not Unauthorized, after the attempts of its budget (2), not the default 3', async () => {
    const event = { type: 'REQUEST', methodArn: 'arn:aws:execute-api:r:1:api/prod/GET/x', headers: { 'x-api-key': 'some-key' } };

    const failure = await handler(event as unknown as APIGatewayRequestAuthorizerEvent, lambdaContext()).then(
      () => undefined,
      (error: Error) => error,
    );

    expect(failure?.name).toBe('PartnerLookupError');
    expect(failure?.message).not.toBe(UNAUTHORIZED);
    expect(store.connections()).toBe(CALL_BUDGETS.authorizer.maxAttempts);
  });
});
