import { ItemCode } from '../item-codes';
import type { PointsBalance, RedemptionRules } from '../model';

/** One rule a request breaks, with the limit it broke (extra, beyond the single Capillary item status). */
export interface RuleViolation {
  readonly code: ItemCode;
  readonly rule: string;
  readonly message: string;
  /** The configured limit, when the rule has one. */
  readonly limit?: number;
  /** The customer's or request's value that broke it. */
  readonly actual?: number;
}

/** The amounts that would pass right now: every multiple of `multipleOf` in [min, max]. */
export interface RedeemableRange {
  readonly min: number;
  readonly max: number;
  readonly multipleOf: number;
}

export interface AmountEvaluation {
  /** In the reference order: minimum, maximum, eligibility (current, lifetime, purchases), multiple, balance. */
  readonly violations: readonly RuleViolation[];
  /** Undefined when no amount at all would pass (the customer is not eligible, or the limits exclude every amount). */
  readonly range?: RedeemableRange;
  /** When the amount fails: the nearest amounts that would pass, below and above it. */
  readonly nearest?: { readonly below?: number; readonly above?: number };
}

/**
 * Checks an amount of points against the rules and the balances (a customer's, or a group's). Pure: the gates that
 * come before it (program enabled, customer found, fraud, registration, validation code) are the
 * use case's.
 */
export function evaluateAmount(rules: RedemptionRules, membership: PointsBalance, points: number): AmountEvaluation {
  const violations: RuleViolation[] = [];
  const add = (violation: RuleViolation) => violations.push(violation);
  const max = rules.maxPointsPerRedemption;

  if (points < rules.minPoints) {
    add({ code: ItemCode.BELOW_MINIMUM, rule: 'minPoints', limit: rules.minPoints, actual: points, message: `Points are less than the minimum redemption limit of ${rules.minPoints}` });
  }
  if (max !== null && points > max) {
    add({ code: ItemCode.ABOVE_MAXIMUM, rule: 'maxPointsPerRedemption', limit: max, actual: points, message: `Points are more than the maximum of ${max} allowed per redemption` });
  }
  const eligible = eligibilityViolations(rules, membership);
  eligible.forEach(add);
  if (points % rules.multipleOf !== 0) {
    add({ code: ItemCode.NOT_A_MULTIPLE, rule: 'multipleOf', limit: rules.multipleOf, actual: points, message: `Points must be a multiple of ${rules.multipleOf}` });
  }
  if (membership.currentPoints < points) {
    add({ code: ItemCode.BALANCE_TOO_LOW, rule: 'currentPoints', limit: membership.currentPoints, actual: points, message: `Current points (${membership.currentPoints}) are less than the ${points} points requested` });
  }

  const range = eligible.length === 0 ? redeemableRange(rules, membership.currentPoints) : undefined;
  const nearest = violations.length > 0 && range ? nearestAmounts(range, points) : undefined;
  return { violations, ...(range && { range }), ...(nearest && { nearest }) };
}

function eligibilityViolations(rules: RedemptionRules, m: PointsBalance): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (m.currentPoints < rules.minCurrentPoints) {
    out.push({ code: ItemCode.INSUFFICIENT_CURRENT_POINTS, rule: 'minCurrentPoints', limit: rules.minCurrentPoints, actual: m.currentPoints, message: `Insufficient current points: at least ${rules.minCurrentPoints} are needed to redeem` });
  }
  if (m.lifetimePoints < rules.minLifetimePoints) {
    out.push({ code: ItemCode.INSUFFICIENT_LIFETIME_POINTS, rule: 'minLifetimePoints', limit: rules.minLifetimePoints, actual: m.lifetimePoints, message: `Insufficient lifetime points: at least ${rules.minLifetimePoints} are needed to redeem` });
  }
  if (m.lifetimePurchases < rules.minLifetimePurchases) {
    out.push({ code: ItemCode.INSUFFICIENT_LIFETIME_PURCHASES, rule: 'minLifetimePurchases', limit: rules.minLifetimePurchases, actual: m.lifetimePurchases, message: `Insufficient lifetime purchases amount: at least ${rules.minLifetimePurchases} is needed to redeem` });
  }
  return out;
}

function redeemableRange(rules: RedemptionRules, currentPoints: number): RedeemableRange | undefined {
  const step = rules.multipleOf;
  const min = Math.ceil(Math.max(rules.minPoints, 1) / step) * step;
  const ceiling = rules.maxPointsPerRedemption === null ? currentPoints : Math.min(rules.maxPointsPerRedemption, currentPoints);
  const max = Math.floor(ceiling / step) * step;
  return min <= max ? { min, max, multipleOf: step } : undefined;
}

function nearestAmounts(range: RedeemableRange, points: number): { below?: number; above?: number } {
  const step = range.multipleOf;
  const below = Math.min(range.max, Math.floor(points / step) * step);
  const above = Math.max(range.min, Math.ceil(points / step) * step);
  return {
    ...(below >= range.min && below !== points && { below }),
    ...(above <= range.max && above !== points && { above }),
  };
}
