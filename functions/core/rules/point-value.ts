import Big from 'big.js';

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
 * Returns 0 when the money is worth less than one point.
 */
export function pointsForCurrency(currencyValue: string, pointValue: string): number {
  return Number(new Decimal(currencyValue).div(pointValue).round(0, Decimal.roundDown).toFixed(0));
}

/** The canonical text of a decimal ("0.50" -> "0.5"), as the contract's `points_currency_ratio`. */
export function canonicalDecimal(value: string): string {
  return new Decimal(value).toFixed();
}
