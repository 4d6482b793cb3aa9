import { evaluateAmount } from '../../../../functions/core/rules/evaluate-amount';
import { DEFAULT_REDEMPTION_RULES } from '../../../../functions/core/rules/defaults';
import type { ProgramMembership, RedemptionRules } from '../../../../functions/core/model';

const rules: RedemptionRules = {
  ...DEFAULT_REDEMPTION_RULES,
  multipleOf: 10,
  minPoints: 20,
  maxPointsPerRedemption: 200,
  minCurrentPoints: 50,
  minLifetimePoints: 100,
  minLifetimePurchases: 1000,
};
const rich: ProgramMembership = { registered: true, currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: 25000 };
const codes = (points: number, membership = rich, r = rules) => evaluateAmount(r, membership, points).violations.map((v) => v.code);

describe('evaluateAmount', () => {
  it('passes an amount inside every limit, with no suggestion', () => {
    const result = evaluateAmount(rules, rich, 100);
    expect(result.violations).toEqual([]);
    expect(result.nearest).toBeUndefined();
    expect(result.range).toEqual({ min: 20, max: 200, multipleOf: 10 });
  });

  it.each([
    [10, [821]],
    [210, [819]],
    [105, [807]],
    [205, [819, 807]],
    [15, [821, 807]],
  ])('%i points breaks %j', (points, expected) => {
    expect(codes(points)).toEqual(expected);
  });

  it('suggests 200 for 205 with multiples of 10 and a maximum of 200', () => {
    expect(evaluateAmount(rules, rich, 205).nearest).toEqual({ below: 200 });
  });

  it('suggests the neighbours of an amount that is not a multiple', () => {
    expect(evaluateAmount(rules, rich, 105).nearest).toEqual({ below: 100, above: 110 });
  });

  it('suggests the minimum for an amount below it', () => {
    expect(evaluateAmount(rules, rich, 5).nearest).toEqual({ above: 20 });
  });

  it('caps the range and the suggestion at the balance (818)', () => {
    const omar = { ...rich, currentPoints: 120 };
    const result = evaluateAmount(rules, omar, 150);
    expect(result.violations.map((v) => v.code)).toEqual([818]);
    expect(result.violations[0]).toMatchObject({ limit: 120, actual: 150 });
    expect(result.range).toEqual({ min: 20, max: 120, multipleOf: 10 });
    expect(result.nearest).toEqual({ below: 120 });
  });

  it.each([
    [{ currentPoints: 30 }, 804],
    [{ lifetimePoints: 60 }, 805],
    [{ lifetimePurchases: 500 }, 806],
  ])('an ineligible customer (%j) gets %i and no amount is suggested', (change, code) => {
    const result = evaluateAmount(rules, { ...rich, ...change }, 20);
    expect(result.violations.map((v) => v.code)).toContain(code);
    expect(result.range).toBeUndefined();
    expect(result.nearest).toBeUndefined();
  });

  it('lists every broken rule in the reference order: minimum, eligibility, multiple, balance', () => {
    const poor = { registered: true, currentPoints: 5, lifetimePoints: 1, lifetimePurchases: 1 };
    expect(codes(15, poor)).toEqual([821, 804, 805, 806, 807, 818]);
  });

  it('with no maximum, the range ends at the balance', () => {
    const open = { ...rules, maxPointsPerRedemption: null };
    expect(evaluateAmount(open, rich, 1000).nearest).toEqual({ below: 500 });
  });

  it('offers no range when the limits exclude every amount', () => {
    const result = evaluateAmount({ ...rules, minPoints: 300, maxPointsPerRedemption: 200 }, rich, 250);
    expect(result.range).toBeUndefined();
    expect(result.violations.map((v) => v.code)).toEqual([821, 819]);
  });
});
