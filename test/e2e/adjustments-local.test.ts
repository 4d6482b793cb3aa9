import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbPointsLedger } from '../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { localClientConfig } from '../../local/dynamodb-local/dynamodb-local';
import { startLocalStack, type LocalStack } from '../../local/local-stack';
import { DEMO_SEED_FILE } from '../support/paths';

/**
 * The adjustments queue as `npm start` runs it, over real HTTP: POST /local/events puts messages on
 * the in-process queue, the adjustments consumer's production entry drains it, GET /local/events
 * counts and GET /local/dead-letters lists what died (README, "The adjustments queue").
 */
const TILL_KEY = 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk';
const EARN_KEY = 'demo-earn-oJCUXATqeWsf0r7zaaYR6XBMsjtoBLMuxIDIG2HiTpQ';
const omar = { holder: { kind: 'customer', customerId: 1008 }, programId: 1 } as const;

describe('the local adjustments queue over HTTP (demo seed)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack({
      port: 0,
      seedFile: DEMO_SEED_FILE,
      env: { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true', LOCAL_QUEUE_VISIBILITY_TIMEOUT_SECONDS: '1', ADJUSTMENTS_MAX_RECEIVE_COUNT: '2' },
    });
  }, 60_000);
  afterAll(() => stack?.stop());

  const post = async (path: string, body: string) => {
    const response = await fetch(`${stack.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: response.status, body: (await response.json()) as any };
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stack.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as any };
  };
  const omarMay = async (points: number) =>
    (await get(`/v1.1/points/isredeemable?mobile=919900000008&points=${points}&program_id=1`, { 'x-api-key': TILL_KEY })).body.response.points.redeemable.item_status.code;

  it('applies a queued EARN: Omar (120 points) may then redeem 150', async () => {
    expect(await omarMay(150)).toBe(818);

    const queued = await post('/local/events', JSON.stringify({ apiKey: EARN_KEY, body: { reference: 'ORD-881-earn', type: 'EARN', points: 100, customer: { mobile: '919900000008' }, program_id: 1 } }));
    await stack.adjustments.whenIdle();

    expect(queued).toEqual({ status: 202, body: { queued: 1, messageIds: [expect.any(String)] } });
    expect(await omarMay(150)).toBe(800);
    expect((await get('/local/events')).body).toEqual({ waiting: 0, inFlight: 0, deadLetters: 0 });
  });

  it('moves what cannot be applied to the dead letters after its receives, the key cut short', async () => {
    const queued = await post(
      '/local/events',
      JSON.stringify([
        { apiKey: TILL_KEY, body: { reference: 'TILL-1', type: 'EARN', points: 100, customer: { mobile: '919900000008' } } },
        'not json at all',
        { apiKey: EARN_KEY, body: { reference: 'ORD-881-earn', type: 'EARN', points: 100, customer: { mobile: '919900000008' }, program_id: 1 } },
      ]),
    );
    await stack.adjustments.whenIdle();
    const dead = (await get('/local/dead-letters')).body as { messageId: string; body: string; receiveCount: number }[];

    expect(dead.map((letter) => [letter.messageId, letter.receiveCount])).toEqual([
      [queued.body.messageIds[0], 2],
      [queued.body.messageIds[1], 2],
    ]);
    expect(dead[0]!.body).toContain('"apiKey":"demo-pos-I…"');
    expect(JSON.stringify(dead)).not.toContain(TILL_KEY);
    // The repeat of the applied EARN was a replay: Omar has 220, after one adjustment.
    const client = new DynamoDBClient(localClientConfig(stack.dynamoDbEndpoint));
    const ledger = new DynamoDbPointsLedger({ client, tableName: stack.tableName });
    expect(await ledger.readBalance('demo', omar)).toBe(220);
    expect((await ledger.history('demo', omar.holder)).map((entry) => entry.reference)).toEqual(['ORD-881-earn']);
    client.destroy();
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await post('/local/events', '{"apiKey": ');
    expect(answer).toEqual({ status: 400, body: { response: { status: { success: 'false', code: 400, message: 'body: is not valid JSON: send one message, or a list of them' } } } });
  });
});
