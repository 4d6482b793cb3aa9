import type { Customer, Partner, ProgramRules, TierOverrides } from '../../../../functions/core/model';
import { DEFAULT_OTP_RULES } from '../../../../functions/core/rules/defaults';
import { checkRedeemable } from '../../../../functions/core/use-cases/check-redeemable';
import { issueValidationCode } from '../../../../functions/core/use-cases/issue-validation-code';
import type { RedemptionCheckRequest } from '../../../../functions/core/use-cases/redemption-request';
import {
  customer,
  DEMO_REWARDS_RULES,
  InMemoryCustomerDirectory,
  InMemoryGroupDirectory,
  InMemoryProgramCatalog,
  program,
  ScriptedValidationCodes,
} from '../../../support/in-memory-ports';

/**
 * Every field of RedemptionRules, overridden for one tier: a customer of that tier gets the
 * override, a customer of another tier in the same program gets the program's rule.
 */
const partner: Partner = { orgId: 'demo', keyLabel: 'pos' };
const baseRules: Partial<ProgramRules> = {
  ...DEMO_REWARDS_RULES,
  blockedFraudStatuses: ['MARKED'],
};
const balances = { registered: true, currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 };
const IN_TIER = 1001;
const OTHER_TIER = 1002;

function setup(overrides: TierOverrides, extra: { rules?: Partial<ProgramRules>; customer?: Partial<Customer> } = {}) {
  const validationCodes = new ScriptedValidationCodes();
  const member = (id: number, tier: string) => customer(id, { ...extra.customer, programs: { '1': { ...balances, tier } } });
  const customers = [member(IN_TIER, 'T'), member(OTHER_TIER, 'OTHER')];
  const deps = {
    programs: new InMemoryProgramCatalog([program(1, { ...baseRules, ...extra.rules, tiers: { T: overrides } })]),
    customers: new InMemoryCustomerDirectory(customers),
    groups: new InMemoryGroupDirectory([]),
    validationCodes,
  };
  return { deps, validationCodes };
}

const check = (id: number, extra: Partial<RedemptionCheckRequest> = {}): RedemptionCheckRequest => ({
  identifier: { type: 'id', value: String(id) },
  programId: 1,
  amount: { kind: 'points', points: 100 },
  issueOtp: false,
  skipValidation: false,
  groupRedemption: false,
  ...extra,
});

describe('tier overrides apply by the customer\'s tier in the program', () => {
  it.each<[string, TierOverrides, Partial<RedemptionCheckRequest>, number, number]>([
    ['redemptionEnabled', { redemptionEnabled: false }, {}, 827, 800],
    ['minPoints', { minPoints: 150 }, {}, 821, 800],
    ['maxPointsPerRedemption', { maxPointsPerRedemption: 50 }, {}, 819, 800],
    ['maxPointsPerRedemption (null: no maximum)', { maxPointsPerRedemption: null }, { amount: { kind: 'points', points: 300 } }, 800, 819],
    ['multipleOf', { multipleOf: 30 }, {}, 807, 800],
    ['minCurrentPoints', { minCurrentPoints: 1000 }, {}, 804, 800],
    ['minLifetimePoints', { minLifetimePoints: 5000 }, {}, 805, 800],
    ['minLifetimePurchases', { minLifetimePurchases: 100_000 }, {}, 806, 800],
  ])('%s', async (_field, overrides, request, inTierCode, otherTierCode) => {
    // Prepare
    const { deps } = setup(overrides);

    // Act
    const inTier = await checkRedeemable(deps, partner, check(IN_TIER, request));
    const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER, request));

    // Assess
    expect([inTier.status.code, otherTier.status.code]).toEqual([inTierCode, otherTierCode]);
  });

  it('pointValue: the value of the points and the conversion of a money amount', async () => {
    // Prepare
    const { deps } = setup({ pointValue: '0.25' });
    const money: Partial<RedemptionCheckRequest> = { amount: { kind: 'currency', currencyValue: '30' } };

    // Act
    const inTier = await checkRedeemable(deps, partner, check(IN_TIER));
    const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER));
    const inTierMoney = await checkRedeemable(deps, partner, check(IN_TIER, money));
    const otherTierMoney = await checkRedeemable(deps, partner, check(OTHER_TIER, money));

    // Assess
    expect(inTier.valuation).toEqual({ pointValue: '0.25', redeemValue: 25 });
    expect(otherTier.valuation).toEqual({ pointValue: '0.5', redeemValue: 50 });
    expect([inTierMoney.points, otherTierMoney.points]).toEqual([120, 60]);
  });

  it('blockedFraudStatuses: a tier may block a status the program does not', async () => {
    // Prepare
    const { deps } = setup({ blockedFraudStatuses: ['MARKED', 'INTERNAL'] }, { customer: { fraudStatus: 'INTERNAL' } });

    // Act
    const inTier = await checkRedeemable(deps, partner, check(IN_TIER));
    const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER));

    // Assess
    expect([inTier.status.code, otherTier.status.code]).toEqual([809, 800]);
  });

  it('blockedFraudStatuses: the validationcode endpoint applies the tier\'s list too', async () => {
    // Prepare
    const { deps } = setup({ blockedFraudStatuses: ['MARKED', 'INTERNAL'] }, { customer: { fraudStatus: 'INTERNAL' } });
    const issue = (id: number) => issueValidationCode(deps, partner, { identifier: { type: 'id', value: String(id) }, programId: 1, points: 100, channel: 'SMS' });

    // Act
    const inTier = await issue(IN_TIER);
    const otherTier = await issue(OTHER_TIER);

    // Assess
    expect(inTier).toMatchObject({ kind: 'refused', code: 809 });
    expect(otherTier).toMatchObject({ kind: 'issued' });
  });

  it('blockedFraudStatuses: a tier may unblock a status the program blocks', async () => {
    // Prepare
    const { deps } = setup({ blockedFraudStatuses: [] }, { customer: { fraudStatus: 'MARKED' } });

    // Act
    const inTier = await checkRedeemable(deps, partner, check(IN_TIER));
    const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER));

    // Assess
    expect([inTier.status.code, otherTier.status.code]).toEqual([800, 809]);
  });

  describe('otp', () => {
    it('required: a tier may require a validation code', async () => {
      // Prepare
      const { deps } = setup({ otp: { required: true } });

      // Act
      const inTier = await checkRedeemable(deps, partner, check(IN_TIER));
      const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER));

      // Assess
      expect([inTier.status.code, otherTier.status.code]).toEqual([808, 800]);
    });

    it('allowSkipValidation: a tier may forbid skipping a required code', async () => {
      // Prepare
      const { deps } = setup({ otp: { allowSkipValidation: false } }, { rules: { otp: { ...DEFAULT_OTP_RULES, required: true, allowSkipValidation: true } } });
      const skipping: Partial<RedemptionCheckRequest> = { skipValidation: true, validationType: 'INVALID' };

      // Act
      const inTier = await checkRedeemable(deps, partner, check(IN_TIER, skipping));
      const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER, skipping));

      // Assess
      expect([inTier.status.code, otherTier.status.code]).toEqual([808, 800]);
    });

    it('missedCallEnabled: a tier may allow codes by missed call', async () => {
      // Prepare
      const { deps, validationCodes } = setup({ otp: { missedCallEnabled: true } });
      const byMissedCall: Partial<RedemptionCheckRequest> = { issueOtp: true, validationType: 'MISSED_CALL' };

      // Act
      const inTier = await checkRedeemable(deps, partner, check(IN_TIER, byMissedCall));
      const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER, byMissedCall));

      // Assess
      expect(inTier.otp).toMatchObject({ outcome: 'issued' });
      expect(otherTier).toMatchObject({ status: { code: 876 }, otp: { outcome: 'not-issued', reason: 'channel-disabled' } });
      expect(validationCodes.issued.map((issued) => issued.customerId)).toEqual([IN_TIER]);
    });

    it.each<[keyof typeof DEFAULT_OTP_RULES | 'smsTemplate', TierOverrides['otp']]>([
      ['length', { length: 8 }],
      ['alphabet', { alphabet: 'alphanumeric' }],
      ['validityMinutes', { validityMinutes: 3 }],
      ['maxAttempts', { maxAttempts: 2 }],
      ['resendCooldownSeconds', { resendCooldownSeconds: 120 }],
      ['maxPerDay', { maxPerDay: 1 }],
      ['smsTemplate', { smsTemplate: 'Code {code} for {points} points' }],
    ])('%s: the code is issued and verified under the tier\'s setting', async (field, otp) => {
      // Prepare
      const { deps, validationCodes } = setup({ otp });

      // Act
      await checkRedeemable(deps, partner, check(IN_TIER, { issueOtp: true }));
      await checkRedeemable(deps, partner, check(OTHER_TIER, { issueOtp: true }));
      await checkRedeemable(deps, partner, check(IN_TIER, { validationCode: '123456' }));
      await checkRedeemable(deps, partner, check(OTHER_TIER, { validationCode: '123456' }));

      // Assess
      const [issuedInTier, issuedOther] = validationCodes.issued.map((issued) => issued.otp[field]);
      const [verifiedInTier, verifiedOther] = validationCodes.verified.map((verified) => verified.otp[field]);
      expect([issuedInTier, verifiedInTier]).toEqual([otp?.[field], otp?.[field]]);
      expect([issuedOther, verifiedOther]).toEqual([DEFAULT_OTP_RULES[field], DEFAULT_OTP_RULES[field]]);
    });
  });

  it("uses the customer's tier in the program checked, not in another program", async () => {
    // Prepare
    const validationCodes = new ScriptedValidationCodes();
    const deps = {
      programs: new InMemoryProgramCatalog([program(1, baseRules), program(2, { ...baseRules, tiers: { T: { maxPointsPerRedemption: 50 } } })]),
      customers: new InMemoryCustomerDirectory([customer(IN_TIER, { programs: { '1': { ...balances, tier: 'T' }, '2': { ...balances, tier: 'OTHER' } } })]),
      groups: new InMemoryGroupDirectory([]),
      validationCodes,
    };

    // Act
    const inProgram2 = await checkRedeemable(deps, partner, check(IN_TIER, { programId: 2 }));

    // Assess
    expect(inProgram2.status.code).toBe(800);
  });

  it('a tier may enable redemption in a program that disables it for everyone else', async () => {
    // Prepare
    const { deps } = setup({ redemptionEnabled: true }, { rules: { redemptionEnabled: false } });

    // Act
    const inTier = await checkRedeemable(deps, partner, check(IN_TIER));
    const otherTier = await checkRedeemable(deps, partner, check(OTHER_TIER));

    // Assess
    expect([inTier.status.code, otherTier.status.code]).toEqual([800, 827]);
  });
});
