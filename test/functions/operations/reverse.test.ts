import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { ACME_KEY, DEMO_KIOSK_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/** POST /v2/points/reverse over DynamoDB Local: partial reversals, refusals that change nothing, replays. */
const REDEEM = '/v1.1/points/redeem';
const REVERSE = '/v2/points/reverse';
const asha = { type: 'MOBILE', value: '919900000001' };

describe('POST reverse', () => {
  let stack: PointsApiStack;
  let ledger: DynamoDbPointsLedger;
  let redemptionId: string;
  beforeEach(async () => {
    stack = await pointsApiStack();
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
    const redeemed = await stack.post(REDEEM, { root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, external_reference_number: 'ORD-R' }] } });
    redemptionId = redeemed.body.response.responses.points.redemption_id;
  });
  afterEach(() => stack.table.destroy());

  const balance = () => ledger.readBalance('demo', { holder: { kind: 'customer', customerId: 1001 }, programId: 1 });
  const reverse = (body: Record<string, unknown>, apiKey?: string) => stack.post(REVERSE, body, null, apiKey);

  it('reverses in parts until all is back, then 812', async () => {
    const first = await reverse({ redemptionId, pointsToBeReversed: 30, identifier: asha });
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatchObject({ pointsReversed: 30, pointsRemaining: 70, restored: { points: 30, balance: 430 }, errors: [] });
    const rest = await reverse({ externalReferenceNumber: 'ORD-R', identifier: { type: 'id', value: '1001' } });
    expect(rest.body).toMatchObject({ pointsToBeReversed: 70, pointsReversed: 70, pointsRemaining: 0, restored: { balance: 500 } });
    const again = await reverse({ redemptionId, identifier: asha });
    expect(again.statusCode).toBe(409);
    expect(again.body).toMatchObject({ pointsReversed: 0, errors: [{ code: 812 }] });
    expect(await balance()).toBe(500);
    expect((await ledger.history('demo', { kind: 'customer', customerId: 1001 })).map((e) => [e.type, e.points, e.before, e.after])).toEqual([
      ['REVERSAL', 70, 430, 500],
      ['REVERSAL', 30, 400, 430],
      ['REDEMPTION', -100, 500, 400],
    ]);
  });

  it('810 for more than remains, saying how many remain; nothing changed', async () => {
    const answer = await reverse({ redemptionId, pointsToBeReversed: 101, identifier: asha });
    expect(answer.statusCode).toBe(400);
    expect(answer.body.errors).toEqual([{ code: 810, message: 'Points to reverse (101) are more than the 100 that remain of this redemption' }]);
    expect(await balance()).toBe(400);
  });

  it.each([
    ["another customer's redemption", () => ({ redemptionId, identifier: { type: 'MOBILE', value: '919900000002' } }), undefined, 814],
    ['a redemption that does not exist', () => ({ redemptionId: 'aaaaaaaaaaaaaaaaaaaa', identifier: asha }), undefined, 814],
    ['a reference never redeemed', () => ({ externalReferenceNumber: 'ORD-NONE', identifier: asha }), undefined, 814],
    ['a key limited to another program', () => ({ redemptionId, identifier: asha }), DEMO_KIOSK_KEY, 814],
    ["another org's key, for its own customer", () => ({ redemptionId, identifier: { type: 'ID', value: '2001' } }), ACME_KEY, 814],
    ['an unknown customer', () => ({ redemptionId, identifier: { type: 'MOBILE', value: '919912345678' } }), undefined, 816],
  ])('%s: refused, nothing changed', async (_name, body, apiKey, code) => {
    const answer = await reverse(body(), apiKey);
    expect(answer.statusCode).toBe(404);
    expect(answer.body).toMatchObject({ pointsReversed: 0, errors: [{ code }] });
    expect(await balance()).toBe(400);
  });

  it('names the caller’s org (from its key) in every refusal, as in a reversal: malformed, refused, another org’s redemption', async () => {
    const malformed = await reverse({ identifier: asha });
    const missing = await reverse({ redemptionId: 'aaaaaaaaaaaaaaaaaaaa', identifier: asha });
    const acmeAsking = await reverse({ redemptionId, identifier: { type: 'ID', value: '2001' } }, ACME_KEY);
    const misplaced = await stack.send({ path: REVERSE, method: 'POST', query: { points: '5' }, body: { redemptionId, identifier: asha } });

    expect([malformed.statusCode, malformed.body.orgId, malformed.body.errors[0].code]).toEqual([400, 'demo', 811]);
    expect([missing.statusCode, missing.body.orgId, missing.body.errors[0].code]).toEqual([404, 'demo', 814]);
    expect([acmeAsking.statusCode, acmeAsking.body.orgId, acmeAsking.body.errors[0].code]).toEqual([404, 'acme', 814]);
    expect([misplaced.statusCode, JSON.parse(misplaced.body).orgId]).toEqual([400, 'demo']);
  });

  it('reads an empty redemptionId beside an externalReferenceNumber as not given', async () => {
    const answer = await reverse({ redemptionId: '', externalReferenceNumber: 'ORD-R', pointsToBeReversed: 10, identifier: asha });

    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ redemptionId, pointsReversed: 10 });
  });

  it('reads an empty reversalReference as not given, as an empty optional field anywhere', async () => {
    const answer = await reverse({ redemptionId, pointsToBeReversed: 10, identifier: asha, reversalReference: '  ' });

    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({ pointsReversed: 10, errors: [] });
    expect(await balance()).toBe(410);
  });

  it('a repeat with the same reversal reference answers the same reversal and gives back once; other points are 744', async () => {
    const first = await reverse({ redemptionId, pointsToBeReversed: 40, identifier: asha, reversalReference: 'RET-1' });
    const again = await reverse({ redemptionId, pointsToBeReversed: 40, identifier: asha, reversalReference: 'RET-1' });
    expect(again.body.reversalId).toBe(first.body.reversalId);
    expect(await balance()).toBe(440);
    const other = await reverse({ redemptionId, pointsToBeReversed: 10, identifier: asha, reversalReference: 'RET-1' });
    expect(other.statusCode).toBe(409);
    expect(other.body.errors[0].code).toBe(744);
    expect(await balance()).toBe(440);
  });

  it.each([
    ['both ids', { redemptionId: 'x', externalReferenceNumber: 'ORD-R', identifier: asha }, 811],
    ['no id', { identifier: asha }, 811],
    ['a fraction of a point', { redemptionId: 'x', pointsToBeReversed: 1.5, identifier: asha }, 801],
    ['zero points', { redemptionId: 'x', pointsToBeReversed: 0, identifier: asha }, 801],
    ['an unknown identifier type', { redemptionId: 'x', identifier: { type: 'PASSPORT', value: 'X1' } }, 802],
    ['a malformed mobile', { redemptionId: 'x', identifier: { type: 'MOBILE', value: 'abc' } }, 802],
    ['no identifier', { redemptionId: 'x' }, 802],
  ])('400 for %s, naming the field', async (_name, body, code) => {
    const answer = await reverse(body);
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toMatchObject({ pointsReversed: 0, errors: [{ code }] });
  });
});
