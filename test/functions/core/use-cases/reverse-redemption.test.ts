import { restoredAfter } from '../../../../functions/core/use-cases/reverse-redemption';

/** What each reversal gives back: its share of what left the balance, never more in all than was taken. */
describe('restoredAfter', () => {
  const redemption = (points: number, debited: number) => ({ points, debit: { holder: { kind: 'customer', customerId: 1 }, programId: 4, points: debited, before: 0, after: 0 } }) as const;

  it('gives back the same points when the balance is in the named program', () => {
    expect([0, 30, 100].map((reversed) => restoredAfter(redemption(100, 100), reversed))).toEqual([0, 30, 100]);
  });

  it('rounds each share down and makes the full reversal exact, whatever the conversion', () => {
    // 3 named points took 5 earn points (rounded up in the org's favour); reversed 1 by 1.
    const shares = [1, 2, 3].map((reversed) => restoredAfter(redemption(3, 5), reversed));
    expect(shares).toEqual([1, 3, 5]);
  });

  it('never exceeds what was debited, for any split of any redemption', () => {
    for (const [points, debited] of [[7, 13], [100, 333], [2_147_483_647, 2_147_483_647], [999, 1]] as const) {
      let previous = 0;
      for (const reversed of [1, Math.floor(points / 3), Math.floor(points / 2), points - 1, points]) {
        const now = restoredAfter(redemption(points, debited), reversed);
        expect(now).toBeGreaterThanOrEqual(previous);
        expect(now).toBeLessThanOrEqual(debited);
        previous = now;
      }
      expect(previous).toBe(debited);
    }
  });
});
