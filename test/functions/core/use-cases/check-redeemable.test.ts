import { checkRedeemable } from '../../../../functions/core/use-cases/check-redeemable';
import type { RedemptionCheckRequest } from '../../../../functions/core/use-cases/redemption-request';
import type { Partner } from '../../../../functions/core/model';
import { DEFAULT_OTP_RULES } from '../../../../functions/core/rules/defaults';
import { customer, InMemoryCustomerDirectory, InMemoryGroupDirectory, InMemoryProgramCatalog, program, ScriptedValidationCodes } from '../../../support/in-memory-ports';

const partner: Partner = { orgId: 'demo', keyLabel: 'pos' };
const rules = { multipleOf: 10, minPoints: 20, maxPointsPerRedemption: 200, minCurrentPoints: 50, minLifetimePoints: 100, minLifetimePurchases: 1000, pointValue: '0.5' };

function setup() {
  const validationCodes = new ScriptedValidationCodes();
  const deps = {
    programs: new InMemoryProgramCatalog([
      program(1, { ...rules, tiers: { GOLD: { maxPointsPerRedemption: 500, pointValue: '0.75' } } }),
      program(2, { redemptionEnabled: false }),
      program(3, { multipleOf: 10, otp: { ...DEFAULT_OTP_RULES, required: true, allowSkipValidation: false, missedCallEnabled: true } }),
      program(4, { otp: { ...DEFAULT_OTP_RULES, required: true, allowSkipValidation: true } }),
      program(1, {}, { orgId: 'acme' }),
    ]),
    customers: new InMemoryCustomerDirectory([
      customer(1001, {
        programs: {
          '1': { registered: true, tier: 'SILVER', currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
          '3': { registered: true, currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
          '4': { registered: true, currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 },
        },
      }),
      customer(1002, { programs: { '1': { registered: true, tier: 'GOLD', currentPoints: 800, lifetimePoints: 5000, lifetimePurchases: 90000 } } }),
      customer(1003, { fraudStatus: 'CONFIRMED' }),
      customer(1004, { programs: { '1': { registered: false, currentPoints: 0, lifetimePoints: 0, lifetimePurchases: 0 } } }),
      customer(2001, { orgId: 'acme' }),
    ]),
    groups: new InMemoryGroupDirectory([]),
    validationCodes,
  };
  return { deps, validationCodes };
}

const byId = (id: number, extra: Partial<RedemptionCheckRequest> = {}, points = 100): RedemptionCheckRequest => ({
  identifier: { type: 'id', value: String(id) },
  amount: { kind: 'points', points },
  issueOtp: false,
  skipValidation: false,
  groupRedemption: false,
  ...extra,
});

describe('checkRedeemable', () => {
  it('800: a customer inside every rule may redeem; the value is points x point value', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, byId(1001));
    expect(result).toMatchObject({ redeemable: true, status: { code: 800 }, points: 100, valuation: { pointValue: '0.5', redeemValue: 50 } });
    expect(result.customer).toEqual({ mobile: '919900001001', email: 'c1001@example.com', externalId: 'EXT-1001' });
    expect(result.explanation).toBeUndefined();
  });

  it.each([
    ['1101: a program the org does not have', byId(1001, { programId: 99 }), 1101],
    ['827: redemption disabled in the program', byId(1001, { programId: 2 }), 827],
    ['816: no such customer', byId(4242), 816],
    ['809: a customer with a blocked fraud status', byId(1003), 809],
    ['881: not registered in the program', byId(1004), 881],
    ['821: below the minimum', byId(1001, {}, 10), 821],
    ['819: above the maximum', byId(1001, {}, 210), 819],
    ['807: not a multiple', byId(1001, {}, 105), 807],
  ])('%s', async (_name, request, code) => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, request);
    expect(result.redeemable).toBe(false);
    expect(result.status.code).toBe(code);
  });

  it('895: no program named and the org has no default program the partner may use', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, { ...partner, programIds: [3] }, byId(1001));
    expect(result.status.code).toBe(895);
  });

  it('1101: a program outside the credential grant answers like one that does not exist', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, { ...partner, programIds: [3] }, byId(1001, { programId: 1 }));
    expect(result.status.code).toBe(1101);
  });

  it('816: a partner of another org learns nothing about this org customer', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, { orgId: 'acme', keyLabel: 'x' }, byId(1001, { programId: 1 }));
    expect(result.status.code).toBe(816);
    expect(result.customer).toEqual({ mobile: '', email: '', externalId: '' });
  });

  it('809 reveals nothing but the code: no stored identifiers, no balances, no tier value', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, { ...byId(1003), identifier: { type: 'mobile', value: '919900001003' } }, );
    expect(result.status.code).toBe(809);
    expect(result.customer).toEqual({ mobile: '919900001003', email: '', externalId: '' });
    expect(result.explanation?.failedChecks.map((c) => c.code)).toEqual([809]);
    expect(JSON.stringify(result)).not.toContain('c1003@example.com');
  });

  it('205 points with multiples of 10 and a maximum of 200: both rules listed, 200 suggested', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, byId(1001, {}, 205));
    expect(result.status.code).toBe(819);
    expect(result.explanation?.failedChecks.map((c) => c.code)).toEqual([819, 807]);
    expect(result.explanation?.nearest).toEqual({ below: 200 });
  });

  it('a GOLD customer gets the tier maximum and point value', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, byId(1002, {}, 400));
    expect(result).toMatchObject({ redeemable: true, valuation: { pointValue: '0.75', redeemValue: 300 } });
  });

  it('currency input is converted at the tier point value, rounded down', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, { ...byId(1002), amount: { kind: 'currency', currencyValue: '75.6' } });
    expect(result).toMatchObject({ redeemable: true, points: 100, input: { type: 'currency', currencyValue: '75.6' } });
  });

  describe('money worth less than one point (0 points) has no code to verify: 821, nothing sent to the validation-codes function', () => {
    it.each([
      ['a code given, in a program that requires one', { programId: 3, validationCode: '123456' }],
      ['no code, in a program that requires one', { programId: 3 }],
      ['a code given, where skipping is allowed but not asked', { programId: 4, validationCode: '123456' }],
    ])('%s', async (_case, extra) => {
      const { deps, validationCodes } = setup();
      const result = await checkRedeemable(deps, partner, byId(1001, { ...extra, amount: { kind: 'currency', currencyValue: '0.5' } }));

      expect(result).toMatchObject({ redeemable: false, status: { code: 821 }, points: 0 });
      expect(result.explanation?.failedChecks.map((check) => check.code)).toEqual([821]);
      expect(validationCodes.verified).toEqual([]);
    });
  });

  it('828: group parameters are never silently ignored: a program without group rules refuses them', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, byId(1001, { group: { by: 'id', groupId: 7 } }));
    expect(result).toMatchObject({ redeemable: false, status: { code: 828 } });
  });

  it('898: group_redemption is never silently ignored: a program no other program is linked to refuses it', async () => {
    const { deps } = setup();
    const result = await checkRedeemable(deps, partner, byId(1001, { groupRedemption: true }));
    expect(result).toMatchObject({ redeemable: false, status: { code: 898 } });
  });

  describe('validation codes', () => {
    it('verifies a given code bound to the org, customer, program and amount', async () => {
      const { deps, validationCodes } = setup();
      const result = await checkRedeemable(deps, partner, byId(1001, { programId: 3, validationCode: '123456' }));
      expect(result.status.code).toBe(800);
      expect(validationCodes.verified).toEqual([expect.objectContaining({ orgId: 'demo', customerId: 1001, programId: 3, points: 100, code: '123456' })]);
    });

    it('808: a wrong code fails the check, and the amount rules are still explained', async () => {
      const { deps, validationCodes } = setup();
      validationCodes.verifyResult = { kind: 'invalid', reason: 'wrong' };
      const result = await checkRedeemable(deps, partner, byId(1001, { programId: 3, validationCode: '123456' }, 105));
      expect(result.status.code).toBe(808);
      expect(result.explanation?.failedChecks.map((c) => c.code)).toEqual([808, 807]);
    });

    it('808: a program that requires a code and forbids skipping refuses skip_validation', async () => {
      const { deps, validationCodes } = setup();
      const result = await checkRedeemable(deps, partner, byId(1001, { programId: 3, skipValidation: true, validationType: 'INVALID' }));
      expect(result.status.code).toBe(808);
      expect(validationCodes.verified).toHaveLength(0);
    });

    it('skip_validation passes where the program allows skipping', async () => {
      const { deps, validationCodes } = setup();
      const result = await checkRedeemable(deps, partner, byId(1001, { programId: 4, skipValidation: true, validationCode: '000000' }));
      expect(result.status.code).toBe(800);
      expect(validationCodes.verified).toHaveLength(0);
    });

    it('issue_otp on a passing check sends a code bound to the amount (800)', async () => {
      const { deps, validationCodes } = setup();
      const result = await checkRedeemable(deps, partner, byId(1001, { programId: 3, issueOtp: true }));
      expect(result).toMatchObject({ redeemable: true, status: { code: 800 }, otp: { outcome: 'issued', channel: 'SMS' } });
      expect(validationCodes.issued).toEqual([expect.objectContaining({ customerId: 1001, programId: 3, points: 100, channel: 'SMS', mobile: '919900001001' })]);
    });

    it('876: the check passes but the code could not be sent; points stay redeemable', async () => {
      const { deps, validationCodes } = setup();
      validationCodes.issueResult = { kind: 'failed', reason: 'delivery-failed' };
      const result = await checkRedeemable(deps, partner, byId(1001, { issueOtp: true }));
      expect(result).toMatchObject({ redeemable: true, status: { code: 876 }, otp: { outcome: 'not-issued', reason: 'delivery-failed' } });
    });

    it('a failed check issues nothing', async () => {
      const { deps, validationCodes } = setup();
      await checkRedeemable(deps, partner, byId(1001, { issueOtp: true }, 105));
      expect(validationCodes.issued).toHaveLength(0);
    });

    it('876: missed call asked where the program has not enabled it', async () => {
      const { deps, validationCodes } = setup();
      const result = await checkRedeemable(deps, partner, byId(1001, { issueOtp: true, validationType: 'MISSED_CALL' }));
      expect(result).toMatchObject({ status: { code: 876 }, otp: { outcome: 'not-issued', reason: 'channel-disabled' } });
      expect(validationCodes.issued).toHaveLength(0);
    });
  });
});
