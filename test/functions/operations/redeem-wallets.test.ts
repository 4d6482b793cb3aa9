import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { DEMO_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * Whose points a redemption spends, as the check decides it: a group's pooled balance, or the earn
 * program's for cross-program redemption; and the same operations by direct invocation.
 */
const REDEEM = '/v1.1/points/redeem';
const body = (extra: Record<string, unknown> = {}) => ({ root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, ...extra }] } });
const itemOf = (answer: { body: any }) => answer.body.response.responses.points;

describe('redemptions from every wallet', () => {
  let stack: PointsApiStack;
  let ledger: DynamoDbPointsLedger;
  beforeAll(async () => {
    stack = await pointsApiStack();
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
  });
  afterAll(() => stack.table.destroy());

  const group501 = { kind: 'group', groupId: 501, memberId: 1001 } as const;

  it("takes a group redemption from the group's balance and records the member in the group's ledger", async () => {
    const answer = await stack.post(REDEEM, body({ points_redeemed: 500, external_reference_number: 'GRP-1' }), { user_group2_id: '501' });

    expect(itemOf(answer)).toMatchObject({ user_id: 1001, points_redeemed: '500', balance: 1500, user_group2: { id: 501, external_id: 'FAM-501' } });
    expect(await ledger.readBalance('demo', { holder: group501, programId: 1 })).toBe(1500);
    expect(await ledger.readBalance('demo', { holder: { kind: 'customer', customerId: 1001 }, programId: 1 })).toBe(500);
    expect(await ledger.history('demo', group501)).toEqual([expect.objectContaining({ points: -500, before: 2000, after: 1500, customerId: 1001 })]);
  });

  it('takes a cross-program redemption from the earn program, in its points, rounded in the org’s favour', async () => {
    // 100 points at 0.5 are worth 50; at 0.25 per Partner Miles point that is 200 of them.
    const answer = await stack.post(REDEEM, body({ external_reference_number: 'X-1' }), { group_redemption: 'true', program_id: '1' });

    expect(itemOf(answer)).toMatchObject({ points_redeemed: '100', redeemed_value: 50, balance: 800, group_redemption: { earn_program_id: 4, earn_points: 200 } });
    expect(await ledger.readBalance('demo', { holder: { kind: 'customer', customerId: 1001 }, programId: 4 })).toBe(800);
    expect(await ledger.readBalance('demo', { holder: { kind: 'customer', customerId: 1001 }, programId: 1 })).toBe(500);
  });

  it('a group member whose right to redeem was withdrawn after the check spends nothing', async () => {
    // The ledger's own guard: a redemption from a group commits only while the member may redeem.
    const record = {
      orgId: 'demo', redemptionId: 'guard-test-000000001', customerId: 1005, identifier: { type: 'id', value: '1005' }, customer: { mobile: '', email: '', externalId: '' },
      programId: 1, points: 10, redeemValue: 5, debit: { holder: { kind: 'group', groupId: 501, memberId: 1005 }, programId: 1, points: 10, before: 1500, after: 1490 },
      reversedPoints: 0, restoredPoints: 0, at: Date.now(), keyLabel: 'test',
    } as const;
    expect(await ledger.commitRedemption(record)).toEqual({ kind: 'stale' });
    expect(await ledger.readBalance('demo', { holder: group501, programId: 1 })).toBe(1500);
    expect(await ledger.findRedemption('demo', 'guard-test-000000001')).toBeUndefined();
  });

  it('records and reads back a redemption of a customer with no email or external id', async () => {
    const record = {
      orgId: 'demo', redemptionId: 'no-echo-test-0000001', customerId: 1002, identifier: { type: 'id', value: '1002' }, customer: { mobile: '919900000002', email: '', externalId: '' },
      programId: 4, points: 1, redeemValue: 0.25, debit: { holder: { kind: 'customer', customerId: 1002 }, programId: 4, points: 1, before: 1001, after: 1000 },
      reversedPoints: 0, restoredPoints: 0, at: Date.now(), keyLabel: 'test',
    } as const;
    expect(await ledger.commitRedemption(record)).toEqual({ kind: 'committed' });
    expect(await ledger.findRedemption('demo', record.redemptionId)).toEqual(record);
  });

  it('redeems and reverses by direct invocation, answering {statusCode, body} as over HTTP', async () => {
    const redeemed = (await stack.handler({
      operation: 'redeem',
      apiKey: ` ${DEMO_KEY}`.trim(),
      params: { program_id: 1 },
      body: body({ points_redeemed: 20, external_reference_number: 'DIRECT-1' }),
    })) as { statusCode: number; body: any };
    expect(redeemed.statusCode).toBe(200);
    expect(itemOf(redeemed)).toMatchObject({ points_redeemed: '20', balance: 480 });

    const reversed = (await stack.handler({
      operation: 'reverse',
      apiKey: DEMO_KEY,
      body: { externalReferenceNumber: 'DIRECT-1', identifier: { type: 'id', value: '1001' } },
    })) as { statusCode: number; body: any };
    expect(reversed.statusCode).toBe(200);
    expect(reversed.body).toMatchObject({ orgId: 'demo', customerId: 1001, redemptionId: itemOf(redeemed).redemption_id, pointsReversed: 20, pointsRemaining: 0, restored: { balance: 500 } });
  });
});
