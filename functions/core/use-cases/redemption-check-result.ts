import type { ItemCode } from '../item-codes';
import type { IdentifierType } from '../model';
import type { ValidationChannel } from '../ports/validation-codes';
import type { RedeemableRange, RuleViolation } from '../rules/evaluate-amount';

/** The customer identifiers a response repeats back (the contract's mobile/email/external_id). */
export interface CustomerEcho {
  readonly mobile: string;
  readonly email: string;
  readonly externalId: string;
}

/** The group wallet a check used (only once the requesting customer is known to be allowed to use it). */
export interface GroupEcho {
  readonly id: number;
  readonly externalId?: string;
  readonly primaryCustomerId: number;
  /** As given with the primary member's identifier; accepted, not used for the lookup. */
  readonly source?: string;
  readonly accountId?: string;
}

/** Cross-program: the points of the earn program the checked amount takes (rounded up). */
export interface EarnedIn {
  readonly programId: number;
  readonly points: number;
  readonly pointValue: string;
}

export type OtpOutcome =
  | { readonly outcome: 'issued'; readonly channel: ValidationChannel; readonly expiresAt: number }
  | { readonly outcome: 'not-issued'; readonly reason: string };

/** The answer of one isredeemable check, before it is put in the Capillary envelope. */
export interface RedemptionCheckResult {
  readonly redeemable: boolean;
  /** The single Capillary item status: the first failing check, 800, or 876. */
  readonly status: { readonly code: ItemCode; readonly message: string };
  readonly customer: CustomerEcho;
  readonly identifiedBy: IdentifierType;
  readonly programId?: number;
  /** Points checked (after conversion when the input was money). */
  readonly points: number;
  readonly input: { readonly type: 'points' } | { readonly type: 'currency'; readonly currencyValue: string };
  /** Present once the program (and so the point value) is known. */
  readonly valuation?: { readonly pointValue: string; readonly redeemValue: number };
  /** Beyond the reference: every rule broken and what would pass. Absent on success. */
  readonly explanation?: {
    readonly failedChecks: readonly RuleViolation[];
    readonly redeemableRange?: RedeemableRange;
    readonly nearest?: { readonly below?: number; readonly above?: number };
  };
  readonly otp?: OtpOutcome;
  readonly group?: GroupEcho;
  readonly earnedIn?: EarnedIn;
}
