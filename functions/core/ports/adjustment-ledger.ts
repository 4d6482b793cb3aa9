import type { BalanceHolder, CustomerIdentifier } from '../model';
import type { CustomerEcho, GroupEcho } from '../use-cases/redemption-check-result';

/**
 * The kinds of adjustment (ours: README, "Adjustments"): EARN adds to current and lifetime points
 * (and to lifetime purchases when given), DEDUCT and EXPIRE take from current points, ADJUST is a
 * signed change of current points.
 */
export const AdjustmentType = { EARN: 'EARN', DEDUCT: 'DEDUCT', EXPIRE: 'EXPIRE', ADJUST: 'ADJUST' } as const;
export type AdjustmentType = (typeof AdjustmentType)[keyof typeof AdjustmentType];

/**
 * A balance as an adjustment reads and writes it, in its program's points. Lifetime purchases are
 * money (the currency's unit, up to 3 decimals), kept as exact decimal text, never as a binary
 * fraction.
 */
export interface AdjustedBalance {
  readonly currentPoints: number;
  readonly lifetimePoints: number;
  readonly lifetimePurchases: string;
}

/** An adjustment as recorded: everything its answer and its replays need. */
export interface AdjustmentRecord {
  readonly orgId: string;
  /** referenceId(org, 'adjustment', reference): the reference is usable once per org, for good. */
  readonly adjustmentId: string;
  readonly reference: string;
  readonly type: AdjustmentType;
  /** The request's content, normalised: a repeat with the same reference must carry the same. */
  readonly requestKey: string;
  readonly customerId: number;
  /** How the request named the customer (normalised). */
  readonly identifier: CustomerIdentifier;
  readonly customer: CustomerEcho;
  readonly programId: number;
  /** The item whose balance changed: the customer's, or the group's (with the member who asked). */
  readonly holder: BalanceHolder;
  /** Signed change of current points. */
  readonly points: number;
  /** EARN: the money added to lifetime purchases, as decimal text. */
  readonly lifetimePurchases?: string;
  readonly before: AdjustedBalance;
  readonly after: AdjustedBalance;
  readonly group?: GroupEcho;
  readonly notes?: string;
  /** Epoch ms. */
  readonly at: number;
  /** The partner key's label (never the key). */
  readonly keyLabel: string;
}

export type AdjustmentCommit =
  | { readonly kind: 'committed' }
  /** An adjustment with this id exists already (its reference was used before): nothing changed. */
  | { readonly kind: 'duplicate' }
  /** The balance no longer holds what was read, or other writes kept colliding: nothing changed. */
  | { readonly kind: 'stale' };

/**
 * The adjustments' side of the points ledger (the same ledger as redemptions and reversals: README,
 * "The ledger"). Expected outcomes are returned; infrastructure failures are thrown.
 */
export interface AdjustmentLedger {
  /**
   * One transaction: sets the balance to `after` on the condition that it still holds `before`
   * (each field the adjustment changes), creates the record (only if its id is new) and the ledger
   * entry in the balance holder's partition.
   */
  commitAdjustment(record: AdjustmentRecord): Promise<AdjustmentCommit>;
  /** The adjustment with this id in the org, read consistently; undefined when there is none. */
  findAdjustment(orgId: string, adjustmentId: string): Promise<AdjustmentRecord | undefined>;
}
