import { DeleteItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbPointsLedger } from '../../../functions/adapters/dynamodb/dynamodb-points-ledger';
import { ItemKeys } from '../../../functions/adapters/dynamodb/item-keys';
import { referenceId } from '../../../functions/core/ids';
import type { BalanceHolder } from '../../../functions/core/model';
import type { PointsLedger } from '../../../functions/core/ports/points-ledger';
import { writeApiKey } from '../../../scripts/seed-import/catalog-writer';
import { ADJUST_KEY, pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * adjust by direct invocation through the points API handler, over DynamoDB Local with the demo seed
 * (Asha, 1001: program 1 500 current, 1200 lifetime points, 25000 lifetime purchases; group 501:
 * program 1 2000 / 5000 / 60000, members Asha and Lata, 1005). The demo's `earn-feed` key may adjust.
 */
const asha: BalanceHolder = { kind: 'customer', customerId: 1001 };
const group501: BalanceHolder = { kind: 'group', groupId: 501, memberId: 1001 };
/** The ledger's methods bound to it, so that a test can replace one and keep the others. */
const bound = (ledger: PointsLedger): PointsLedger => ({
  commitRedemption: ledger.commitRedemption.bind(ledger),
  commitReversal: ledger.commitReversal.bind(ledger),
  commitAdjustment: ledger.commitAdjustment.bind(ledger),
  findAdjustment: ledger.findAdjustment.bind(ledger),
  findRedemption: ledger.findRedemption.bind(ledger),
  findReversal: ledger.findReversal.bind(ledger),
  readBalance: ledger.readBalance.bind(ledger),
  history: ledger.history.bind(ledger),
});

describe('adjust (direct invocation)', () => {
  let stack: PointsApiStack;
  let ledger: DynamoDbPointsLedger;
  beforeEach(async () => {
    stack = await pointsApiStack();
    ledger = new DynamoDbPointsLedger({ client: stack.table.client, tableName: stack.table.tableName });
  });
  afterEach(() => stack.table.destroy());

  const adjust = (body: unknown, apiKey = ADJUST_KEY) => stack.handler({ operation: 'adjust', apiKey, body }) as Promise<{ statusCode: number; body: any }>;
  const earn = (extra: Record<string, unknown> = {}) =>
    adjust({ reference: 'ORD-881-earn', program_id: 1, customer: { mobile: '919900000001' }, points: 150, type: 'EARN', lifetime_purchases: 37.5, ...extra });
  const item = (answer: { body: any }) => answer.body.response.adjustment;
  /** The balance as stored: lifetime purchases as DynamoDB's own decimal text. */
  async function stored(holder: BalanceHolder, programId = 1) {
    const key = ItemKeys.balanceHolder('demo', holder);
    const { Item } = await stack.table.client.send(
      new GetItemCommand({ TableName: stack.table.tableName, Key: { pk: { S: key.pk }, sk: { S: key.sk } }, ConsistentRead: true }),
    );
    const balance = Item?.programs?.M?.[String(programId)]?.M;
    return { current: Number(balance?.currentPoints?.N), lifetime: Number(balance?.lifetimePoints?.N), purchases: balance?.lifetimePurchases?.N };
  }

  it('EARN adds to current and lifetime points and to lifetime purchases, and answers the balances after', async () => {
    const answer = await earn();

    expect(answer.statusCode).toBe(200);
    expect(answer.body.response.status).toEqual({ success: 'true', code: 200, message: 'Success' });
    expect(item(answer)).toEqual({
      adjustment_id: expect.stringMatching(/^[a-z2-7]{20}$/),
      reference: 'ORD-881-earn',
      type: 'EARN',
      program_id: 1,
      user_id: 1001,
      mobile: '919900000001',
      email: 'asha@example.com',
      external_id: 'EXT-1001',
      points: 150,
      lifetime_purchases: 37.5,
      balance: { current_points: 650, lifetime_points: 1350, lifetime_purchases: 25037.5 },
      item_status: { success: 'true', code: 200, message: 'Points adjusted' },
      adjusted_at: expect.any(String),
    });
    expect(await stored(asha)).toEqual({ current: 650, lifetime: 1350, purchases: '25037.5' });
  });

  it('keeps lifetime purchases exact: 0.1 + 0.2 is 0.3, not 0.30000000000000004', async () => {
    await earn({ reference: 'E-1', points: 1, lifetime_purchases: 0.1 });
    const answer = await earn({ reference: 'E-2', points: 1, lifetime_purchases: '0.2' });

    expect(item(answer).balance.lifetime_purchases).toBe(25000.3);
    expect((await stored(asha)).purchases).toBe('25000.3');
  });

  it('DEDUCT and EXPIRE take from current points only; ADJUST is a signed change of current points', async () => {
    const kinds = [
      ['D-1', 'DEDUCT', 100, 400],
      ['X-1', 'EXPIRE', 50, 350],
      ['A-1', 'ADJUST', -25, 325],
      ['A-2', 'ADJUST', '75', 400],
    ] as const;
    for (const [reference, type, points, after] of kinds) {
      const answer = await adjust({ reference, type, points, customer: { id: 1001 }, program_id: '1' });
      expect([answer.statusCode, item(answer).balance.current_points]).toEqual([200, after]);
    }
    expect(await stored(asha)).toEqual({ current: 400, lifetime: 1200, purchases: '25000' });
  });

  it('records every adjustment in the ledger of the balance it changed, in the same chain as redemptions', async () => {
    const earned = await earn();
    await adjust({ reference: 'D-1', type: 'DEDUCT', points: 50, customer: { mobile: '919900000001' }, program_id: 1 });
    const redeemed = await stack.post('/v1.1/points/redeem', { root: { redeem: [{ points_redeemed: 100, customer: { mobile: '919900000001' }, external_reference_number: 'R-1' }] } }, { program_id: '1' });
    expect(redeemed.statusCode).toBe(200);

    const history = await ledger.history('demo', asha);
    expect(history.map((entry) => [entry.type, entry.adjustmentType, entry.points, entry.before, entry.after])).toEqual([
      ['REDEMPTION', undefined, -100, 600, 500],
      ['ADJUSTMENT', 'DEDUCT', -50, 650, 600],
      ['ADJUSTMENT', 'EARN', 150, 500, 650],
    ]);
    expect(history[2]).toMatchObject({ entryId: item(earned).adjustment_id, reference: 'ORD-881-earn', keyLabel: 'earn-feed', customerId: 1001 });
  });

  it('answers a repeat exactly as the first time and changes nothing; the reference with other content is 744', async () => {
    const first = await earn();
    const repeat = await earn();
    const other = await earn({ points: 151 });

    expect(repeat).toEqual(first);
    expect(other.statusCode).toBe(409);
    expect(item(other).item_status).toEqual({ success: 'false', code: 744, message: 'Reference number already exists: it names an adjustment with other content' });
    expect(await stored(asha)).toEqual({ current: 650, lifetime: 1350, purchases: '25037.5' });
    expect(await ledger.history('demo', asha)).toHaveLength(1);
  });

  it('answers the recorded adjustment to a repeat even when the balance could no longer take it', async () => {
    const first = await adjust({ reference: 'D-ALL', type: 'DEDUCT', points: 500, customer: { mobile: '919900000001' }, program_id: 1 });
    const repeat = await adjust({ reference: 'D-ALL', type: 'DEDUCT', points: 500, customer: { mobile: '919900000001' }, program_id: 1 });

    expect(item(first).balance.current_points).toBe(0);
    expect(repeat).toEqual(first);
  });

  it('never takes a balance below zero: 818, nothing changed; down to exactly 0 is fine', async () => {
    const tooMuch = await adjust({ reference: 'D-2', type: 'DEDUCT', points: 501, customer: { mobile: '919900000001' }, program_id: 1 });
    const negative = await adjust({ reference: 'A-3', type: 'ADJUST', points: -501, customer: { mobile: '919900000001' }, program_id: 1 });

    for (const answer of [tooMuch, negative]) {
      expect(answer.statusCode).toBe(400);
      expect(answer.body.response.status).toEqual({ success: 'false', code: 500, message: 'All requests have failed due to errors' });
      expect(item(answer).item_status).toEqual({ success: 'false', code: 818, message: 'Current points (500) are less than the 501 points this adjustment takes' });
    }
    expect((await adjust({ reference: 'X-2', type: 'EXPIRE', points: 500, customer: { mobile: '919900000001' }, program_id: 1 })).statusCode).toBe(200);
    expect(await stored(asha)).toEqual({ current: 0, lifetime: 1200, purchases: '25000' });
    expect(await ledger.history('demo', asha)).toHaveLength(1);
  });

  it('never enrols: adding points needs a registered member (881); taking them needs only a balance', async () => {
    // Kiran (1004) is not registered in program 1 (0 points); Ravi (1002) has no membership of program 3.
    const kiranEarn = await adjust({ reference: 'K-1', type: 'EARN', points: 10, customer: { id: 1004 }, program_id: 1 });
    const raviEarn = await adjust({ reference: 'R-1', type: 'ADJUST', points: 10, customer: { id: 1002 }, program_id: 3 });
    const raviDeduct = await adjust({ reference: 'R-2', type: 'DEDUCT', points: 10, customer: { id: 1002 }, program_id: 3 });
    const kiranDeduct = await adjust({ reference: 'K-2', type: 'DEDUCT', points: 10, customer: { id: 1004 }, program_id: 1 });

    expect([kiranEarn, raviEarn, raviDeduct].map((answer) => [answer.statusCode, item(answer).item_status.code])).toEqual([
      [400, 881],
      [400, 881],
      [400, 881],
    ]);
    expect(item(kiranDeduct).item_status.code).toBe(818);
    expect(await stored({ kind: 'customer', customerId: 1004 })).toEqual({ current: 0, lifetime: 0, purchases: '0' });
  });

  it("answers 816 (404) for a customer the key's org does not have, and 1101 for a program it may not use", async () => {
    const acmeCustomer = await adjust({ reference: 'Z-1', type: 'EARN', points: 10, customer: { mobile: '919900000009' }, program_id: 1 });
    const noProgram = await adjust({ reference: 'Z-2', type: 'EARN', points: 10, customer: { mobile: '919900000001' }, program_id: 99 });

    expect([acmeCustomer.statusCode, item(acmeCustomer).item_status.code]).toEqual([404, 816]);
    expect([noProgram.statusCode, item(noProgram).item_status.code]).toEqual([400, 1101]);
  });

  it('reads a national mobile number in the org’s country (IN): the same customer, and the same request as its international form', async () => {
    const national = await adjust({ reference: 'NAT-1', type: 'EARN', points: 10, customer: { mobile: '9900000001' }, program_id: 1 });
    const international = await adjust({ reference: 'NAT-1', type: 'EARN', points: 10, customer: { mobile: '+91 99000 00001' }, program_id: 1 });
    const notANumber = await adjust({ reference: 'NAT-2', type: 'EARN', points: 10, customer: { mobile: '12' }, program_id: 1 });

    expect([national.statusCode, item(national).item_status.code, item(national).user_id]).toEqual([200, 200, 1001]);
    expect(item(international)).toEqual(item(national));
    expect((await stored(asha)).current).toBe(510);
    expect(item(notANumber).item_status.code).toBe(802);
  });

  it('reads the group’s primary member’s national mobile number in the org’s country too', async () => {
    const answer = await adjust({
      reference: 'NAT-G', type: 'EARN', points: 10, customer: { mobile: '919900000001' }, program_id: 1,
      user_group2_primary_user_identifier_type: 'mobile', user_group2_primary_user_identifier_value: '9900000001',
    });

    expect([answer.statusCode, item(answer).item_status.code]).toEqual([200, 200]);
    expect((await stored(group501)).current).toBe(2010);
  });

  it('answers a program-limited key as for an unknown customer (816) about a customer outside its programs, never 881', async () => {
    const limitedKey = 'demo-kiosk-earn-4ZmT1cQw8LxR2vNp6YsB0hKd3FgJ7uAe9WoC5iXy';
    await writeApiKey(DynamoDBDocumentClient.from(stack.table.client), stack.table.tableName, 'demo', { key: limitedKey, label: 'kiosk-earn', programIds: [3], scopes: ['adjust'], disabled: false });

    // Ravi (1002) is a customer of the org, registered in programs 1 and 4, not in 3.
    const answer = await adjust({ reference: 'K-1', type: 'EARN', points: 10, customer: { mobile: '919900000002' }, program_id: 3 }, limitedKey);

    expect([answer.statusCode, item(answer).item_status.code]).toEqual([404, 816]);
  });

  it.each([
    ['programId', { programId: 4 }, 'program_id'],
    ['Program_ID', { Program_ID: 4 }, 'program_id'],
    ['user-group2-id', { 'user-group2-id': 501 }, 'user_group2_id'],
    ['lifetimePurchases', { lifetimePurchases: 12.5 }, 'lifetime_purchases'],
  ])('refuses a misspelt body field (%s), naming the intended one; nothing changed, and the reference stays free', async (_name, extra, intended) => {
    const misspelt = await adjust({ reference: 'MIS-1', type: 'EARN', points: 10, customer: { mobile: '919900000001' }, ...extra });
    const corrected = await adjust({ reference: 'MIS-1', type: 'EARN', points: 10, customer: { mobile: '919900000001' } });

    expect(misspelt.statusCode).toBe(400);
    expect(item(misspelt).invalid_parameter ?? misspelt.body.response.status.message).toContain(intended);
    expect(corrected.statusCode).toBe(200);
    expect((await stored(asha)).current).toBe(510);
  });

  it('reads an empty lifetime_purchases as not given, as every empty optional field', async () => {
    const answer = await adjust({ reference: 'LP-0', type: 'EARN', points: 10, customer: { mobile: '919900000001' }, lifetime_purchases: ' ' });

    expect(answer.statusCode).toBe(200);
    expect((await stored(asha)).purchases).toBe('25000');
  });

  it('refuses a body field sent as a parameter (params.program_id), rather than credit the default program', async () => {
    const answer = (await stack.handler({
      operation: 'adjust',
      apiKey: ADJUST_KEY,
      params: { program_id: 4 },
      body: { reference: 'PAR-1', type: 'EARN', points: 10, customer: { mobile: '919900000001' } },
    })) as { statusCode: number; body: any };

    expect(answer.statusCode).toBe(400);
    expect(JSON.stringify(answer.body)).toContain('program_id');
    expect((await stored(asha)).current).toBe(500);
  });

  it('changes a group wallet named by the user_group2_* fields, recorded in the group’s ledger', async () => {
    const answer = await earn({ user_group2_id: 501 });
    const byDefault = await adjust({ reference: 'G-2', type: 'DEDUCT', points: 100, customer: { mobile: '919900000001' }, program_id: 1, use_default_user_group2: true });

    expect(item(answer)).toMatchObject({ balance: { current_points: 2150, lifetime_points: 5150, lifetime_purchases: 60037.5 }, user_group2: { id: 501, external_id: 'FAM-501', primary_user_id: 1001 } });
    expect(item(byDefault).balance.current_points).toBe(2050);
    expect(await stored(group501)).toEqual({ current: 2050, lifetime: 5150, purchases: '60037.5' });
    expect(await stored(asha)).toEqual({ current: 500, lifetime: 1200, purchases: '25000' });
    expect((await ledger.history('demo', group501)).map((entry) => [entry.adjustmentType, entry.points, entry.customerId])).toEqual([
      ['DEDUCT', -100, 1001],
      ['EARN', 150, 1001],
    ]);
  });

  it('changes nothing when the customer leaves the group between the decision and the commit (897): membership is a condition of the transaction', async () => {
    const memberKey = ItemKeys.groupMember('demo', 501, 1001);
    const removeAsha = () => stack.table.client.send(new DeleteItemCommand({ TableName: stack.table.tableName, Key: { pk: { S: memberKey.pk }, sk: { S: memberKey.sk } } }));
    let commits = 0;
    const racing = await pointsApiStack({
      ledger: (real) => ({
        ...bound(real),
        commitAdjustment: async (record) => {
          commits += 1;
          if (commits === 1) await removeAsha(); // after the decision read Asha as a member
          return real.commitAdjustment(record);
        },
      }),
    });
    stack.table.destroy();
    stack = racing;
    ledger = new DynamoDbPointsLedger({ client: racing.table.client, tableName: racing.table.tableName });
    const before = await stored(group501);

    const answer = await adjust({ reference: 'G-race', type: 'EARN', points: 10, customer: { id: 1001 }, program_id: 1, user_group2_id: 501 });

    expect([answer.statusCode, item(answer).item_status.code]).toEqual([400, 897]);
    expect(commits).toBe(1); // decided again after the failed condition, and refused without a second commit
    expect(await stored(group501)).toEqual(before);
    expect(await ledger.findAdjustment('demo', referenceId('demo', 'adjustment', 'G-race'))).toBeUndefined();
    expect(await ledger.history('demo', group501)).toEqual([]);
  });

  it('refuses a group the customer is not a member of (897), and one that does not exist (1632, 404)', async () => {
    const notMember = await adjust({ reference: 'G-3', type: 'EARN', points: 10, customer: { id: 1002 }, program_id: 1, user_group2_external_id: 'FAM-501' });
    const noGroup = await adjust({ reference: 'G-4', type: 'EARN', points: 10, customer: { id: 1001 }, program_id: 1, user_group2_id: '999' });

    expect([notMember.statusCode, item(notMember).item_status.code]).toEqual([400, 897]);
    expect([noGroup.statusCode, item(noGroup).item_status.code]).toEqual([404, 1632]);
  });

  it('refuses a change past the bounds a balance keeps (801)', async () => {
    const answer = await adjust({ reference: 'BIG', type: 'EARN', points: 2_147_483_647, customer: { id: 1001 }, program_id: 1 });

    expect(item(answer).item_status).toMatchObject({ code: 801, message: 'The adjustment would take current points above 2147483647' });
  });

  it.each([
    [{ type: 'EARN', points: 1, customer: { id: 1001 } }, 'reference', 400],
    [{ reference: 'M', type: 'EARN', points: 'abc', customer: { id: 1001 } }, 'points', 801],
    [{ reference: 'M', type: 'EARN', points: -5, customer: { id: 1001 } }, 'points', 801],
    [{ reference: 'M', type: 'ADJUST', points: 0, customer: { id: 1001 } }, 'points', 801],
    [{ reference: 'M', type: 'PIGEON', points: 5, customer: { id: 1001 } }, 'type', 400],
    [{ reference: 'M', type: 'DEDUCT', points: 5, customer: { id: 1001 }, lifetime_purchases: 5 }, 'lifetime_purchases', 400],
    [{ reference: 'M', type: 'EARN', points: 5, customer: { id: 1001 }, lifetime_purchases: 1.2345 }, 'lifetime_purchases', 400],
    [{ reference: 'M', type: 'EARN', points: 5, customer: { mobile: '12ab' } }, 'customer.mobile', 802],
    [{ reference: 'M', type: 'EARN', points: 5, customer: { id: 1001 }, program_id: 'x' }, 'program_id', 1101],
    [{ reference: 'M', type: 'EARN', points: 5, customer: { id: 1001 }, user_group2_id: 501, user_group2_external_id: 'FAM-501' }, 'user_group2_id', 1632],
    ['not an object', 'body', 400],
  ])('refuses a malformed adjustment with 400, naming the field (%j)', async (body, parameter, code) => {
    const answer = await adjust(body);

    expect(answer.statusCode).toBe(400);
    expect(answer.body.response.status).toMatchObject({ success: 'false', code: 400, message: expect.stringMatching(new RegExp(`^${parameter.replace('.', '\\.')}: `)) });
    expect(item(answer)).toMatchObject({ invalid_parameter: parameter, item_status: { success: 'false', code } });
    expect(await stored(asha)).toEqual({ current: 500, lifetime: 1200, purchases: '25000' });
  });

  it('costs the two reads of the customer and one transaction (rules and key cached); a repeat one read more', async () => {
    await earn({ reference: 'WARM' });
    stack.dynamoCalls.reset();
    await earn({ reference: 'COUNTED' });
    const applied = [...stack.dynamoCalls.calls];
    stack.dynamoCalls.reset();
    await earn({ reference: 'COUNTED' });

    expect(applied).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand']);
    expect(stack.dynamoCalls.calls).toEqual(['GetItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand', 'GetItemCommand']);
  });
});
