import Big from 'big.js';
import fc from 'fast-check';
import { MAX_POINTS } from '../../../../functions/core/bounds';
import { pointsToCover, pointsWorth } from '../../../../functions/core/rules/point-value';

/** A point value as configured: up to 12 digits before the point and 10 after, greater than 0. */
const pointValue = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 10 }), fc.bigInt({ min: 0n, max: 9_999_999_999n }))
  .map(([whole, decimals, fraction]) => (decimals === 0 ? String(whole) : `${whole}.${String(fraction).padStart(10, '0').slice(0, decimals)}`))
  .filter((value) => Number(value) > 0);
const points = fc.integer({ min: 0, max: 2_147_483_647 });

describe('cross-program conversion', () => {
  it('pointsToCover: 7 points at 0.3 (2.10) take 9 points at 0.25 (2.25), never 8 (2.00)', () => {
    // Act
    const taken = pointsToCover(7, '0.3', '0.25');

    // Assess
    expect(taken).toBe(9);
  });

  it('pointsWorth: 8 points at 0.25 (2.00) are worth 6 points at 0.3 (1.80), never 7 (2.10)', () => {
    // Act
    const worth = pointsWorth(8, '0.25', '0.3');

    // Assess
    expect(worth).toBe(6);
  });

  it('exact ratios convert exactly, without binary floating point error (0.1 x 3 = 0.3)', () => {
    // Act
    const results = [pointsToCover(3, '0.1', '0.3'), pointsWorth(3, '0.1', '0.3'), pointsToCover(100, '0.5', '0.25'), pointsWorth(1001, '0.25', '0.75')];

    // Assess
    expect(results).toEqual([1, 1, 200, 333]);
  });

  it('property: the points taken are the fewest worth at least the value redeemed', () => {
    fc.assert(
      fc.property(points, pointValue, pointValue, (redeemed, redeemValue, earnValue) => {
        // Act
        const taken = pointsToCover(redeemed, redeemValue, earnValue);

        // Assess
        const value = new Big(redeemed).times(redeemValue);
        if (value.div(earnValue).gt(Number.MAX_SAFE_INTEGER)) return expect(taken).toBe(Number.MAX_SAFE_INTEGER); // more than any balance
        expect(new Big(taken).times(earnValue).gte(value)).toBe(true);
        if (taken > 0) expect(new Big(taken - 1).times(earnValue).lt(value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a balance counts for the most points it is worth, never more (and never more than 2147483647)', () => {
    fc.assert(
      fc.property(points, pointValue, pointValue, (held, earnValue, redeemValue) => {
        // Act
        const worth = pointsWorth(held, earnValue, redeemValue);

        // Assess
        const value = new Big(held).times(earnValue);
        if (value.div(redeemValue).gte(MAX_POINTS)) return expect(worth).toBe(MAX_POINTS); // as much as any request, within the contract's int
        expect(new Big(worth).times(redeemValue).lte(value)).toBe(true);
        expect(new Big(worth + 1).times(redeemValue).gt(value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: what a balance is worth can always be paid from that balance', () => {
    fc.assert(
      fc.property(points, pointValue, pointValue, (held, earnValue, redeemValue) => {
        // Act
        const taken = pointsToCover(pointsWorth(held, earnValue, redeemValue), redeemValue, earnValue);

        // Assess
        expect(taken).toBeLessThanOrEqual(held);
      }),
      { numRuns: 2000 },
    );
  });
});
