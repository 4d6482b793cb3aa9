import { defaultItemMessage, ItemCode } from '../item-codes';
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
  /**
   * The request parameter at fault, when a parameter well formed on its own is refused once the
   * org's data is read (ours): a mobile number that cannot be one in the org (802), an amount worth
   * more than 2147483647 points (801).
   */
  readonly invalidParameter?: string;
}

/** A result's fields before its verdict: what the check knows of the request, program and wallet. */
export type CheckSummary = Omit<RedemptionCheckResult, 'redeemable' | 'status'>;

/** What a gate's refusal says beyond its code: the rule and why, or the request parameter at fault. */
export type RefusalDetail = { readonly rule: string; readonly message: string } | { readonly parameter: string; readonly message: string };

/**
 * A refusal by a gate before the amount is evaluated (program, customer, fraud, wallet): the
 * reference's message in `status`; `detail` says more, in the explanation. A parameter at fault is
 * the failed check's rule and the answer's `invalidParameter`.
 */
export function refusedCheck(summary: CheckSummary, code: ItemCode, detail?: RefusalDetail): RedemptionCheckResult {
  const message = defaultItemMessage[code];
  const parameter = detail && 'parameter' in detail ? detail.parameter : undefined;
  const rule = detail && 'rule' in detail ? detail.rule : parameter;
  const failed = { code, rule: rule ?? RULE_OF_GATE[code] ?? 'request', message: detail?.message ?? message };
  return { ...summary, redeemable: false, status: { code, message }, explanation: { failedChecks: [failed] }, ...(parameter !== undefined && { invalidParameter: parameter }) };
}

/** The rule each gate's refusal names in the explanation, when the gate gives none. */
const RULE_OF_GATE: Partial<Record<ItemCode, string>> = {
  [ItemCode.INVALID_PROGRAM]: 'programId',
  [ItemCode.PROGRAM_NOT_CONFIGURED]: 'programId',
  [ItemCode.REDEMPTION_DISABLED]: 'redemptionEnabled',
  [ItemCode.CUSTOMER_NOT_FOUND]: 'customer',
  [ItemCode.FRAUD]: 'blockedFraudStatuses',
  [ItemCode.NOT_REGISTERED]: 'registered',
};

/** An item status with the reference's default message for the code. */
export function itemStatus(code: ItemCode): RedemptionCheckResult['status'] {
  return { code, message: defaultItemMessage[code] };
}

/** The item message keeps the reference's text; 807 names its multiple, as the reference does, and 808 says why. */
export function itemMessage(violation: RuleViolation): string {
  return violation.code === ItemCode.NOT_A_MULTIPLE || violation.code === ItemCode.INVALID_VALIDATION_CODE
    ? violation.message
    : defaultItemMessage[violation.code];
}
