import type { BalanceHolder, CustomerIdentifier } from '../model';
import type { AdjustmentLedger, AdjustmentType } from './adjustment-ledger';
import type { CustomerEcho, EarnedIn, GroupEcho } from '../use-cases/redemption-check-result';

/**
 * The points ledger: every change of a balance, recorded in the same transaction as the change
 * (README, "The ledger"). Each method is one DynamoDB transaction whose conditions carry the
 * decision it commits: the balance is still the one the decision read, the record is new, the code
 * is still live. Expected outcomes (a condition failed) are returned; infrastructure failures are
 * thrown.
 */

/** A balance as a change read it: which item, which program, how many points (in that program's points). */
export interface BalanceRef {
  readonly holder: BalanceHolder;
  readonly programId: number;
}

/** A redemption as recorded, with everything its answer, its replays and its reversals need. */
export interface RedemptionRecord {
  readonly orgId: string;
  readonly redemptionId: string;
  /** The caller's `external_reference_number`; the id is derived from it when given. */
  readonly reference?: string;
  readonly customerId: number;
  /** How the request named the customer (normalised). */
  readonly identifier: CustomerIdentifier;
  readonly customer: CustomerEcho;
  /** The program named (or the org's default). */
  readonly programId: number;
  /** Points redeemed, in the named program's points (the contract's `points_redeemed`). */
  readonly points: number;
  /** Their value in the base currency, 2 decimals (`redeemed_value`). */
  readonly redeemValue: number;
  /** Where the points came from: the balance and what left it (in its own program's points). */
  readonly debit: BalanceRef & { readonly points: number; readonly before: number; readonly after: number };
  readonly group?: GroupEcho;
  readonly earnedIn?: EarnedIn;
  /** Named-program points reversed so far; never above `points`. */
  readonly reversedPoints: number;
  /** Balance points given back so far; never above `debit.points`. */
  readonly restoredPoints: number;
  /** Epoch ms. */
  readonly at: number;
  /** The partner key's label (not the key). */
  readonly keyLabel: string;
  readonly transactionNumber?: string;
  readonly notes?: string;
  /** As the caller wrote it (`redemption_time`). */
  readonly redemptionTime?: string;
}

/** A reversal as recorded (README, "POST /v2/points/reverse"). */
export interface ReversalRecord {
  readonly orgId: string;
  readonly reversalId: string;
  readonly redemptionId: string;
  /** The customer whose redemption it reverses. */
  readonly customerId: number;
  /** The caller's reversal reference (ours), when given: the id is derived from it. */
  readonly reference?: string;
  /** Named-program points this reversal takes back. */
  readonly points: number;
  /** What the balance gets back, in its own program's points. */
  readonly credit: BalanceRef & { readonly points: number; readonly before: number; readonly after: number };
  /** The redemption's reversed points before this reversal (the condition it commits on). */
  readonly reversedBefore: number;
  readonly restoredBefore: number;
  readonly at: number;
  readonly keyLabel: string;
}

/** What the code to use up is: the one a verification named, for this customer and program. */
export interface CodeToConsume {
  readonly customerId: number;
  readonly programId: number;
  readonly codeId: string;
}

export type RedemptionCommit =
  | { readonly kind: 'committed' }
  /** A redemption with this id exists already (its reference was used before): nothing changed. */
  | { readonly kind: 'duplicate' }
  /** The code was used or replaced since it was verified: nothing changed. */
  | { readonly kind: 'code-not-live' }
  /** The balance (or the group membership) is no longer what the decision read, or other writes kept colliding: nothing changed. */
  | { readonly kind: 'stale' };

export type ReversalCommit =
  | { readonly kind: 'committed' }
  | { readonly kind: 'duplicate' }
  /** The redemption's reversals or the balance changed since they were read: nothing changed. */
  | { readonly kind: 'stale' };

/** One line of a balance's history, newest first from `history`. */
export interface LedgerEntry {
  readonly entryId: string;
  readonly type: 'REDEMPTION' | 'REVERSAL' | 'ADJUSTMENT';
  readonly programId: number;
  /** Signed change, in the balance's program's points. */
  readonly points: number;
  readonly before: number;
  readonly after: number;
  readonly at: number;
  readonly keyLabel: string;
  readonly reference?: string;
  readonly redemptionId?: string;
  /** The customer who made the change (for a group balance, the member). */
  readonly customerId?: number;
  /** For an ADJUSTMENT: which kind (EARN, DEDUCT, EXPIRE, ADJUST); its id is the entry's. */
  readonly adjustmentType?: AdjustmentType;
}

export interface PointsLedger extends AdjustmentLedger {
  /**
   * Deducts `record.debit.points` from the balance if it still holds `record.debit.before`, writes
   * the redemption record (only if its id is new) and the ledger entry, and uses the code up when
   * given, all in one transaction.
   */
  commitRedemption(record: RedemptionRecord, code?: CodeToConsume): Promise<RedemptionCommit>;
  /** The redemption with this id in the org, read consistently; undefined when there is none. */
  findRedemption(orgId: string, redemptionId: string): Promise<RedemptionRecord | undefined>;
  /** A balance's current points, read consistently; undefined when the item or the program is gone. */
  readBalance(orgId: string, balance: BalanceRef): Promise<number | undefined>;
  /**
   * Credits the balance if it still holds `credit.before` and the redemption's reversals are still
   * `reversedBefore`, updates the redemption, writes the reversal record and the ledger entry: one
   * transaction.
   */
  commitReversal(reversal: ReversalRecord): Promise<ReversalCommit>;
  /** The reversal with this id, if any (for a replayed reversal reference). */
  findReversal(orgId: string, reversalId: string): Promise<ReversalRecord | undefined>;
  /** A balance's history, newest first: one Query. */
  history(orgId: string, holder: BalanceHolder, limit?: number): Promise<readonly LedgerEntry[]>;
}
