import Big from 'big.js';
import { MAX_LIFETIME_PURCHASES, MAX_POINTS } from '../bounds';
import { ItemCode } from '../item-codes';
import type { PointsBalance } from '../model';
import { AdjustmentType, type AdjustedBalance } from '../ports/adjustment-ledger';

/** Exact decimal arithmetic for money (big.js), never binary fractions: 0.1 + 0.2 is 0.3. */
const Decimal = Big();

/** What an adjustment asks to change (README, "Adjustments"). */
export interface BalanceAdjustment {
  readonly type: AdjustmentType;
  /** EARN, DEDUCT, EXPIRE: a positive whole number; ADJUST: signed, never 0. */
  readonly points: number;
  /** EARN only: money added to lifetime purchases, decimal text. */
  readonly lifetimePurchases?: string;
}

/** The balance after an adjustment, or why it may not be made. */
export type BalanceChange =
  | { readonly kind: 'changed'; readonly after: AdjustedBalance }
  /** 818: it would take current points below zero; 801 or 400 (ours): past a bound. Nothing changes. */
  | { readonly kind: 'refused'; readonly code: ItemCode; readonly message: string };

/** The signed change of current points: EARN adds, DEDUCT and EXPIRE take, ADJUST is as given. */
export function signedPoints(adjustment: Pick<BalanceAdjustment, 'type' | 'points'>): number {
  if (adjustment.type === AdjustmentType.DEDUCT || adjustment.type === AdjustmentType.EXPIRE) return -adjustment.points;
  return adjustment.points;
}

/** A balance as read (lifetime purchases a number of at most 15 significant digits) in the adjustment's terms. */
export function adjustedBalanceOf(balance: PointsBalance): AdjustedBalance {
  return { currentPoints: balance.currentPoints, lifetimePoints: balance.lifetimePoints, lifetimePurchases: new Decimal(balance.lifetimePurchases).toFixed() };
}

/**
 * The balance after an adjustment, or why it may not be made (ours: README, "Adjustments"): never
 * below zero (818), never past the bounds of bounds.ts (801 for points, 400 for lifetime purchases).
 */
export function adjustBalance(before: AdjustedBalance, adjustment: BalanceAdjustment): BalanceChange {
  const change = signedPoints(adjustment);
  const currentPoints = before.currentPoints + change;
  if (currentPoints < 0) {
    return refused(ItemCode.BALANCE_TOO_LOW, `Current points (${before.currentPoints}) are less than the ${-change} points this adjustment takes`);
  }
  if (currentPoints > MAX_POINTS) return refused(ItemCode.INVALID_POINTS, `The adjustment would take current points above ${MAX_POINTS}`);
  if (adjustment.type !== AdjustmentType.EARN) return { kind: 'changed', after: { ...before, currentPoints } };

  const lifetimePoints = before.lifetimePoints + adjustment.points;
  if (lifetimePoints > MAX_POINTS) return refused(ItemCode.INVALID_POINTS, `The adjustment would take lifetime points above ${MAX_POINTS}`);
  const purchases = new Decimal(before.lifetimePurchases).plus(adjustment.lifetimePurchases ?? '0');
  if (purchases.gt(MAX_LIFETIME_PURCHASES)) {
    return refused(ItemCode.INVALID_PARAMETER, `The adjustment would take lifetime purchases above ${MAX_LIFETIME_PURCHASES}`);
  }
  return { kind: 'changed', after: { currentPoints, lifetimePoints, lifetimePurchases: purchases.toFixed() } };
}

/** Money as canonical decimal text: "37.50" -> "37.5", "0.000" -> "0". */
export function canonicalAmount(amount: string | number): string {
  return new Decimal(amount).toFixed();
}

function refused(code: ItemCode, message: string): BalanceChange {
  return { kind: 'refused', code, message };
}
