import fc from 'fast-check';
import type { Partner, ProgramRules } from '../../../../functions/core/model';
import { MAX_POINTS } from '../../../../functions/core/bounds';
import { checkRedeemable } from '../../../../functions/core/use-cases/check-redeemable';
import type { RedemptionCheckRequest } from '../../../../functions/core/use-cases/redemption-request';
import { redemptionCheckAnswer } from '../../../../functions/http/answers/redemption-check-answer';
import { customer, group, InMemoryCustomerDirectory, InMemoryGroupDirectory, InMemoryProgramCatalog, program, ScriptedValidationCodes } from '../../../support/in-memory-ports';

/**
 * Whatever converts money or another program's points into points, no answer carries more than
 * 2147483647 points (the contract's int), and an amount over it is 801 naming the parameter that
 * gave it (README, "Currency input" and "Cross-program redemption").
 */
const partner: Partner = { orgId: 'demo', keyLabel: 'pos' };
const plenty = { registered: true, currentPoints: MAX_POINTS, lifetimePoints: MAX_POINTS, lifetimePurchases: 999_999_999_999 };

function deps(named: Partial<ProgramRules>, earn: Partial<ProgramRules>, groupPoints = MAX_POINTS) {
  const pooled = { currentPoints: groupPoints, lifetimePoints: groupPoints, lifetimePurchases: 1 };
  return {
    programs: new InMemoryProgramCatalog([program(1, { ...named, groupRedemption: { enabled: true } }, { earnProgramId: 4 }), program(4, earn)]),
    customers: new InMemoryCustomerDirectory([customer(1001, { programs: { '1': { ...plenty, tier: 'T' }, '4': { ...plenty, tier: 'T' } } })]),
    groups: new InMemoryGroupDirectory([group(501, { programs: { '1': pooled, '4': pooled } })]),
    validationCodes: new ScriptedValidationCodes(),
  };
}

const request = (extra: Partial<RedemptionCheckRequest>): RedemptionCheckRequest => ({
  identifier: { type: 'id', value: '1001' },
  programId: 1,
  amount: { kind: 'points', points: 100 },
  issueOtp: false,
  skipValidation: false,
  groupRedemption: false,
  ...extra,
});

/** Every field of the answer's item that holds points (not money: `limit`/`actual` of 806 are purchases). */
function pointsFields(item: any): number[] {
  const explanation = item.explanation ?? {};
  const checks = (explanation.failed_checks ?? []).filter((check: { code: number }) => check.code !== 806);
  return [
    item.points,
    item.group_redemption?.earn_points,
    ...checks.flatMap((check: { limit?: number; actual?: number }) => [check.limit, check.actual]),
    ...Object.values(explanation.redeemable_range ?? {}),
    ...Object.values(explanation.nearest_redeemable_points ?? {}),
  ].filter((value): value is number => typeof value === 'number');
}

const answerItem = async (named: Partial<ProgramRules>, earn: Partial<ProgramRules>, extra: Partial<RedemptionCheckRequest>) =>
  (redemptionCheckAnswer(await checkRedeemable(deps(named, earn), partner, request(extra))).body as any).response.points.redeemable;

describe('points stay within 2147483647 on every path', () => {
  it('money worth more than 2147483647 points is 801 naming currency_value, with 0 points in the answer', async () => {
    const item = await answerItem({ pointValue: '0.25' }, {}, { amount: { kind: 'currency', currencyValue: '600000000' } });

    expect(item).toMatchObject({ is_redeemable: 'false', item_status: { code: 801 }, invalid_parameter: 'currency_value', points: 0, currency_value: '600000000' });
    expect(item.explanation.failed_checks).toEqual([{ code: 801, rule: 'currency_value', message: 'currency_value: 600000000 at 0.25 per point is more than 2147483647 points' }]);
  });

  it('a tiny point value: 1 in money is 10^10 points, 801', async () => {
    const item = await answerItem({ pointValue: '0.0000000001' }, {}, { amount: { kind: 'currency', currencyValue: '1' } });

    expect(item).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'currency_value', points: 0 });
  });

  it("the tier's point value is the one that converts: within bounds for the program, over them for the tier, 801", async () => {
    const item = await answerItem({ pointValue: '1', tiers: { T: { pointValue: '0.0001' } } }, {}, { amount: { kind: 'currency', currencyValue: '1000000' } });

    expect(item).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'currency_value', points: 0, program_id: 1 });
  });

  it("over the bounds at the program's point value but within them at the tier's: the tier's applies, and the check passes", async () => {
    const item = await answerItem({ pointValue: '0.0001', tiers: { T: { pointValue: '1' } } }, {}, { amount: { kind: 'currency', currencyValue: '1000000' } });

    expect(item).toMatchObject({ item_status: { code: 800 }, points: 1_000_000, points_currency_ratio: '1' });
  });

  it('an earlier refusal (816) shows 0 points for money the program values at more than 2147483647', async () => {
    const item = await answerItem({ pointValue: '0.0001' }, {}, { identifier: { type: 'id', value: '4242' }, amount: { kind: 'currency', currencyValue: '1000000' } });

    expect(item).toMatchObject({ item_status: { code: 816 }, points: 0 });
  });

  it('cross-program: an amount taking more than 2147483647 earn points is 801 naming points', async () => {
    const item = await answerItem({ pointValue: '1' }, { pointValue: '0.1' }, { amount: { kind: 'points', points: 300_000_000 }, groupRedemption: true });

    expect(item).toMatchObject({ item_status: { code: 801 }, invalid_parameter: 'points', points: 300_000_000 });
    expect(item.group_redemption).toBeUndefined();
  });

  it('cross-program: a balance worth more than 2147483647 points counts as 2147483647 in the explanation', async () => {
    const item = await answerItem({ pointValue: '0.1' }, { pointValue: '1' }, { amount: { kind: 'points', points: 7 }, groupRedemption: true });

    expect(item.item_status.code).toBe(800);
    const failed = await answerItem({ pointValue: '0.1', multipleOf: 10 }, { pointValue: '1' }, { amount: { kind: 'points', points: 7 }, groupRedemption: true });
    expect(failed.explanation.redeemable_range).toEqual({ min: 10, max: 2_147_483_640, multiple_of: 10 });
  });

  it('property: no points field of any answer exceeds 2147483647; an over-large amount is 801 naming its parameter', async () => {
    const pointValue = fc.oneof(
      fc.constantFrom('1', '0.5', '0.25', '0.0000000001', '0.0001', '100', '999999999999'),
      fc.integer({ min: 1, max: 10_000_000 }).map((n) => (n / 1_000_000).toString()),
    );
    const amount = fc.oneof(
      fc.integer({ min: 1, max: MAX_POINTS }).map((points) => ({ kind: 'points' as const, points })),
      fc.constantFrom('0.5', '1', '1000', '600000000', '999999999999.9999999999').map((currencyValue) => ({ kind: 'currency' as const, currencyValue })),
    );
    const rules = fc.record({ pointValue, multipleOf: fc.constantFrom(1, 10, 999_999_999), maxPointsPerRedemption: fc.constantFrom(null, 200, 1_000_000_000) });
    await fc.assert(
      fc.asyncProperty(rules, pointValue, pointValue, amount, fc.boolean(), fc.boolean(), async (named, tierValue, earnValue, asked, cross, pooled) => {
        const item = await answerItem(
          { ...named, tiers: { T: { pointValue: tierValue } } },
          { pointValue: earnValue },
          { amount: asked, groupRedemption: cross, ...(pooled && { group: { by: 'id', groupId: 501 } }) },
        );

        expect(pointsFields(item).every((points) => Number.isSafeInteger(points) && points >= 0 && points <= MAX_POINTS)).toBe(true);
        if (item.item_status.code === 801) expect(item.invalid_parameter).toBe(asked.kind === 'points' ? 'points' : 'currency_value');
      }),
      { numRuns: 500 },
    );
  });
});
