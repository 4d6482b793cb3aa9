import Big from 'big.js';
import { MAX_POINTS } from '../bounds';

/**
 * Money arithmetic on decimal strings: point values have up to 10 decimals, and binary floating
 * point would make 0.1 + 0.2 points worth 0.30000000000000004.
 */
const Decimal = Big();

Decimal.DP = 30;
Decimal.RM = Decimal.roundDown;

/** points x value per point, rounded half-up to 2 decimals (the contract's `points_redeem_value`). */
export function redeemValue(points: number, pointValue: string): number {
  return Number(new Decimal(points).times(pointValue).round(2, Decimal.roundHalfUp).toFixed(2));
}

/**
 * Money -> points at the given value per point. Rounds down: never more points than the money covers.
 * Returns 0 when the money is worth less than one point, and may return more than MAX_POINTS (the
 * caller refuses such an amount, 801).
 */
export function pointsForCurrency(currencyValue: string, pointValue: string): number {
  return safeWhole(new Decimal(currencyValue).div(pointValue).round(0, Decimal.roundDown));
}

/** The canonical text of a decimal ("0.50" -> "0.5"), as the contract's `points_currency_ratio`. */
export function canonicalDecimal(value: string): string {
  return new Decimal(value).toFixed();
}

/**
 * Cross-program redemption, points of one program -> the fewest points of another that are worth at
 * least as much: rounds up, so the org is never paid less than the value redeemed. The division is
 * exact to 30 decimals, and a point value has at most 10, so a quotient that is not a whole number
 * is never truncated onto one. May return more than MAX_POINTS (the caller refuses the amount, 801).
 */
export function pointsToCover(points: number, pointValue: string, payingPointValue: string): number {
  return safeWhole(new Decimal(points).times(pointValue).div(payingPointValue).round(0, Decimal.roundUp));
}

/**
 * Cross-program redemption, a balance of one program -> the most points of another it is worth:
 * rounds down, so a balance never counts for more than it is worth. At most MAX_POINTS (ours): a
 * balance worth more counts as MAX_POINTS, which changes no answer (no amount asked and no rule's
 * limit is larger) and keeps every answer's points within the contract's int.
 */
export function pointsWorth(points: number, pointValue: string, inPointValue: string): number {
  return Math.min(MAX_POINTS, safeWhole(new Decimal(points).times(pointValue).div(inPointValue).round(0, Decimal.roundDown)));
}

/**
 * A whole Big as a number, capped at 2^53 - 1. Balances and requests are at most 2^31, so an amount
 * past the cap compares the same way it would uncapped: the cap never changes an answer, only what
 * is reported for such an amount.
 */
function safeWhole(value: Big): number {
  return value.gt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value.toFixed(0));
}
