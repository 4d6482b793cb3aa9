import type { OtpRules, Partner, ProgramRules } from '../../../../functions/core/model';
import { DEFAULT_OTP_RULES } from '../../../../functions/core/rules/defaults';
import { checkRedeemable } from '../../../../functions/core/use-cases/check-redeemable';
import type { GroupSelector, RedemptionCheckRequest } from '../../../../functions/core/use-cases/redemption-request';
import {
  customer,
  DEMO_REWARDS_RULES,
  DEMO_TIERS,
  group,
  InMemoryCustomerDirectory,
  InMemoryGroupDirectory,
  InMemoryProgramCatalog,
  program,
  ScriptedValidationCodes,
} from '../../../support/in-memory-ports';

const partner: Partner = { orgId: 'demo', keyLabel: 'pos' };
const rules: Partial<ProgramRules> = {
  ...DEMO_REWARDS_RULES,
  tiers: DEMO_TIERS,
};
const member = { registered: true, tier: 'SILVER', currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 };

/** `null`: the program has no group rules. `own`: program 1's other rules. */
function setup(groupRedemption: ProgramRules['groupRedemption'] | null = { enabled: true, maxPointsPerRedemption: 1000 }, own: Partial<ProgramRules> = {}) {
  const customers = [
    customer(1001, { defaultGroupId: 501, cards: [{ number: '4000123412341234' }] }),
    customer(1002, { programs: { '1': { ...member, tier: 'GOLD' } } }),
    customer(1003, { fraudStatus: 'CONFIRMED' }),
    customer(1005),
    customer(1006),
    customer(1007, { programs: { '1': { ...member, registered: false } } }),
    customer(1008, { fraudStatus: 'INTERNAL' }),
  ];
  const groups = new InMemoryGroupDirectory(
    [
      group(501, {
        externalId: 'FAM-501',
        members: [
          { customerId: 1001, canRedeem: true },
          { customerId: 1002, canRedeem: true },
          { customerId: 1003, canRedeem: true },
          { customerId: 1005, canRedeem: false },
          { customerId: 1007, canRedeem: true },
          { customerId: 1008, canRedeem: true },
        ],
      }),
      group(502, {
        primaryCustomerId: 1006,
        members: [{ customerId: 1006, canRedeem: true }, { customerId: 1001, canRedeem: true }],
        programs: { '1': { currentPoints: 100, lifetimePoints: 5000, lifetimePurchases: 60000 }, '3': { currentPoints: 900, lifetimePoints: 900, lifetimePurchases: 900 } },
      }),
      group(503, { primaryCustomerId: 1005, programs: {} }),
    ],
    customers,
  );
  const validationCodes = new ScriptedValidationCodes();
  const deps = {
    programs: new InMemoryProgramCatalog([
      program(1, { ...rules, ...own, ...(groupRedemption && { groupRedemption }) }),
      program(3, { multipleOf: 10 }),
      program(5, { groupRedemption: { enabled: false } }),
    ]),
    customers: new InMemoryCustomerDirectory(customers),
    groups,
    validationCodes,
  };
  return { deps, groups, validationCodes };
}

const inGroup = (customerId: number, selector: GroupSelector, points = 100, extra: Partial<RedemptionCheckRequest> = {}): RedemptionCheckRequest => ({
  identifier: { type: 'id', value: String(customerId) },
  programId: 1,
  amount: { kind: 'points', points },
  issueOtp: false,
  skipValidation: false,
  groupRedemption: false,
  group: selector,
  ...extra,
});
const group501: GroupSelector = { by: 'id', groupId: 501 };

describe('group wallets (user_group2_*)', () => {
  it("800: a member allowed to redeem spends the group's balance under the group rules", async () => {
    // Prepare
    const { deps } = setup();

    // Act: 1000 points: above the member's own balance (500) and the individual maximum (200)
    const result = await checkRedeemable(deps, partner, inGroup(1001, group501, 1000));

    // Assess
    expect(result).toMatchObject({
      redeemable: true,
      status: { code: 800 },
      points: 1000,
      valuation: { pointValue: '0.5', redeemValue: 500 },
      group: { id: 501, externalId: 'FAM-501', primaryCustomerId: 1001 },
    });
  });

  it("818: the group's balance decides, not the member's", async () => {
    // Prepare
    const { deps } = setup();

    // Act: group 502 holds 100 points; the member holds 500
    const result = await checkRedeemable(deps, partner, inGroup(1001, { by: 'id', groupId: 502 }, 200));

    // Assess
    expect(result.status.code).toBe(818);
    expect(result.explanation?.redeemableRange).toEqual({ min: 20, max: 100, multipleOf: 10 });
  });

  it("a group has no tier: a GOLD member gets the group rules, not GOLD's", async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1002, group501, 100));

    // Assess
    expect(result).toMatchObject({ status: { code: 800 }, valuation: { pointValue: '0.5', redeemValue: 50 } });
  });

  it('the groupRedemption block overrides the rules for group wallets', async () => {
    // Prepare
    const { deps } = setup({ enabled: true, pointValue: '0.4', multipleOf: 25 });

    // Act
    const passing = await checkRedeemable(deps, partner, inGroup(1001, group501, 150));
    const notAMultiple = await checkRedeemable(deps, partner, inGroup(1001, group501, 160));

    // Assess
    expect(passing).toMatchObject({ status: { code: 800 }, valuation: { pointValue: '0.4', redeemValue: 60 } });
    expect(notAMultiple.status.code).toBe(807);
  });

  it.each<[string, GroupSelector]>([
    ['user_group2_id', { by: 'id', groupId: 501 }],
    ['user_group2_external_id', { by: 'external-id', externalId: 'FAM-501' }],
    ['user_group2_primary_user_id', { by: 'primary-user-id', customerId: 1001 }],
    ['the primary member by mobile', { by: 'primary-user-identifier', identifier: { type: 'mobile', value: '919900001001' } }],
    ['the primary member by card number', { by: 'primary-user-identifier', identifier: { type: 'card_number', value: '4000123412341234' } }],
    ['the primary member by id', { by: 'primary-user-identifier', identifier: { type: 'id', value: '1001' } }],
    ['use_default_user_group2', { by: 'default-group' }],
  ])('finds the group by %s', async (_way, selector) => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1001, selector, 500));

    // Assess
    expect(result).toMatchObject({ status: { code: 800 }, group: { id: 501 } });
  });

  it('source and account id of the primary member are echoed, not used to look up', async () => {
    // Prepare
    const { deps, groups } = setup();
    const selector: GroupSelector = { by: 'primary-user-identifier', source: 'WECHAT', accountId: 'wx-1', identifier: { type: 'mobile', value: '919900001001' } };

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1001, selector));

    // Assess
    expect(result.group).toEqual({ id: 501, externalId: 'FAM-501', primaryCustomerId: 1001, source: 'WECHAT', accountId: 'wx-1' });
    expect(groups.lookups).toEqual([{ by: 'primary-member-identifier', identifier: { type: 'mobile', value: '919900001001' } }]);
  });

  it.each<[string, number, GroupSelector]>([
    ['an unknown group id', 1001, { by: 'id', groupId: 999 }],
    ['an unknown external id', 1001, { by: 'external-id', externalId: 'FAM-999' }],
    ['a customer who is no group\'s primary member', 1001, { by: 'primary-user-id', customerId: 1002 }],
    ['an identifier of no customer', 1001, { by: 'primary-user-identifier', identifier: { type: 'mobile', value: '919911111111' } }],
    ['the default group of a customer who has none', 1002, { by: 'default-group' }],
  ])('1632: %s', async (_case, customerId, selector) => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(customerId, selector));

    // Assess
    expect(result).toMatchObject({ redeemable: false, status: { code: 1632, message: 'Invalid or non-existent groupId' } });
    expect(result.group).toBeUndefined();
  });

  it('828: a program without group rules, without reading the group', async () => {
    // Prepare
    const { deps, groups } = setup(null);

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1001, group501));

    // Assess
    expect(result.status.code).toBe(828);
    expect(groups.lookups).toEqual([]);
  });

  it.each<[string, RedemptionCheckRequest]>([
    ['group rules present but not enabled', inGroup(1001, group501, 100, { programId: 5 })],
    ['the group has no points in the program', inGroup(1001, { by: 'id', groupId: 503 }, 100)],
  ])('828: %s', async (_case, request) => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, request);

    // Assess
    expect(result.status.code).toBe(828);
  });

  it.each([
    [1005, 'The customer is a member of the group but may not redeem its points'],
    [1006, 'The customer is not a member of the group'],
  ])('897: customer %i may not redeem the group points', async (customerId, detail) => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(customerId, group501));

    // Assess
    expect(result).toMatchObject({ redeemable: false, status: { code: 897, message: 'Customer is not allowed to redeem points of this group' } });
    expect(result.explanation?.failedChecks).toEqual([{ code: 897, rule: 'groupMember', message: detail }]);
    expect(result.group).toBeUndefined();
  });

  it('881: the requesting member must be registered in the program; the balance is the group\'s', async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1007, group501));

    // Assess
    expect(result.status.code).toBe(881);
  });

  it.each<[string, GroupSelector, number]>([
    ['a member allowed to redeem', group501, 1003],
    ['an unknown group', { by: 'id', groupId: 999 }, 1003],
    ['a group of which the customer is no member', { by: 'id', groupId: 502 }, 1003],
  ])('809 whatever else is true: %s', async (_case, selector, customerId) => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(customerId, selector, 100));

    // Assess
    expect(result.status.code).toBe(809);
    expect(result.group).toBeUndefined();
    expect(result.customer).toEqual({ mobile: '', email: '', externalId: '' });
    expect(result.explanation?.failedChecks.map((c) => c.code)).toEqual([809]);
  });

  it('809 also when the program has no group rules', async () => {
    // Prepare
    const { deps } = setup(null);

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1003, group501));

    // Assess
    expect(result.status.code).toBe(809);
  });

  it('the group rules may block a fraud status for group wallets only', async () => {
    // Prepare
    const { deps } = setup({ enabled: true, blockedFraudStatuses: ['MARKED', 'CONFIRMED', 'RECONFIRMED', 'INTERNAL'] });

    // Act
    const fromGroup = await checkRedeemable(deps, partner, inGroup(1008, group501));
    const own = await checkRedeemable(deps, partner, { ...inGroup(1008, group501), group: undefined });

    // Assess
    expect([fromGroup.status.code, own.status.code]).toEqual([809, 800]);
  });

  it('issue_otp sends the code to the requesting member, bound to them, the program and the amount', async () => {
    // Prepare
    const { deps, validationCodes } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1001, group501, 600, { issueOtp: true }));

    // Assess
    expect(result).toMatchObject({ status: { code: 800 }, otp: { outcome: 'issued' } });
    expect(validationCodes.issued).toEqual([expect.objectContaining({ customerId: 1001, programId: 1, points: 600, mobile: '919900001001' })]);
  });

  it('currency input is converted at the group point value', async () => {
    // Prepare
    const { deps } = setup({ enabled: true, pointValue: '0.25' });

    // Act
    const result = await checkRedeemable(deps, partner, { ...inGroup(1001, group501), amount: { kind: 'currency', currencyValue: '50' } });

    // Assess
    expect(result).toMatchObject({ status: { code: 800 }, points: 200, input: { type: 'currency', currencyValue: '50' } });
  });
});

describe('validation codes in a group check', () => {
  /** Program 1's own OTP rules: strict. */
  const strict: OtpRules = { ...DEFAULT_OTP_RULES, required: true, allowSkipValidation: false, maxAttempts: 2, maxPerDay: 3, resendCooldownSeconds: 60 };
  /** Group overrides that would loosen every limit of the customer's code. */
  const lax: Partial<OtpRules> = { required: false, allowSkipValidation: true, maxAttempts: 20, maxPerDay: 100, resendCooldownSeconds: 0, length: 4, missedCallEnabled: true };

  it("verifies and issues the customer's code under their own rules, not the group's overrides", async () => {
    // Prepare
    const { deps, validationCodes } = setup({ enabled: true, maxPointsPerRedemption: 1000, otp: lax }, { otp: strict });

    // Act
    await checkRedeemable(deps, partner, inGroup(1001, group501, 100, { validationCode: '123456' }));
    await checkRedeemable(deps, partner, inGroup(1001, group501, 100, { issueOtp: true }));

    // Assess
    expect(validationCodes.verified.map((request) => request.otp)).toEqual([strict]);
    expect(validationCodes.issued.map((request) => request.otp)).toEqual([strict]);
  });

  it("808: a group check cannot skip a code the customer's own rules require", async () => {
    // Prepare
    const { deps, validationCodes } = setup({ enabled: true, maxPointsPerRedemption: 1000, otp: lax }, { otp: strict });

    // Act
    const withoutCode = await checkRedeemable(deps, partner, inGroup(1001, group501, 100));
    const skipping = await checkRedeemable(deps, partner, inGroup(1001, group501, 100, { skipValidation: true, validationType: 'INVALID' }));
    const skippingACode = await checkRedeemable(deps, partner, inGroup(1001, group501, 100, { skipValidation: true, validationCode: '123456' }));

    // Assess
    expect([withoutCode.status.code, skipping.status.code]).toEqual([808, 808]);
    expect(skippingACode.status.code).toBe(800);
    expect(validationCodes.verified).toHaveLength(1);
  });

  it('808: group rules may still require a code the customer\'s own rules do not', async () => {
    // Prepare
    const { deps } = setup({ enabled: true, maxPointsPerRedemption: 1000, otp: { required: true, allowSkipValidation: false } });

    // Act
    const fromGroup = await checkRedeemable(deps, partner, inGroup(1001, group501, 100));
    const own = await checkRedeemable(deps, partner, { ...inGroup(1001, group501, 100), group: undefined });

    // Assess
    expect([fromGroup.status.code, own.status.code]).toEqual([808, 800]);
  });

  it("876: a missed call the group rules enable but the customer's own rules do not is not placed", async () => {
    // Prepare
    const { deps, validationCodes } = setup({ enabled: true, maxPointsPerRedemption: 1000, otp: lax });

    // Act
    const result = await checkRedeemable(deps, partner, inGroup(1001, group501, 100, { issueOtp: true, validationType: 'MISSED_CALL' }));

    // Assess
    expect(result).toMatchObject({ status: { code: 876 }, otp: { outcome: 'not-issued', reason: 'channel-disabled' } });
    expect(validationCodes.issued).toEqual([]);
  });
});
