import { sameIdentifier } from '../customer-identifiers';
import { randomId, referenceId } from '../ids';
import { defaultItemMessage, ItemCode } from '../item-codes';
import type { Partner } from '../model';
import type { Backoff } from '../ports/backoff';
import type { Clock } from '../ports/clock';
import type { CodeToConsume, PointsLedger, RedemptionRecord } from '../ports/points-ledger';
import type { RandomSource } from '../ports/random-source';
import type { VerifyCodeResult } from '../ports/validation-codes';
import { checkResultOf, type CheckRedeemableDeps } from './check-redeemable';
import { evaluateRedemption, type RedemptionDecision } from './evaluate-redemption';
import type { RedemptionCheckResult } from './redemption-check-result';
import type { RedemptionCheckRequest } from './redemption-request';

export interface RedeemPointsDeps extends CheckRedeemableDeps {
  readonly ledger: PointsLedger;
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly backoff: Backoff;
}

/** POST redeem's request (contract, "POST /v1.1/points/redeem"), one entry, parsed. */
export interface RedeemRequest {
  /** What a check of the same input would check; `issueOtp` is always false. */
  readonly check: RedemptionCheckRequest & { readonly amount: { readonly kind: 'points'; readonly points: number } };
  /** `external_reference_number`: makes the redemption idempotent, for good. */
  readonly reference?: string;
  readonly transactionNumber?: string;
  readonly notes?: string;
  readonly redemptionTime?: string;
}

export type RedeemResult =
  /** Points left the balance, now or, for a repeat of the same request (`replayed`), earlier. */
  | { readonly kind: 'redeemed'; readonly redemption: RedemptionRecord; readonly replayed: boolean }
  /** The check failed (801 to 1632, 808): nothing changed. */
  | { readonly kind: 'refused'; readonly check: RedemptionCheckResult }
  /** 744: the reference belongs to a redemption of another customer, program or amount: nothing changed. */
  | { readonly kind: 'reference-reused'; readonly check: RedemptionCheckResult }
  /** 899 (ours): the balance kept changing under concurrent redemptions: nothing changed; retry with the same reference. */
  | { readonly kind: 'busy'; readonly check: RedemptionCheckResult };

/** How often a redemption re-reads and re-decides when the balance changed under it before it answers 899. */
export const MAX_REDEMPTION_ATTEMPTS = 8;

/**
 * redeem: the check of isredeemable for the same input, then the points leave the balance exactly
 * once (README, "Exactly once"):
 * - the decision (evaluate-redemption.ts) is committed by one transaction whose conditions keep it
 *   true: the balance still holds what was read (so it never goes below zero or below the rules),
 *   the record's id is new, the verified code is still live and is used up;
 * - with a reference, the record's id derives from it: a repeat of the request answers the
 *   original redemption and deducts nothing; the reference with another customer, program or
 *   amount is 744;
 * - if the balance changed under it, the redemption waits (deps.backoff), re-reads and re-decides
 *   (at most MAX_REDEMPTION_ATTEMPTS times, then 899 busy). A code is verified once.
 */
export async function redeemPoints(deps: RedeemPointsDeps, partner: Partner, request: RedeemRequest): Promise<RedeemResult> {
  const redemptionId = request.reference === undefined ? randomId(deps.random) : referenceId(partner.orgId, 'redemption', request.reference);
  let verdict: VerifyCodeResult | undefined;
  let last: RedemptionCheckResult | undefined;
  let customerId: number | undefined;
  for (let attempt = 0; attempt < MAX_REDEMPTION_ATTEMPTS; attempt += 1) {
    if (attempt > 0) await deps.backoff.wait(attempt);
    // A retry re-reads the customer it found by id: one read less, the same customer.
    const decision = await evaluateRedemption(deps, partner, request.check, { customerId });
    // The identifier as the org stores it, as the record keeps it (a mobile number in its stored form).
    const inOrg: RedeemRequest = { ...request, check: { ...request.check, identifier: decision.identifier } };
    if (decision.kind === 'refused') return refusedOrReplayed(deps, partner, inOrg, redemptionId, decision.result);
    if (decision.code.kind === 'verify') verdict ??= await deps.validationCodes.verify(decision.code.request);
    const check = checkResultOf(decision, verdict);
    if (!check.redeemable) return refusedOrReplayed(deps, partner, inOrg, redemptionId, check, decision.customer.id);

    const record = recordOf(decision, inOrg, { orgId: partner.orgId, keyLabel: partner.keyLabel, redemptionId, at: deps.clock.now() });
    const code: CodeToConsume | undefined = verdict?.kind === 'valid' ? { customerId: record.customerId, programId: record.programId, codeId: verdict.codeId } : undefined;
    const commit = await deps.ledger.commitRedemption(record, code);
    if (commit.kind === 'committed') return { kind: 'redeemed', redemption: record, replayed: false };
    if (commit.kind === 'duplicate') return refusedOrReplayed(deps, partner, inOrg, redemptionId, check, decision.customer.id);
    if (commit.kind === 'code-not-live') return { kind: 'refused', check: codeNoLongerLive(check) };
    last = check;
    customerId = decision.customer.id;
  }
  return { kind: 'busy', check: refusal(last, ItemCode.BALANCE_BUSY) };
}

/**
 * A refused redemption with a reference may be the repeat of one that went through (its code is
 * used up, its balance spent): the record decides. Costs one read, on this path only.
 */
async function refusedOrReplayed(
  deps: RedeemPointsDeps,
  partner: Partner,
  request: RedeemRequest,
  redemptionId: string,
  check: RedemptionCheckResult,
  customerId?: number,
): Promise<RedeemResult> {
  if (request.reference === undefined) return { kind: 'refused', check };
  const existing = await deps.ledger.findRedemption(partner.orgId, redemptionId);
  if (!existing) return { kind: 'refused', check };
  if (isRepeat(existing, request, customerId)) return { kind: 'redeemed', redemption: existing, replayed: true };
  return { kind: 'reference-reused', check: refusal(check, ItemCode.REFERENCE_EXISTS) };
}

/**
 * Whether a request repeats the recorded redemption: the same amount, the same program (or none
 * named), the same customer (by id once known, else by the identifier the request names). Ours:
 * README, "Exactly once".
 */
function isRepeat(existing: RedemptionRecord, request: RedeemRequest, customerId: number | undefined): boolean {
  const sameCustomer = customerId !== undefined ? customerId === existing.customerId : sameIdentifier(request.check.identifier, existing.identifier);
  const sameProgram = request.check.programId === undefined || request.check.programId === existing.programId;
  return sameCustomer && sameProgram && request.check.amount.points === existing.points;
}

function recordOf(
  decision: Extract<RedemptionDecision, { kind: 'evaluated' }>,
  request: RedeemRequest,
  meta: { orgId: string; keyLabel: string; redemptionId: string; at: number },
): RedemptionRecord {
  const { summary, debit } = decision;
  const before = debit.balance.currentPoints;
  return {
    ...meta,
    ...(request.reference !== undefined && { reference: request.reference }),
    customerId: decision.customer.id,
    identifier: request.check.identifier,
    customer: summary.customer,
    programId: decision.program.id,
    points: summary.points,
    redeemValue: summary.valuation?.redeemValue ?? 0,
    debit: { holder: debit.holder, programId: debit.programId, points: debit.points, before, after: before - debit.points },
    ...(summary.group && { group: summary.group }),
    ...(summary.earnedIn && { earnedIn: summary.earnedIn }),
    reversedPoints: 0,
    restoredPoints: 0,
    ...(request.transactionNumber !== undefined && { transactionNumber: request.transactionNumber }),
    ...(request.notes !== undefined && { notes: request.notes }),
    ...(request.redemptionTime !== undefined && { redemptionTime: request.redemptionTime }),
  };
}

/** A check's answer turned into a refusal with another item code (744, 899), keeping what it knew. */
function refusal(check: RedemptionCheckResult | undefined, code: ItemCode): RedemptionCheckResult {
  const base = check ?? ({ customer: { mobile: '', email: '', externalId: '' }, identifiedBy: 'mobile', points: 0, input: { type: 'points' } } as const);
  const status = { code, message: defaultItemMessage[code] };
  const rule = code === ItemCode.REFERENCE_EXISTS ? 'externalReferenceNumber' : 'currentPoints';
  return { ...base, redeemable: false, status, explanation: { failedChecks: [{ code, rule, message: status.message }] } };
}

function codeNoLongerLive(check: RedemptionCheckResult): RedemptionCheckResult {
  const message = 'Validation code was used or replaced while redeeming: ask for a new one';
  const code = ItemCode.INVALID_VALIDATION_CODE;
  return { ...check, redeemable: false, status: { code, message }, explanation: { failedChecks: [{ code, rule: 'validationCode', message }] } };
}
