import type { Partner, ProgramMembership, ProgramRules } from '../../../../functions/core/model';
import { checkRedeemable } from '../../../../functions/core/use-cases/check-redeemable';
import type { RedemptionCheckRequest } from '../../../../functions/core/use-cases/redemption-request';
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
const rewards: Partial<ProgramRules> = {
  ...DEMO_REWARDS_RULES,
  tiers: DEMO_TIERS,
  groupRedemption: { enabled: true, maxPointsPerRedemption: 1000 },
};
const balance = (currentPoints: number, extra: Partial<ProgramMembership> = {}): ProgramMembership => ({
  registered: true,
  currentPoints,
  lifetimePoints: 5000,
  lifetimePurchases: 50000,
  ...extra,
});

function setup() {
  const validationCodes = new ScriptedValidationCodes();
  const customers = [
    customer(1001, { programs: { '1': balance(500, { tier: 'SILVER' }), '4': balance(1000), '6': balance(0), '7': balance(8) } }),
    customer(1002, { programs: { '1': balance(800, { tier: 'GOLD' }), '4': balance(1001) } }),
    customer(1003, { fraudStatus: 'CONFIRMED', programs: { '1': balance(900), '4': balance(5000) } }),
    customer(1004, { programs: { '1': balance(5000), '4': balance(10) } }),
    customer(1005, { programs: { '1': balance(500) } }),
    customer(1006, { programs: { '4': balance(1000) } }),
    customer(1007, { programs: { '1': balance(500), '4': balance(1000, { tier: 'PARTNER' }) } }),
    customer(1008, { fraudStatus: 'INTERNAL', programs: { '1': balance(500), '4': balance(1000) } }),
  ];
  const deps = {
    programs: new InMemoryProgramCatalog([
      program(1, rewards, { earnProgramId: 4 }),
      program(3, { multipleOf: 10 }),
      program(4, { pointValue: '0.25', tiers: { PARTNER: { pointValue: '0.3' } }, blockedFraudStatuses: ['CONFIRMED', 'INTERNAL'] }),
      program(6, { pointValue: '0.3' }, { earnProgramId: 7 }),
      program(7, { pointValue: '0.25' }),
    ]),
    customers: new InMemoryCustomerDirectory(customers),
    groups: new InMemoryGroupDirectory([
      group(501, { programs: { '1': { currentPoints: 2000, lifetimePoints: 5000, lifetimePurchases: 60000 }, '4': { currentPoints: 4000, lifetimePoints: 8000, lifetimePurchases: 60000 } } }),
    ]),
    validationCodes,
  };
  return { deps, validationCodes };
}

const crossProgram = (customerId: number, points = 100, extra: Partial<RedemptionCheckRequest> = {}): RedemptionCheckRequest => ({
  identifier: { type: 'id', value: String(customerId) },
  programId: 1,
  amount: { kind: 'points', points },
  issueOtp: false,
  skipValidation: false,
  groupRedemption: true,
  ...extra,
});

describe('cross-program redemption (group_redemption=true)', () => {
  it('800: points earned in the linked program are redeemed under the named program\'s rules', async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, crossProgram(1001, 200));

    // Assess
    expect(result).toMatchObject({
      redeemable: true,
      status: { code: 800 },
      programId: 1,
      points: 200,
      valuation: { pointValue: '0.5', redeemValue: 100 },
      earnedIn: { programId: 4, points: 400, pointValue: '0.25' },
    });
  });

  it("the earn program's balance decides, not the named program's", async () => {
    // Prepare
    const { deps } = setup();

    // Act: 1004 holds 5000 points in program 1 but only 10 in program 4 (worth 5 points of program 1)
    const linked = await checkRedeemable(deps, partner, crossProgram(1004, 100));
    const own = await checkRedeemable(deps, partner, crossProgram(1004, 100, { groupRedemption: false }));

    // Assess
    expect(linked.status.code).toBe(804);
    expect(linked.explanation?.failedChecks.map((c) => c.code)).toEqual([804, 818]);
    expect(own.status.code).toBe(800);
  });

  it("the named program's rules apply with the customer's tier in it", async () => {
    // Prepare
    const { deps } = setup();

    // Act: GOLD in program 1: maximum 500, point value 0.75; 1001 points in program 4 are worth 333 points of program 1
    const passing = await checkRedeemable(deps, partner, crossProgram(1002, 330));
    const tooMany = await checkRedeemable(deps, partner, crossProgram(1002, 340));

    // Assess
    expect(passing).toMatchObject({ status: { code: 800 }, valuation: { pointValue: '0.75', redeemValue: 247.5 }, earnedIn: { points: 990 } });
    expect(tooMany.status.code).toBe(818);
    expect(tooMany.explanation?.failedChecks).toEqual([expect.objectContaining({ code: 818, limit: 333, actual: 340 })]);
    expect(tooMany.explanation?.nearest).toEqual({ below: 330 });
  });

  it('rounds in the org\'s favour: the points taken are worth at least the value redeemed, the balance counts for no more than it is worth', async () => {
    // Prepare
    const { deps } = setup();

    // Act: program 6 (0.3 per point) redeems program 7 (0.25 per point); the customer holds 8 points of 7 (worth 2.00)
    const six = await checkRedeemable(deps, partner, crossProgram(1001, 6, { programId: 6 }));
    const seven = await checkRedeemable(deps, partner, crossProgram(1001, 7, { programId: 6 }));

    // Assess: 6 x 0.3 = 1.80 takes 7.2 -> 8 points; 7 x 0.3 = 2.10 would take 8.4 -> 9 > 8
    expect(six).toMatchObject({ status: { code: 800 }, valuation: { redeemValue: 1.8 }, earnedIn: { programId: 7, points: 8, pointValue: '0.25' } });
    expect(seven).toMatchObject({ status: { code: 818 }, earnedIn: { points: 9 } });
    expect(seven.explanation?.failedChecks).toEqual([expect.objectContaining({ code: 818, limit: 6 })]);
  });

  it("the earn program's point value is the customer's tier's there", async () => {
    // Prepare
    const { deps } = setup();

    // Act: PARTNER tier in program 4 values its points at 0.3
    const result = await checkRedeemable(deps, partner, crossProgram(1007, 100));

    // Assess: 100 x 0.5 = 50 takes 50 / 0.3 = 166.67 -> 167 points
    expect(result).toMatchObject({ status: { code: 800 }, earnedIn: { programId: 4, points: 167, pointValue: '0.3' } });
  });

  it('898: the named program redeems no other program\'s points', async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, crossProgram(1001, 100, { programId: 3 }));

    // Assess
    expect(result).toMatchObject({ redeemable: false, status: { code: 898 } });
    expect(result.earnedIn).toBeUndefined();
  });

  it('898: a linked program outside the credential\'s grant counts as no link', async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, { ...partner, programIds: [1] }, crossProgram(1001, 100));

    // Assess
    expect(result.status.code).toBe(898);
  });

  it('881: the customer must be registered in the earn program; the named program is not needed', async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const notInEarn = await checkRedeemable(deps, partner, crossProgram(1005, 100));
    const notInRedeem = await checkRedeemable(deps, partner, crossProgram(1006, 100));

    // Assess
    expect(notInEarn.status.code).toBe(881);
    expect(notInEarn.explanation?.failedChecks[0]?.message).toBe('Customer is not registered into program 4, whose points program 1 redeems');
    expect(notInRedeem).toMatchObject({ status: { code: 800 }, valuation: { pointValue: '0.5' } });
  });

  it.each<[string, number, Partial<RedemptionCheckRequest>]>([
    ['a linked program and enough points', 1003, {}],
    ['a program with no link', 1003, { programId: 3 }],
    ["a status only the earn program's rules block", 1008, {}],
  ])('809 whatever else is true: %s', async (_case, customerId, extra) => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, crossProgram(customerId, 100, extra));

    // Assess
    expect(result.status.code).toBe(809);
    expect(result.earnedIn).toBeUndefined();
    expect(result.customer).toEqual({ mobile: '', email: '', externalId: '' });
  });

  it("without group_redemption the earn program's fraud rules are not consulted", async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, crossProgram(1008, 100, { groupRedemption: false }));

    // Assess
    expect(result.status.code).toBe(800);
  });

  it("currency input is converted at the named program's point value", async () => {
    // Prepare
    const { deps } = setup();

    // Act
    const result = await checkRedeemable(deps, partner, crossProgram(1001, 0, { amount: { kind: 'currency', currencyValue: '75.9' } }));

    // Assess: 75.9 / 0.5 = 151.8 -> 151 points, not a multiple of 10
    expect(result).toMatchObject({ points: 151, status: { code: 807 }, earnedIn: { points: 302 } });
  });

  it("with a group: the group's balance in the earn program, under the group rules", async () => {
    // Prepare
    const { deps } = setup();

    // Act: 4000 points of program 4 are worth 2000 of program 1; the group maximum is 1000
    const result = await checkRedeemable(deps, partner, crossProgram(1001, 1000, { group: { by: 'id', groupId: 501 } }));

    // Assess
    expect(result).toMatchObject({
      status: { code: 800 },
      group: { id: 501 },
      valuation: { pointValue: '0.5', redeemValue: 500 },
      earnedIn: { programId: 4, points: 2000, pointValue: '0.25' },
    });
  });

  it('the validation code is bound to the named program and the amount in its points', async () => {
    // Prepare
    const { deps, validationCodes } = setup();

    // Act
    await checkRedeemable(deps, partner, crossProgram(1001, 100, { issueOtp: true }));

    // Assess
    expect(validationCodes.issued).toEqual([expect.objectContaining({ customerId: 1001, programId: 1, points: 100 })]);
  });
});
