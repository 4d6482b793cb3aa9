import fc from 'fast-check';
import { AdjustmentType } from '../../../../functions/core/ports/adjustment-ledger';
import * as v from 'valibot';
import { MAX_LIFETIME_PURCHASES, MAX_POINTS } from '../../../../functions/core/bounds';
import { adjustBalance, adjustedBalanceOf, canonicalAmount, signedPoints } from '../../../../functions/core/use-cases/adjustment-balance';
import { AmountSchema, PointsSchema } from '../../../../functions/schemas/seed-file/seed-fields';

const before = { currentPoints: 500, lifetimePoints: 1200, lifetimePurchases: '25000' };

describe('the balance after an adjustment', () => {
  it('keeps the bounds the import keeps: what a balance may reach, the import takes, and nothing past it', () => {
    expect(v.is(PointsSchema, MAX_POINTS)).toBe(true);
    expect(v.is(PointsSchema, MAX_POINTS + 1)).toBe(false);
    expect(v.is(AmountSchema, Number(MAX_LIFETIME_PURCHASES))).toBe(true);
    expect(v.is(AmountSchema, 999_999_999_999.998)).toBe(true);
    expect(v.is(AmountSchema, 1_000_000_000_000)).toBe(false);
    expect(v.is(AmountSchema, 0.0001)).toBe(false);
  });

  it('EARN adds to current and lifetime points and to lifetime purchases; the others change current points only', () => {
    expect(adjustBalance(before, { type: 'EARN', points: 150, lifetimePurchases: '37.5' })).toEqual({
      kind: 'changed',
      after: { currentPoints: 650, lifetimePoints: 1350, lifetimePurchases: '25037.5' },
    });
    expect(adjustBalance(before, { type: 'EARN', points: 150 })).toMatchObject({ after: { lifetimePurchases: '25000' } });
    expect(adjustBalance(before, { type: 'DEDUCT', points: 100 })).toEqual({ kind: 'changed', after: { ...before, currentPoints: 400 } });
    expect(adjustBalance(before, { type: 'EXPIRE', points: 500 })).toEqual({ kind: 'changed', after: { ...before, currentPoints: 0 } });
    expect(adjustBalance(before, { type: 'ADJUST', points: -20 })).toEqual({ kind: 'changed', after: { ...before, currentPoints: 480 } });
    expect(adjustBalance(before, { type: 'ADJUST', points: 20 })).toEqual({ kind: 'changed', after: { ...before, currentPoints: 520 } });
  });

  it('never goes below zero (818) or past the bounds (801 for points, 400 for lifetime purchases)', () => {
    expect(adjustBalance(before, { type: 'DEDUCT', points: 501 })).toMatchObject({ kind: 'refused', code: 818 });
    expect(adjustBalance(before, { type: 'ADJUST', points: -501 })).toMatchObject({ kind: 'refused', code: 818 });
    expect(adjustBalance(before, { type: 'ADJUST', points: MAX_POINTS })).toMatchObject({ kind: 'refused', code: 801 });
    expect(adjustBalance({ ...before, currentPoints: 0, lifetimePoints: MAX_POINTS }, { type: 'EARN', points: 1 })).toMatchObject({ kind: 'refused', code: 801 });
    expect(adjustBalance({ ...before, lifetimePurchases: MAX_LIFETIME_PURCHASES }, { type: 'EARN', points: 1, lifetimePurchases: '0.001' })).toMatchObject({ kind: 'refused', code: 400 });
    expect(adjustBalance({ ...before, lifetimePurchases: '999999999999.998' }, { type: 'EARN', points: 1, lifetimePurchases: '0.001' })).toMatchObject({
      after: { lifetimePurchases: MAX_LIFETIME_PURCHASES },
    });
  });

  it('adds money exactly, whatever the amounts (up to 3 decimals)', () => {
    const cents = fc.integer({ min: 0, max: 999_999_999 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 20 }), (amounts) => {
        let balance = { ...before, lifetimePurchases: '0' };
        for (const thousandths of amounts) {
          const change = adjustBalance(balance, { type: 'EARN', points: 1, lifetimePurchases: canonicalAmount((thousandths / 1000).toFixed(3)) });
          if (change.kind !== 'changed') throw new Error('refused');
          balance = change.after;
        }
        const exact = amounts.reduce((sum, n) => sum + BigInt(n), 0n);
        expect(balance.lifetimePurchases).toBe(canonicalAmount(`${exact / 1000n}.${String(exact % 1000n).padStart(3, '0')}`));
      }),
    );
  });

  it('reads a stored balance as exact decimal text, and signs the change by type', () => {
    expect(adjustedBalanceOf({ currentPoints: 1, lifetimePoints: 2, lifetimePurchases: 999999999999.999 })).toEqual({ currentPoints: 1, lifetimePoints: 2, lifetimePurchases: '999999999999.999' });
    expect(adjustedBalanceOf({ currentPoints: 1, lifetimePoints: 2, lifetimePurchases: 0.1 }).lifetimePurchases).toBe('0.1');
    expect(Object.values(AdjustmentType).map((type) => signedPoints({ type, points: 7 }))).toEqual([7, -7, -7, 7]);
    expect(canonicalAmount('37.50')).toBe('37.5');
  });
});
