import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { ACME_KEY, DEMO_KIOSK_KEY, DEMO_REST_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * POST /v1.1/points/redeem through the points API handler, over DynamoDB Local with the demo seed
 * (Asha, 1001: 500 points in program 1, multiples of 10, 20 to 200 per redemption, 0.5 per point).
 */
const REDEEM = '/v1.1/points/redeem';
const CHECK = '/v1.1/points/isredeemable';
const entry = (extra: Record<string, unknown> = {}) => ({ points_redeemed: 100, customer: { mobile: '919900000001' }, ...extra });
const body = (...entries: Record<string, unknown>[]) => ({ root: { redeem: entries.length ? entries : [entry()] } });
const item = (answer: { body: any }) => answer.body.response.responses.points;

describe('POST redeem', () => {
  let stack: PointsApiStack;
  let ledger: DynamoDbPointsLedger;
  beforeEach(async () => {
    stack = await pointsApiStack();
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
  });
  afterEach(() => stack.table.destroy());

  const balanceOf = async (customerId: number, programId = 1) =>
    ledger.readBalance('demo', { holder: { kind: 'customer', customerId }, programId });

  it('takes the points from the balance and answers as the reference does', async () => {
    const answer = await stack.post(REDEEM, body(entry({ external_reference_number: 'ORD-1', transaction_number: 'T-1' })), { program_id: '1' });

    expect(answer.statusCode).toBe(200);
    expect(answer.body.response.status).toEqual({ success: 'true', code: 200, message: 'Success' });
    expect(item(answer)).toMatchObject({
      mobile: '919900000001',
      email: 'asha@example.com',
      external_id: 'EXT-1001',
      user_id: 1001,
      redemption_id: expect.stringMatching(/^[a-z2-7]{20}$/),
      points_redeemed: '100',
      redeemed_value: 50,
      redeemed_local_value: 50,
      balance: 400,
      item_status: { success: 'true', code: 800, message: 'Points Redeemed' },
      external_reference_number: 'ORD-1',
      transaction_number: 'T-1',
    });
    expect(await balanceOf(1001)).toBe(400);
  });

  it('records the redemption in the ledger, before and after, with the key label: one Query', async () => {
    const answer = await stack.post(REDEEM, body(entry({ external_reference_number: 'ORD-2' })));
    stack.dynamoCalls.reset();
    const history = await ledger.history('demo', { kind: 'customer', customerId: 1001 });

    expect(stack.dynamoCalls.calls).toEqual(['QueryCommand']);
    expect(history).toEqual([
      expect.objectContaining({ type: 'REDEMPTION', programId: 1, points: -100, before: 500, after: 400, reference: 'ORD-2', keyLabel: 'demo-pos', redemptionId: item(answer).redemption_id, customerId: 1001 }),
    ]);
  });

  it('costs the check’s two reads and one transaction (rules cached)', async () => {
    await stack.get(CHECK, { mobile: '919900000001', points: '100' });
    stack.dynamoCalls.reset();
    await stack.post(REDEEM, body(entry({ external_reference_number: 'ORD-3' })));
    expect(stack.dynamoCalls.calls).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
  });

  it('a repeat with the same reference answers the same redemption and deducts nothing', async () => {
    const first = await stack.post(REDEEM, body(entry({ external_reference_number: 'ORD-4' })));
    const again = await stack.post(REDEEM, body(entry({ external_reference_number: 'ORD-4' })));
    expect(again.statusCode).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await balanceOf(1001)).toBe(400);
  });

  it('the same reference for another customer, program or amount is 744 (HTTP 200, as the reference answers it) and changes nothing', async () => {
    await stack.post(REDEEM, body(entry({ external_reference_number: 'ORD-5' })));
    for (const [other, query] of [
      [entry({ external_reference_number: 'ORD-5', points_redeemed: 50 }), null],
      [entry({ external_reference_number: 'ORD-5', customer: { mobile: '919900000002' } }), null],
      [entry({ external_reference_number: 'ORD-5' }), { program_id: '3', skip_validation: 'true' }],
    ] as const) {
      const answer = await stack.post(REDEEM, body(other), query);
      expect(answer.statusCode).toBe(200);
      expect(answer.body.response.status.code).toBe(500);
      expect(item(answer).item_status).toEqual({ success: 'false', code: 744, message: 'Reference number already exists' });
    }
    expect(await balanceOf(1001)).toBe(400);
    expect(await balanceOf(1002)).toBe(800);
  });

  it('refuses with the check’s item code and explanation (HTTP 200; 400 for a key asking for REST statuses), and changes nothing', async () => {
    const answer = await stack.post(REDEEM, body(entry({ points_redeemed: 205 })));
    const rest = await stack.post(REDEEM, body(entry({ points_redeemed: 205 })), null, DEMO_REST_KEY);
    expect([answer.statusCode, rest.statusCode]).toEqual([200, 400]);
    expect(rest.body).toEqual(answer.body);
    expect(answer.body.response.status).toEqual({ success: 'false', code: 500, message: 'All requests have failed due to errors' });
    expect(item(answer)).toMatchObject({ points_redeemed: '205', item_status: { success: 'false', code: 819 } });
    expect(item(answer).explanation.nearest_redeemable_points).toEqual({ below: 200 });
    expect(await balanceOf(1001)).toBe(500);
  });

  it.each([
    ['801 a fraction of a point', entry({ points_redeemed: 10.5 }), null, 801],
    ['802 a malformed mobile', entry({ customer: { mobile: 'abc' } }), null, 802],
    ['802 no customer', { points_redeemed: 100 }, null, 802],
    ['804 below minimum current points', entry({ customer: { mobile: '919900000005' }, points_redeemed: 20 }), null, 804],
    ['807 not a multiple', entry({ points_redeemed: 105 }), null, 807],
    ['808 a code is required', entry(), { program_id: '3' }, 808],
    ['809 fraud', entry({ customer: { mobile: '919900000003' } }), null, 809],
    ['816 unknown customer', entry({ customer: { mobile: '919912345678' } }), null, 816],
    ['818 balance', entry({ customer: { mobile: '919900000008' }, points_redeemed: 150 }), null, 818],
    ['819 above maximum', entry({ points_redeemed: 210 }), null, 819],
    ['821 below minimum', entry({ points_redeemed: 10 }), null, 821],
    ['827 disabled', entry(), { program_id: '2' }, 827],
    ['881 not registered', entry({ customer: { mobile: '919900000004' } }), null, 881],
    ['897 member may not redeem the group', entry({ customer: { mobile: '919900000005' } }), { user_group2_id: '501' }, 897],
    ['1101 unknown program', entry(), { program_id: '99' }, 1101],
    ['1632 unknown group', entry(), { user_group2_id: '999' }, 1632],
  ])('%s (a key asking for REST statuses: 400)', async (_name, redemption, query, code) => {
    const answer = await stack.post(REDEEM, body(redemption), query, DEMO_REST_KEY);
    expect(answer.statusCode).toBe(400);
    expect(item(answer).item_status.code).toBe(code);
    expect(await balanceOf(1001)).toBe(500);
  });

  it('takes the org and the programs from the key: another org finds no such customer, a program-limited key no such program', async () => {
    const acme = await stack.post(REDEEM, body(entry()), null, ACME_KEY);
    expect(item(acme).item_status.code).toBe(816);
    const kiosk = await stack.post(REDEEM, body(entry()), { program_id: '1' }, DEMO_KIOSK_KEY);
    expect(item(kiosk).item_status.code).toBe(1101);
    expect(await balanceOf(1001)).toBe(500);
  });
});
