import { pointsApiStack, type PointsApiStack } from '../../support/points-api-stack';

/** Another Lambda invoking the points API directly gets group wallets and cross-program redemption too. */
describe('direct invocation: group wallets and cross-program redemption', () => {
  let stack: PointsApiStack;
  beforeAll(async () => {
    stack = await pointsApiStack();
  });
  afterAll(() => stack.table.destroy());
  beforeEach(() => stack.dynamoCalls.reset());

  const invoke = async (params: Record<string, string | number | boolean>) =>
    (await stack.handler({ operation: 'isredeemable', apiKey: 'demo-pos-IwVXInSmf2Op12Qm2UdVdmcajH-w0ZPBgsogloePkyk', params })) as { statusCode: number; body: any };
  const itemOf = (answer: { body: any }) => answer.body.response.points.redeemable;

  it('a group wallet by user_group2_id (a number) answers as over HTTP', async () => {
    // Act
    const answer = await invoke({ mobile: '919900000001', points: 500, program_id: 1, user_group2_id: 501 });

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(itemOf(answer)).toMatchObject({
      is_redeemable: 'true',
      points: 500,
      points_redeem_value: 250,
      item_status: { code: 800 },
      user_group2: { id: 501, external_id: 'FAM-501', primary_user_id: 1001 },
    });
  });

  it('the default group by use_default_user_group2 (a boolean)', async () => {
    // Act
    const answer = await invoke({ id: 1001, points: 500, program_id: 1, use_default_user_group2: true });

    // Assess
    expect(itemOf(answer)).toMatchObject({ item_status: { code: 800 }, user_group2: { id: 501 } });
  });

  it('897 for a member who may not redeem, 1632 for an unknown group', async () => {
    // Act
    const notAllowed = await invoke({ mobile: '919900000005', points: 100, program_id: 1, user_group2_external_id: 'FAM-501' });
    const unknown = await invoke({ mobile: '919900000001', points: 100, program_id: 1, user_group2_id: 999 });

    // Assess
    expect([notAllowed.statusCode, itemOf(notAllowed).item_status.code]).toEqual([200, 897]);
    expect([unknown.statusCode, itemOf(unknown).item_status.code]).toEqual([200, 1632]);
  });

  it('cross-program redemption by group_redemption (a boolean)', async () => {
    // Act
    const answer = await invoke({ mobile: '919900000001', points: 100, program_id: 1, group_redemption: true });

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(itemOf(answer)).toMatchObject({
      item_status: { code: 800 },
      points_currency_ratio: '0.5',
      group_redemption: { earn_program_id: 4, earn_points: 200, earn_points_currency_ratio: '0.25' },
    });
  });

  it('898 when the program is not linked', async () => {
    // Act
    const answer = await invoke({ mobile: '919900000001', points: 100, program_id: 3, group_redemption: 'true' });

    // Assess
    expect(itemOf(answer).item_status.code).toBe(898);
  });

  it('a group check by id costs two GetItems beyond the plain check: the group, and the member (one item, whatever the group size)', async () => {
    // Prepare: the catalog is cached after the first request
    await invoke({ id: 1001, points: 100, program_id: 1 });
    stack.dynamoCalls.reset();

    // Act
    await invoke({ id: 1001, points: 100, program_id: 1 });
    const plain = [...stack.dynamoCalls.calls];
    stack.dynamoCalls.reset();
    await invoke({ id: 1001, points: 100, program_id: 1, user_group2_id: 501 });
    const withGroup = [...stack.dynamoCalls.calls];

    // Assess
    expect(plain).toEqual(['GetItemCommand']);
    expect(withGroup).toEqual(['GetItemCommand', 'GetItemCommand', 'GetItemCommand']);
  });
});
