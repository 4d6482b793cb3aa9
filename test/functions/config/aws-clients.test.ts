import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { CALL_BUDGETS, dynamoDbClient, worstCaseCallMs } from '../../../functions/config/aws-clients';
import { API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS, FUNCTION_TIMEOUT_SECONDS } from '../../../functions/config/function-timeouts';
import { startHangingServer, type HangingServer } from '../../support/hanging-server';
import { dynamoDbEndpointEnv, setEnv } from '../../support/process-env';

describe('SDK call budgets', () => {
  it('counts every attempt at its request timeout and the longest backoff the SDK may draw between them', () => {
    expect(worstCaseCallMs({ maxAttempts: 1, connectionTimeoutMs: 100, requestTimeoutMs: 8_000 })).toBe(8_000);
    // 3 × 1 s, then waits of up to 1 s and 2 s (throttling backoff base, doubled per retry).
    expect(worstCaseCallMs({ maxAttempts: 3, connectionTimeoutMs: 100, requestTimeoutMs: 1_000 })).toBe(6_000);
  });

  it("end the authorizer's key lookup well inside its Lambda timeout, with time left for a cold start", () => {
    expect(worstCaseCallMs(CALL_BUDGETS.authorizer)).toBeLessThanOrEqual(FUNCTION_TIMEOUT_SECONDS.authorizer * 1000 - 1_500);
  });

  it("end a table call followed by the OTP call inside the points function's timeout, inside API Gateway's", () => {
    expect(worstCaseCallMs(CALL_BUDGETS.table) + worstCaseCallMs(CALL_BUDGETS.otpInvoke)).toBeLessThan(FUNCTION_TIMEOUT_SECONDS.pointsApi * 1000);
    expect(FUNCTION_TIMEOUT_SECONDS.pointsApi).toBeLessThan(API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS);
  });

  it('give up on a connection no sooner than on the answer it waits for', () => {
    for (const budget of Object.values(CALL_BUDGETS)) expect(budget.connectionTimeoutMs).toBeLessThanOrEqual(budget.requestTimeoutMs);
  });
});

describe('a DynamoDB client against a store that never answers', () => {
  let store: HangingServer;
  let restoreEnv: () => void;
  beforeAll(async () => {
    store = await startHangingServer();
    restoreEnv = setEnv(dynamoDbEndpointEnv(store.url));
  });
  afterAll(async () => {
    restoreEnv();
    await store.close();
  });

  // The authorizer's budget is counted through its entry (test/functions/api-key-authorizer.test.ts).
  it.each([['table', CALL_BUDGETS.table] as const])(
    'fails with TimeoutError after exactly the attempts of the %s budget',
    async (_name, budget) => {
      // Prepare
      const client = dynamoDbClient({ budget });
      const before = store.connections();

      // Act
      const failure = await client
        .send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'APIKEY#x' }, sk: { S: 'APIKEY' } } }))
        .then(() => undefined, (error: Error) => error);
      client.destroy();

      // Assess
      expect(failure?.name).toBe('TimeoutError');
      expect(store.connections() - before).toBe(budget.maxAttempts);
    },
  );
});
