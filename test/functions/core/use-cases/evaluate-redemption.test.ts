import type { Partner, ProgramMembership, ProgramRules } from '../../../../functions/core/model';
import { evaluateRedemption } from '../../../../functions/core/use-cases/evaluate-redemption';
import type { RedemptionCheckRequest } from '../../../../functions/core/use-cases/redemption-request';
import { customer, DEMO_REWARDS_RULES, group, InMemoryCustomerDirectory, InMemoryGroupDirectory, InMemoryProgramCatalog, program } from '../../../support/in-memory-ports';

/** The decision a redemption commits: the exact item whose balance was read, and what it would take from it. */
const partner: Partner = { orgId: 'demo', keyLabel: 'pos' };
const rewards: Partial<ProgramRules> = { ...DEMO_REWARDS_RULES, groupRedemption: { enabled: true, maxPointsPerRedemption: 1000 } };
const membership = (currentPoints: number): ProgramMembership => ({ registered: true, currentPoints, lifetimePoints: 5000, lifetimePurchases: 50000 });

const deps = {
  programs: new InMemoryProgramCatalog([
    program(1, rewards, { earnProgramId: 4 }),
    program(3, { multipleOf: 10, otp: { ...program(3).rules.otp, required: true, allowSkipValidation: false } }),
    program(4, { pointValue: '0.25' }),
  ]),
  customers: new InMemoryCustomerDirectory([customer(1001, { programs: { '1': membership(500), '3': membership(500), '4': membership(1000) } })]),
  groups: new InMemoryGroupDirectory([
    group(501, { programs: { '1': { currentPoints: 2000, lifetimePoints: 5000, lifetimePurchases: 60000 }, '4': { currentPoints: 4000, lifetimePoints: 8000, lifetimePurchases: 60000 } } }),
  ]),
};
const request = (extra: Partial<RedemptionCheckRequest> = {}): RedemptionCheckRequest => ({
  identifier: { type: 'id', value: '1001' },
  programId: 1,
  amount: { kind: 'points', points: 100 },
  issueOtp: false,
  skipValidation: false,
  groupRedemption: false,
  ...extra,
});

async function evaluated(extra: Partial<RedemptionCheckRequest> = {}) {
  const decision = await evaluateRedemption(deps, partner, request(extra));
  if (decision.kind !== 'evaluated') throw new Error(`refused: ${decision.result.status.code}`);
  return decision;
}

describe('evaluating a redemption: the decision a check answers and a redemption commits', () => {
  it("a plain redemption reads and debits the customer's own balance in the named program", async () => {
    const decision = await evaluated();
    expect(decision.debit).toMatchObject({ holder: { kind: 'customer', customerId: 1001 }, programId: 1, points: 100, balance: { currentPoints: 500 } });
    expect(decision.amount.violations).toEqual([]);
    expect(decision.code).toEqual({ kind: 'none' });
  });

  it("a group redemption debits the group's item, naming the member who redeems", async () => {
    const decision = await evaluated({ group: { by: 'id', groupId: 501 }, amount: { kind: 'points', points: 500 } });
    expect(decision.debit).toMatchObject({ holder: { kind: 'group', groupId: 501, memberId: 1001 }, programId: 1, points: 500, balance: { currentPoints: 2000 } });
  });

  it('a cross-program redemption debits the earn program, in its points, rounded in the org’s favour', async () => {
    // 100 points at 0.5 are worth 50; at 0.25 per earn point that is 200 earn points.
    const decision = await evaluated({ groupRedemption: true });
    expect(decision.debit).toMatchObject({ holder: { kind: 'customer', customerId: 1001 }, programId: 4, points: 200, balance: { currentPoints: 1000 } });
    expect(decision.summary.earnedIn).toEqual({ programId: 4, points: 200, pointValue: '0.25' });
  });

  it("a group's cross-program redemption debits the group's balance in the earn program", async () => {
    const decision = await evaluated({ groupRedemption: true, group: { by: 'id', groupId: 501 }, amount: { kind: 'points', points: 30 } });
    expect(decision.debit).toMatchObject({ holder: { kind: 'group', groupId: 501 }, programId: 4, points: 60, balance: { currentPoints: 4000 } });
  });

  it('keeps every broken amount rule without deciding the verdict, and says what the code needs', async () => {
    const decision = await evaluated({ amount: { kind: 'points', points: 205 } });
    expect(decision.amount.violations.map((v) => v.code)).toEqual([819, 807]);
    const secure = await evaluated({ programId: 3 });
    expect(secure.code).toMatchObject({ kind: 'missing', violation: { code: 808 } });
    const withCode = await evaluated({ programId: 3, validationCode: '123456' });
    expect(withCode.code).toMatchObject({ kind: 'verify', request: { orgId: 'demo', customerId: 1001, programId: 3, points: 100, code: '123456' } });
  });

  it('a gate refusal is final, with the answer it makes', async () => {
    const decision = await evaluateRedemption(deps, partner, request({ identifier: { type: 'id', value: '4242' } }));
    expect(decision).toMatchObject({ kind: 'refused', result: { redeemable: false, status: { code: 816 } } });
  });
});
