import { startLocalStack, type LocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';

/**
 * DynamoDB stops answering (its process paused with SIGSTOP: connections are accepted, nothing is
 * answered, as in a network partition): the local service answers as API Gateway and the functions
 * would in AWS. A key that cannot be looked up is not a wrong key: 503 "retry shortly", never 401.
 */
describe('the local service while DynamoDB does not answer', () => {
  let stack: LocalStack;
  let paused = false;
  beforeAll(async () => {
    stack = await startLocalStack({ port: 0, seedFile: DEMO_SEED_FILE, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  }, 60_000);
  afterAll(async () => {
    if (paused) process.kill(stack.dynamoDb.pid, 'SIGCONT');
    await stack?.stop();
  });

  const check = async (apiKey?: string) => {
    const response = await fetch(`${stack.url}/v1.1/points/isredeemable?mobile=919900000001&points=100&program_id=1`, {
      headers: apiKey === undefined ? {} : { 'x-api-key': apiKey },
    });
    return { status: response.status, body: (await response.json()) as any };
  };

  it("answers a key it has not seen with 503 retry shortly, a key it has seen with the function's own 503, no key with 401", async () => {
    // Prepare: demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk is looked up once (and cached); acme-pos-gLc2vJZSL_Ctw6uxtrAfGcyZLrM_vgefFSJ3xQMczXk never is.
    expect((await check('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk')).status).toBe(200);
    process.kill(stack.dynamoDb.pid, 'SIGSTOP');
    paused = true;

    // Act
    const unseenKey = await check('acme-pos-gLc2vJZSL_Ctw6uxtrAfGcyZLrM_vgefFSJ3xQMczXk');
    const seenKey = await check('demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk');
    const noKey = await check();

    // Assess
    expect(unseenKey.status).toBe(503);
    expect(unseenKey.body.response.status).toEqual({ success: 'false', code: 503, message: expect.stringMatching(/^Service temporarily unavailable, nothing was changed; retry shortly \(request [0-9a-f-]{36}\)$/) });
    expect(seenKey.status).toBe(503);
    expect(seenKey.body.response.status).toMatchObject({ success: 'false', code: 503, message: expect.stringContaining('retry shortly') });
    expect(noKey.status).toBe(401);
  }, 30_000);

  it('answers that key normally once DynamoDB answers again: the failure was not remembered as a wrong key', async () => {
    process.kill(stack.dynamoDb.pid, 'SIGCONT');
    paused = false;

    const answer = await check('acme-pos-gLc2vJZSL_Ctw6uxtrAfGcyZLrM_vgefFSJ3xQMczXk');

    // acme has no such customer: 400 with 816, an answer of the function, not a refusal of the key.
    expect(answer.status).not.toBe(401);
    expect(answer.status).not.toBe(503);
    expect(answer.body.response.points.redeemable.item_status.code).toBe(816);
  });
});
