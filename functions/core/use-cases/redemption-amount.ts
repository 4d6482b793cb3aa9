import type { RedemptionRules } from '../model';
import { MAX_POINTS } from '../bounds';
import { canonicalDecimal, pointsForCurrency, redeemValue } from '../rules/point-value';
import type { RedemptionAmount } from './redemption-request';

/** An amount in points, or why it cannot be one: it is more than the contract's int holds (801, naming the parameter). */
export type PointsAmount =
  | { readonly ok: true; readonly points: number }
  | { readonly ok: false; readonly parameter: string; readonly message: string };

/**
 * The amount in points under these rules: as given, or the money converted at the rules' point
 * value (the tier's, or the group rules'), rounded down. Money worth more than MAX_POINTS points is
 * refused, naming `currency_value` (ours: README, "Currency input").
 */
export function pointsOf(rules: RedemptionRules, amount: RedemptionAmount): PointsAmount {
  if (amount.kind === 'points') return { ok: true, points: amount.points };
  const points = pointsForCurrency(amount.currencyValue, rules.pointValue);
  if (points <= MAX_POINTS) return { ok: true, points };
  const value = canonicalDecimal(rules.pointValue);
  return tooMany('currency_value', `${amount.currencyValue} at ${value} per point is more than ${MAX_POINTS} points`);
}

/**
 * Cross-program: the earn-program points an amount takes must fit the contract's int too; more is
 * refused, naming the parameter that gave the amount (ours: README, "Cross-program redemption").
 */
export function earnPointsWithinBounds(amount: RedemptionAmount, earnPoints: number, earnProgramId: number): PointsAmount {
  if (earnPoints <= MAX_POINTS) return { ok: true, points: earnPoints };
  const parameter = amount.kind === 'points' ? 'points' : 'currency_value';
  return tooMany(parameter, `the amount takes more than ${MAX_POINTS} points of program ${earnProgramId}`);
}

/**
 * The points an answer shows before the rules that convert the amount are known (a refusal by an
 * earlier gate): as converted under these rules, or 0 for money worth more than MAX_POINTS points.
 */
export function shownPoints(rules: RedemptionRules, amount: RedemptionAmount): number {
  const points = pointsOf(rules, amount);
  return points.ok ? points.points : 0;
}

/** The answer's valuation of `points` under these rules: the ratio and `points_redeem_value`. */
export function valued(rules: RedemptionRules, points: number) {
  return { points, valuation: { pointValue: canonicalDecimal(rules.pointValue), redeemValue: redeemValue(points, rules.pointValue) } };
}

function tooMany(parameter: string, message: string): PointsAmount {
  return { ok: false, parameter, message: `${parameter}: ${message}` };
}
