import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_POINTS_API_FUNCTION, startLocalStack, type LocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';
import { DEMO_KEY } from '../support/points-api-stack';

/** The write half over the local service: HTTP as partners call it, and the Lambda Invoke API as other Lambdas do. */
describe('redeem and reverse on the local service', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({ port: 0, lambdaPort: 0, seedFile: DEMO_SEED_FILE, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  }, 60_000);
  afterAll(() => stack?.stop());

  const post = async (path: string, body: unknown, query = '') => {
    const response = await fetch(`${stack.url}${path}${query}`, {
      method: 'POST',
      headers: { 'x-api-key': DEMO_KEY, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it('redeems, replays and reverses over HTTP as the README shows', async () => {
    const body = { root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, transaction_number: 'T-1', external_reference_number: 'ORD-1' }] } };
    const redeemed = await post('/v1.1/points/redeem', body, '?program_id=1');
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.response.responses.points).toMatchObject({ points_redeemed: '100', balance: 400, item_status: { code: 800, message: 'Points Redeemed' } });
    const replayed = await post('/v1.1/points/redeem', body, '?program_id=1');
    expect(replayed.body).toEqual(redeemed.body);

    const reversed = await post('/v2/points/reverse', { externalReferenceNumber: 'ORD-1', pointsToBeReversed: 50, identifier: { type: 'MOBILE', value: '919900000001' } });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ redemptionId: redeemed.body.response.responses.points.redemption_id, pointsReversed: 50, restored: { balance: 450 } });
  });

  it('answers 405 for a GET of redeem and naming what the path takes', async () => {
    const response = await fetch(`${stack.url}/v1.1/points/redeem`, { headers: { 'x-api-key': DEMO_KEY } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('serves the points function to other Lambdas through the real Lambda client', async () => {
    const lambda = new LambdaClient({ endpoint: stack.lambdaUrl, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const invoke = async (event: unknown) => {
        const output = await lambda.send(new InvokeCommand({ FunctionName: LOCAL_POINTS_API_FUNCTION, Payload: new TextEncoder().encode(JSON.stringify(event)) }));
        expect(output.FunctionError).toBeUndefined();
        return JSON.parse(new TextDecoder().decode(output.Payload)) as { statusCode: number; body: any };
      };
      const redeemed = await invoke({
        operation: 'redeem',
        apiKey: DEMO_KEY,
        params: { program_id: 4 },
        body: { root: { redeem: [{ points_redeemed: 250, customer: { id: 1001 }, external_reference_number: 'LAMBDA-1' }] } },
      });
      expect(redeemed).toMatchObject({ statusCode: 200, body: { response: { responses: { points: { points_redeemed: '250', balance: 750 } } } } });
      const check = await invoke({ operation: 'isredeemable', apiKey: DEMO_KEY, params: { id: 1001, points: 750, program_id: 4 } });
      expect(check.body.response.points.redeemable.item_status.code).toBe(800);
    } finally {
      lambda.destroy();
    }
  });
});
