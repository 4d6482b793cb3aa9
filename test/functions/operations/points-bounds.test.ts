import { pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/**
 * Amounts converted from money or from another program's points stay within the contract's int
 * (2147483647) on every endpoint that converts (demo seed: program 4 is worth 0.25 a point, and its
 * points are redeemed in program 1, worth 0.5 for Asha's tier): more is 801 naming the parameter.
 */
const CHECK = '/v1.1/points/isredeemable';
const REDEEM = '/v1.1/points/redeem';

describe('over-large amounts, over DynamoDB Local (demo seed)', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());

  it('isredeemable: 600000000 in money at 0.25 a point is 801 naming currency_value, not 2400000000 points', async () => {
    const answer = await stack.get(CHECK, { mobile: '919900000001', currency_input: 'true', currency_value: '600000000', program_id: '4' });

    expect(answer.body.response.points.redeemable).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'currency_value', points: 0, currency_value: '600000000' });
  });

  it('isredeemable: cross-program, points taking more than 2147483647 earn points are 801 naming points', async () => {
    const answer = await stack.get(CHECK, { mobile: '919900000001', points: '2147483640', program_id: '1', group_redemption: 'true' });
    const item = answer.body.response.points.redeemable;

    expect(item).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'points', points: 2_147_483_640 });
    expect(item.group_redemption).toBeUndefined();
  });

  it('redeem: the same, naming the body field', async () => {
    const body = { root: { redeem: [{ points_redeemed: 2_147_483_640, customer: { mobile: '919900000001' } }] } };
    const answer = await stack.post(REDEEM, body, { program_id: '1', group_redemption: 'true' });

    expect(answer.body.response.responses.points).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'root.redeem[0].points_redeemed', points_redeemed: '2147483640' });
    expect(answer.body.response.responses.points.group_redemption).toBeUndefined();
  });
});
