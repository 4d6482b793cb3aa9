import { canonicalDecimal, pointsForCurrency, redeemValue } from '../../../../functions/core/rules/point-value';

describe('point value arithmetic', () => {
  it('values points at the point value, rounded half-up to 2 decimals', () => {
    expect(redeemValue(100, '0.5')).toBe(50);
    expect(redeemValue(3, '0.1')).toBe(0.3);
    expect(redeemValue(1, '0.005')).toBe(0.01);
    expect(redeemValue(1, '0.0049999999')).toBe(0);
    expect(redeemValue(2_147_483_647, '0.0000000001')).toBe(0.21);
  });

  it('converts money to points rounding down: never more points than the money covers', () => {
    expect(pointsForCurrency('5', '0.5')).toBe(10);
    expect(pointsForCurrency('5.24', '0.5')).toBe(10);
    expect(pointsForCurrency('0.3', '0.1')).toBe(3);
    expect(pointsForCurrency('1', '0.3333333333')).toBe(3);
    expect(pointsForCurrency('0.9999999999', '1')).toBe(0);
    expect(pointsForCurrency('1', '0.0000000001')).toBe(10_000_000_000);
  });

  it('does not suffer binary floating point (0.1 + 0.2)', () => {
    expect(pointsForCurrency('0.3', '0.1')).toBe(3);
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('writes the ratio canonically', () => {
    expect(canonicalDecimal('0.50')).toBe('0.5');
    expect(canonicalDecimal('1')).toBe('1');
  });
});
